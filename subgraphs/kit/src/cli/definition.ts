import path from 'node:path';
import type { SubgraphDefinition } from '../server';

/**
 * The subgraph definition a compiled subgraph package exports (`<folder>/dist/index.js`), for the
 * kit's command-line tools; the subgraph must be built first (`tsc -b`).
 */
export async function loadCompiledDefinition(folder: string): Promise<SubgraphDefinition> {
  const exported = (await import(path.join(path.resolve(folder), 'dist', 'index.js'))) as Record<string, unknown>;
  const definition = Object.values(exported).find(
    (value): value is SubgraphDefinition => typeof value === 'object' && value !== null && 'persistence' in value,
  );
  if (!definition) throw new Error(`${folder} exports no subgraph definition`);
  return definition;
}

/** Runs a command-line tool's main function: its error's message on stderr and exit status 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
