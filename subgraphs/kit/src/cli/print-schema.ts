/**
 * Prints a subgraph's schema from its code to `<subgraph folder>/schema.graphql`, the file that
 * composition reads and that the subgraph's `test/schema.test.ts` checks:
 *
 *   node subgraphs/kit/dist/cli/print-schema.js <subgraph folder>...
 *
 * The subgraphs must be built first (`tsc -b`): their compiled definitions are loaded.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { printFederatedSchema } from '../schema';
import { loadCompiledDefinition, runCli } from './definition';

/** The committed schema of a subgraph package, relative to its folder. */
const SCHEMA_FILE = 'schema.graphql';

runCli(async () => {
  const folders = process.argv.slice(2);
  if (!folders.length) throw new Error('usage: print-schema <subgraph folder>...');
  for (const folder of folders) {
    const definition = await loadCompiledDefinition(folder);
    const file = path.join(path.resolve(folder), SCHEMA_FILE);
    await writeFile(file, printFederatedSchema(await definition.buildSchema()));
    process.stdout.write(`Printed ${path.relative(process.cwd(), file)} from ${definition.name}'s code\n`);
  }
});
