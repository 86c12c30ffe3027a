import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { SUBGRAPH_NAMES, type SubgraphName } from '@metrology/kit/config';
import gql from 'graphql-tag';

/**
 * URLs written into the committed supergraph: the service names of the production topology
 * (docker-compose), which Apollo Router uses as they are. The Node gateway overrides them from
 * its configuration.
 */
export const TOPOLOGY_URLS: Record<SubgraphName, string> = {
  training: 'http://training:4001/graphql',
  labs: 'http://labs:4002/graphql',
  funding: 'http://funding:4003/graphql',
};

const ROOT = path.resolve(__dirname, '..', '..');
export const SUPERGRAPH_FILE = path.join(ROOT, 'gateway', 'supergraph.graphql');

export interface SubgraphSchema {
  name: SubgraphName;
  sdl: string;
}

/**
 * Each subgraph's committed `subgraphs/<name>/schema.graphql`, which the subgraph prints from its
 * code and tests (`subgraphs/<name>/test/schema.test.ts`): composition never loads subgraph code.
 */
export async function readSubgraphSchemas(root: string = ROOT): Promise<SubgraphSchema[]> {
  return Promise.all(
    SUBGRAPH_NAMES.map(async (name) => ({
      name,
      sdl: await readFile(path.join(root, 'subgraphs', name, 'schema.graphql'), 'utf8'),
    })),
  );
}

/** Composes the subgraph schemas into the supergraph SDL; throws with every composition error. */
export function composeSupergraph(subgraphs: readonly SubgraphSchema[]): string {
  const result = composeServices(subgraphs.map(({ name, sdl }) => ({ name, typeDefs: gql(sdl), url: TOPOLOGY_URLS[name] })));
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}
