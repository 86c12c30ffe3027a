/**
 * Prints docs/ROLES.md from the role matrices of the subgraphs (`subgraphs/<name>/src/access.ts`),
 * in the platform's order; `test/roles-document.test.ts` fails when the committed file is stale:
 *
 *   node subgraphs/kit/dist/cli/roles-document.js <repository root>
 *
 * The subgraphs must be built first (`tsc -b`): their compiled definitions are loaded.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type AccessMatrix, renderRolesDocument } from '../access';
import { SUBGRAPH_NAMES } from '../config';
import { loadCompiledDefinition, runCli } from './definition';

runCli(async () => {
  const [root] = process.argv.slice(2);
  if (!root) throw new Error('usage: roles-document <repository root>');
  const matrices: AccessMatrix[] = [];
  for (const name of SUBGRAPH_NAMES) {
    const { access } = await loadCompiledDefinition(path.join(root, 'subgraphs', name));
    if (access) matrices.push(access);
  }
  const file = path.join(path.resolve(root), 'docs', 'ROLES.md');
  await writeFile(file, renderRolesDocument(matrices));
  process.stdout.write(`Printed the role matrices to ${path.relative(process.cwd(), file)}\n`);
});
