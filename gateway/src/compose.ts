/**
 * Composes the subgraphs' committed schemas (`subgraphs/<name>/schema.graphql`, each printed from
 * its subgraph's code by `node subgraphs/kit/dist/cli/print-schema.js <folder>`) into
 * `gateway/supergraph.graphql`, which the gateway reads when it starts. `npm run compose` runs
 * both steps; `gateway/test/composition.test.ts` fails when the committed supergraph is stale.
 */
import { writeFile } from 'node:fs/promises';
import { composeSupergraph, readSubgraphSchemas, SUPERGRAPH_FILE } from './composition';

async function main(): Promise<void> {
  const subgraphs = await readSubgraphSchemas();
  await writeFile(SUPERGRAPH_FILE, composeSupergraph(subgraphs));
  process.stdout.write(`Composed ${subgraphs.map((s) => s.name).join(', ')} into gateway/supergraph.graphql\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
