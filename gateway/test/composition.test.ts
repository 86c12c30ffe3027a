import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, readSubgraphSchemas, SUPERGRAPH_FILE } from '../src/composition';

describe('gateway/supergraph.graphql', () => {
  it('is the composition of the committed subgraph schemas (run `npm run compose` after a schema change)', async () => {
    const supergraph = composeSupergraph(await readSubgraphSchemas());
    expect(await readFile(SUPERGRAPH_FILE, 'utf8'), 'gateway/supergraph.graphql is stale').toBe(supergraph);
  });

  it('composes a field added to a subgraph’s committed schema file, from the files alone', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'metrology-compose-'));
    try {
      for (const { name, sdl } of await readSubgraphSchemas()) {
        await mkdir(path.join(root, 'subgraphs', name), { recursive: true });
        const edited = name === 'labs' ? sdl.replace(/^type Query \{\n/m, '$&  laboratoryCount: Int!\n') : sdl;
        await writeFile(path.join(root, 'subgraphs', name, 'schema.graphql'), edited);
      }
      const committed = await readFile(SUPERGRAPH_FILE, 'utf8');
      const supergraph = composeSupergraph(await readSubgraphSchemas(root));
      expect(committed).not.toContain('laboratoryCount');
      expect(supergraph).toMatch(/^ {2}laboratoryCount: Int! @join__field\(graph: LABS\)$/m);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('composition reports a conflict instead of writing a broken supergraph', async () => {
    const subgraphs = await readSubgraphSchemas();
    const broken = subgraphs.map((s) =>
      s.name === 'labs' ? { ...s, sdl: s.sdl.replace('infrastructureTargets', 'budgetTotal') } : s,
    );
    expect(broken.find((s) => s.name === 'labs')?.sdl).toContain('budgetTotal');
    expect(() => composeSupergraph(broken)).toThrow(/Composition failed/);
  });
});

describe('the gateway package', () => {
  const SUBGRAPH_PACKAGE = /@metrology\/(training|labs|funding)\b/;

  it('depends on no subgraph package: not in package.json, tsconfig references, sources or tests', async () => {
    const gateway = path.resolve(__dirname, '..');
    const manifest = JSON.parse(await readFile(path.join(gateway, 'package.json'), 'utf8')) as Record<string, unknown>;
    const declared = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((key) =>
      Object.keys((manifest[key] as Record<string, string> | undefined) ?? {}),
    );
    expect(declared.filter((name) => SUBGRAPH_PACKAGE.test(name))).toEqual([]);
    const tsconfig = JSON.parse(await readFile(path.join(gateway, 'tsconfig.json'), 'utf8')) as {
      references?: { path: string }[];
    };
    expect((tsconfig.references ?? []).map((reference) => reference.path).filter((p) => /subgraphs\/(?!kit\b)/.test(p))).toEqual(
      [],
    );
    const files = (await readdir(gateway, { recursive: true }))
      .filter((file) => /^(src|test)\/.*\.ts$/.test(file))
      .map((file) => path.join(gateway, file));
    expect(files.length).toBeGreaterThan(10);
    const importers: string[] = [];
    for (const file of files) {
      const source = await readFile(file, 'utf8');
      if (
        /from\s+['"]@metrology\/(training|labs|funding)['"/]|import\(\s*['"]@metrology\/(training|labs|funding)|subgraphs\/(training|labs|funding)\/src/.test(
          source,
        )
      ) {
        importers.push(path.relative(gateway, file));
      }
    }
    expect(importers).toEqual([]);
  });
});
