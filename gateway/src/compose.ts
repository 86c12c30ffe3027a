/**
 * Prints every subgraph's schema from its code to `subgraphs/<name>/schema.graphql` and composes
 * them into `gateway/supergraph.graphql`. Both are committed; a test fails when they drift.
 */
import { writeFile } from 'node:fs/promises';
import { composeSupergraph, printSubgraphs, SUPERGRAPH_FILE, subgraphSchemaFile } from './composition';
import { ROLES_FILE, rolesDocument } from './roles-document';

async function main(): Promise<void> {
  const subgraphs = await printSubgraphs();
  const supergraph = composeSupergraph(subgraphs);
  for (const { name, sdl } of subgraphs) await writeFile(subgraphSchemaFile(name), sdl);
  await writeFile(SUPERGRAPH_FILE, supergraph);
  await writeFile(ROLES_FILE, rolesDocument());
  process.stdout.write(`Composed ${subgraphs.map((s) => s.name).join(', ')} into gateway/supergraph.graphql\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
