/**
 * The import rules of docs/ARCHITECTURE.md ("Composition"): dependencies between packages go one
 * way, and within a package no module imports one that imports it back, type-only imports included.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const PACKAGES = [
  'subgraphs/kit',
  'subgraphs/training',
  'subgraphs/labs',
  'subgraphs/funding',
  'gateway',
  'clients/sdk',
  'clients/web',
  'clients/cli',
  'clients/reports',
  'test',
];

describe('imports', () => {
  it('form no cycle among the modules of each package’s sources, type-only imports included', async () => {
    const sources = PACKAGES.filter((folder) => folder !== 'test').map((folder) => path.join(ROOT, folder, 'src'));
    const graph = await madge(sources, {
      baseDir: ROOT,
      fileExtensions: ['ts', 'tsx'],
      tsConfig: path.join(ROOT, 'tsconfig.base.json'),
      detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
    });
    expect(Object.keys(graph.obj())).toContain('gateway/src/server.ts');
    expect(graph.circular()).toEqual([]);
  });

  it('between workspace packages go one way: the kit depends on none, the gateway on the kit alone', async () => {
    const dependsOn = new Map<string, string[]>();
    const nameOf = new Map<string, string>();
    for (const folder of PACKAGES) {
      const manifest = JSON.parse(await readFile(path.join(ROOT, folder, 'package.json'), 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      nameOf.set(folder, manifest.name);
      const declared = { ...manifest.dependencies, ...manifest.devDependencies };
      dependsOn.set(
        manifest.name,
        Object.keys(declared).filter((name) => declared[name].startsWith('workspace:')),
      );
    }
    expect(dependsOn.get('@metrology/kit')).toEqual([]);
    expect(dependsOn.get('@metrology/gateway')).toEqual(['@metrology/kit']);
    // Every package can be built after the ones it depends on: removing those whose dependencies
    // are all removed empties the graph.
    const remaining = new Set(dependsOn.keys());
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const name of remaining) {
        if ((dependsOn.get(name) ?? []).every((dependency) => !remaining.has(dependency))) {
          remaining.delete(name);
          progressed = true;
        }
      }
    }
    expect([...remaining]).toEqual([]);
    expect(nameOf.size).toBe(PACKAGES.length);
  });
});
