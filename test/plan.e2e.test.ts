import { signDevelopmentToken } from '@metrology/kit/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './harness';

const PLAN = /* GraphQL */ `
  query Plan($code: ID!) {
    plan(code: $code) {
      code
      phases { number startDate endDate }
      trainingTargets { indicator phase scope value }
      infrastructureTargets { indicator phase scope value }
      envelopes { source amount }
      budgetTotal
    }
  }
`;

describe('gateway: the plan across the three subgraphs', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('answers one query with phases (funding), all five targets (training, labs) and the envelopes totalling 16925000000 (funding)', async () => {
    const result = await stack.execute<{ plan: Record<string, unknown> }>(
      { query: PLAN, variables: { code: '129/KH-UBND' } },
      { role: 'viewer' },
    );
    expect(result.errors).toBeUndefined();
    const plan = result.data?.plan as {
      phases: unknown[];
      trainingTargets: { indicator: string }[];
      infrastructureTargets: { indicator: string }[];
      envelopes: { amount: number }[];
      budgetTotal: number;
    };
    expect(plan.phases).toHaveLength(2);
    const indicators = new Set([...plan.trainingTargets, ...plan.infrastructureTargets].map((t) => t.indicator));
    expect([...indicators].sort()).toEqual(['CAPACITY', 'LABS', 'MAP', 'STANDARDS', 'TRAINING']);
    expect(plan.trainingTargets).toContainEqual({ indicator: 'TRAINING', phase: 2, scope: 'PER_YEAR', value: 60 });
    expect(plan.infrastructureTargets).toContainEqual({ indicator: 'LABS', phase: 2, scope: 'HELD', value: 2 });
    expect(plan.envelopes.map((e) => e.amount)).toEqual([6000000000, 7500000000, 3425000000]);
    expect(plan.budgetTotal).toBe(16925000000);
  });

  it('refuses the plan to a caller without a token (UNAUTHENTICATED from the subgraph)', async () => {
    const result = await stack.execute({ query: PLAN, variables: { code: '129/KH-UBND' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeNull();
  });

  it('refuses a token signed with another secret (401 UNAUTHENTICATED)', async () => {
    const forged = await signDevelopmentToken(
      { ...stack.gatewayConfig.jwt, secret: 'someone-elses-secret-of-a-sufficient-length' },
      { subject: 'intruder', roles: ['admin'] },
    );
    const result = await stack.execute(
      { query: PLAN, variables: { code: '129/KH-UBND' } },
      { authorization: `Bearer ${forged}` },
    );
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const expired = await signDevelopmentToken(stack.gatewayConfig.jwt, { subject: 'late', roles: ['viewer'] }, -60);
    const result = await stack.execute(
      { query: PLAN, variables: { code: '129/KH-UBND' } },
      { authorization: `Bearer ${expired}` },
    );
    expect(result.status).toBe(401);
  });

  it('refuses a token from another issuer', async () => {
    const other = await signDevelopmentToken(
      { ...stack.gatewayConfig.jwt, issuer: 'elsewhere' },
      { subject: 'x', roles: ['viewer'] },
    );
    const result = await stack.execute({ query: PLAN, variables: { code: '129/KH-UBND' } }, { authorization: `Bearer ${other}` });
    expect(result.status).toBe(401);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const result = await stack.execute(
      { query: PLAN, variables: { code: '129/KH-UBND' } },
      { authorization: 'Basic dXNlcjpwYXNz' },
    );
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps the subgraphs closed to direct calls while the gateway reaches them', async () => {
    const response = await fetch(stack.subgraphs.training.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});
