import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundingSubgraph } from '../src';
import { Plan } from '../src/modules/plan/plan.entity';
import { PlanSeeder } from '../src/seeders/plan.seeder';

const PLAN_QUERY = /* GraphQL */ `
  query Plan($code: ID!) {
    plan(code: $code) {
      code
      issuer
      signedOn
      phases { number startDate endDate }
      taskGroups { number title }
      envelopes { source amount taskGroups }
      budgetTotal
    }
  }
`;

describe('funding subgraph: the plan seeded from Plan 129/KH-UBND', () => {
  let subgraph: TestSubgraph;
  const viewer = identityOf('viewer');

  beforeAll(async () => {
    subgraph = await startTestSubgraph(fundingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('serves the plan with its two phases, seven task groups and three envelopes totalling 16,925,000,000 VND', async () => {
    const result = await subgraph.execute({ query: PLAN_QUERY, variables: { code: '129/KH-UBND' } }, viewer);
    expect(result.errors).toBeUndefined();
    expect(result.data?.plan).toMatchObject({
      code: '129/KH-UBND',
      issuer: 'UBND tỉnh Lạng Sơn',
      signedOn: '2019-07-23',
      phases: [
        { number: 1, startDate: '2019-01-01', endDate: '2025-12-31' },
        { number: 2, startDate: '2026-01-01', endDate: '2030-12-31' },
      ],
      envelopes: [
        { source: 'SCIENCE_OPERATING', amount: 6000000000, taskGroups: [1, 3, 4, 5, 6] },
        { source: 'DEVELOPMENT_INVESTMENT', amount: 7500000000, taskGroups: [2] },
        { source: 'ENTERPRISE_AND_OTHER', amount: 3425000000, taskGroups: [] },
      ],
      budgetTotal: 16925000000,
    });
    const plan = result.data?.plan as { taskGroups: { number: number }[] };
    expect(plan.taskGroups.map((group) => group.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('answers NOT_FOUND for an unknown plan code', async () => {
    const result = await subgraph.execute({ query: PLAN_QUERY, variables: { code: '999/KH-UBND' } }, viewer);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(result.errors?.[0]?.message).toContain('999/KH-UBND');
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    const result = await subgraph.execute({ query: PLAN_QUERY, variables: { code: '129/KH-UBND' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeNull();
  });

  it('resolves a Plan entity reference by its code (_entities)', async () => {
    const result = await subgraph.execute(
      {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Plan { code budgetTotal phases { number } } } }`,
        variables: { r: [{ __typename: 'Plan', code: '129/KH-UBND' }] },
      },
      viewer,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [{ code: '129/KH-UBND', budgetTotal: 16925000000, phases: [{ number: 1 }, { number: 2 }] }],
    });
  });

  it('refuses a direct call without the gateway signature', async () => {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ plans { code } }' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('seeds idempotently: running the seeder again adds nothing', async () => {
    const orm = subgraph.database.orm;
    await orm.getSeeder().seed(PlanSeeder);
    expect(await orm.em.fork().count(Plan, {})).toBe(1);
  });

  it('reports health and readiness without a signature', async () => {
    const base = subgraph.url.replace(/\/graphql$/, '');
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok', service: 'funding' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
  });
});

describe('funding subgraph: signed requests', () => {
  it('refuses GraphQL over GET even when signed for that very request (the gateway only POSTs)', async () => {
    const { signIdentity } = await import('@metrology/kit/identity');
    const { DEV_GATEWAY_SECRET } = await import('@metrology/kit/config');
    const subgraph = await startTestSubgraph(fundingSubgraph);
    try {
      const url = `${subgraph.url}?query=${encodeURIComponent('{ plans { code } }')}`;
      const target = url.slice(url.indexOf('/graphql'));
      const response = await fetch(url, {
        headers: {
          'apollo-require-preflight': 'true',
          ...signIdentity(identityOf('admin'), { method: 'GET', target, body: '' }, DEV_GATEWAY_SECRET),
        },
      });
      expect(response.status).toBe(405);
    } finally {
      await subgraph.stop();
    }
  });
});
