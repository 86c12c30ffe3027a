import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fundingSubgraph } from '@metrology/funding';
import { loadGatewayConfig, startGateway } from '@metrology/gateway';
import { type RunningSubgraph, type SubgraphDefinition, startSubgraph } from '@metrology/kit';
import { loadSubgraphConfig, type SubgraphName } from '@metrology/kit/config';
import { signDevelopmentToken } from '@metrology/kit/identity';
import { labsSubgraph } from '@metrology/labs';
import { trainingSubgraph } from '@metrology/training';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DEFINITIONS: SubgraphDefinition[] = [trainingSubgraph, labsSubgraph, fundingSubgraph];

async function startEmbedded(dataDir: string): Promise<RunningSubgraph[]> {
  return Promise.all(
    DEFINITIONS.map((definition) =>
      startSubgraph(
        definition,
        // No database URL: the embedded PGlite database in DATA_DIR.
        loadSubgraphConfig(definition.name, {
          NODE_ENV: 'test',
          DATA_DIR: dataDir,
          [`${definition.name.toUpperCase()}_PORT`]: '0',
        }),
      ),
    ),
  );
}

async function queryPlan(subgraphs: RunningSubgraph[]): Promise<Record<string, unknown>> {
  const urls = Object.fromEntries(subgraphs.map((s) => [`${s.name.toUpperCase()}_URL`, s.url])) as Record<
    `${Uppercase<SubgraphName>}_URL`,
    string
  >;
  const config = loadGatewayConfig({ NODE_ENV: 'test', GATEWAY_PORT: '0', ...urls });
  const gateway = await startGateway(config);
  try {
    const token = await signDevelopmentToken(config.jwt, { subject: 'smoke', roles: ['viewer'] });
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: '{ plan(code: "129/KH-UBND") { code budgetTotal trainingTargets { value } infrastructureTargets { value } } }',
      }),
    });
    return (await response.json()) as Record<string, unknown>;
  } finally {
    await gateway.stop();
  }
}

describe('embedded database (no database URL): the zero-setup path', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'metrology-embedded-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('migrates, seeds and serves the plan through the gateway, then keeps its data across a restart', async () => {
    const first = await startEmbedded(dataDir);
    try {
      expect(first.every((s) => s.database.kind === 'embedded')).toBe(true);
      expect(await queryPlan(first)).toEqual({
        data: {
          plan: {
            code: '129/KH-UBND',
            budgetTotal: 16925000000,
            trainingTargets: [{ value: 300 }, { value: 60 }, { value: 300 }, { value: 60 }],
            infrastructureTargets: [
              { value: 1 },
              { value: 1 },
              { value: 2 },
              { value: 10 },
              { value: 20 },
              { value: 5 },
              { value: 10 },
            ],
          },
        },
      });
    } finally {
      await Promise.all(first.map((s) => s.stop()));
    }

    const second = await startEmbedded(dataDir);
    try {
      const funding = second.find((s) => s.name === 'funding') as RunningSubgraph;
      const connection = funding.database.orm.em.getConnection();
      expect(await connection.execute('select count(*)::int as n from plan')).toEqual([{ n: 1 }]);
      // Each committed migration applied once, on the first start only.
      expect(await connection.execute('select count(*)::int as n from mikro_orm_migrations')).toEqual([
        { n: fundingSubgraph.persistence.migrations.length },
      ]);
      expect(((await queryPlan(second)).data as { plan: { budgetTotal: number } }).plan.budgetTotal).toBe(16925000000);
    } finally {
      await Promise.all(second.map((s) => s.stop()));
    }
  });
});
