import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { fundingSubgraph } from '@metrology/funding';
import { printFederatedSchema, type SubgraphDefinition, type SubgraphName } from '@metrology/kit';
import { labsSubgraph } from '@metrology/labs';
import { trainingSubgraph } from '@metrology/training';
import gql from 'graphql-tag';

export const SUBGRAPHS: readonly SubgraphDefinition[] = [trainingSubgraph, labsSubgraph, fundingSubgraph];

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
export const subgraphSchemaFile = (name: SubgraphName): string => path.join(ROOT, 'subgraphs', name, 'schema.graphql');

export interface PrintedSubgraph {
  name: SubgraphName;
  sdl: string;
}

/** Each subgraph's SDL, printed from its code. */
export async function printSubgraphs(): Promise<PrintedSubgraph[]> {
  return Promise.all(
    SUBGRAPHS.map(async (definition) => ({ name: definition.name, sdl: printFederatedSchema(await definition.buildSchema()) })),
  );
}

/** Composes the printed subgraphs into the supergraph SDL; throws with every composition error. */
export function composeSupergraph(subgraphs: PrintedSubgraph[]): string {
  const result = composeServices(subgraphs.map(({ name, sdl }) => ({ name, typeDefs: gql(sdl), url: TOPOLOGY_URLS[name] })));
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}
