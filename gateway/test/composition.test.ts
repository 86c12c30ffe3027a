import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, printSubgraphs, SUPERGRAPH_FILE, subgraphSchemaFile } from '../src/composition';

describe('committed schemas match the code', () => {
  it('each subgraph’s schema.graphql is what its code prints (run `pnpm compose` after a schema change)', async () => {
    for (const { name, sdl } of await printSubgraphs()) {
      expect(await readFile(subgraphSchemaFile(name), 'utf8'), `subgraphs/${name}/schema.graphql is stale`).toBe(sdl);
    }
  });

  it('gateway/supergraph.graphql is the composition of the printed subgraphs', async () => {
    const supergraph = composeSupergraph(await printSubgraphs());
    expect(await readFile(SUPERGRAPH_FILE, 'utf8'), 'gateway/supergraph.graphql is stale').toBe(supergraph);
  });

  it('composition reports a conflict instead of writing a broken supergraph', async () => {
    const subgraphs = await printSubgraphs();
    const broken = subgraphs.map((s) =>
      s.name === 'labs' ? { ...s, sdl: s.sdl.replace('infrastructureTargets', 'budgetTotal') } : s,
    );
    expect(() => composeSupergraph(broken)).toThrow(/Composition failed/);
  });
});
