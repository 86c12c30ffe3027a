import type { SubgraphDefinition } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { labsSubgraph } from '@metrology/labs';
import { trainingSubgraph } from '@metrology/training';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TRAINING = [
  { indicator: 'TRAINING', phase: 1, scope: 'PER_PHASE', value: 300, windowStart: '2019-01-01', windowEnd: '2025-12-31' },
  { indicator: 'TRAINING', phase: 1, scope: 'PER_YEAR', value: 60, windowStart: '2019-01-01', windowEnd: '2025-12-31' },
  { indicator: 'TRAINING', phase: 2, scope: 'PER_PHASE', value: 300, windowStart: '2026-01-01', windowEnd: '2030-12-31' },
  { indicator: 'TRAINING', phase: 2, scope: 'PER_YEAR', value: 60, windowStart: '2026-01-01', windowEnd: '2030-12-31' },
];

/** Cumulative and held targets count from the plan's start to the end of their phase. */
const INFRASTRUCTURE = [
  { indicator: 'CAPACITY', phase: 1, scope: 'CUMULATIVE', value: 1, windowStart: '2019-01-01', windowEnd: '2025-12-31' },
  { indicator: 'LABS', phase: 1, scope: 'HELD', value: 1, windowStart: '2019-01-01', windowEnd: '2025-12-31' },
  { indicator: 'LABS', phase: 2, scope: 'HELD', value: 2, windowStart: '2019-01-01', windowEnd: '2030-12-31' },
  { indicator: 'MAP', phase: 1, scope: 'CUMULATIVE', value: 10, windowStart: '2019-01-01', windowEnd: '2025-12-31' },
  { indicator: 'MAP', phase: 2, scope: 'CUMULATIVE', value: 20, windowStart: '2019-01-01', windowEnd: '2030-12-31' },
  { indicator: 'STANDARDS', phase: 1, scope: 'CUMULATIVE', value: 5, windowStart: '2019-01-01', windowEnd: '2025-12-31' },
  { indicator: 'STANDARDS', phase: 2, scope: 'CUMULATIVE', value: 10, windowStart: '2019-01-01', windowEnd: '2030-12-31' },
];

const CASES: { name: string; definition: SubgraphDefinition; field: string; expected: unknown[] }[] = [
  {
    name: 'training (TRAINING: 300 a phase, 60 a year)',
    definition: trainingSubgraph,
    field: 'trainingTargets',
    expected: TRAINING,
  },
  {
    name: 'labs (STANDARDS, MAP, LABS, CAPACITY)',
    definition: labsSubgraph,
    field: 'infrastructureTargets',
    expected: INFRASTRUCTURE,
  },
];

describe.each(CASES)('plan targets seeded as data in $name', ({ definition, field, expected }) => {
  let subgraph: TestSubgraph;
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Plan { code ${field} { indicator phase scope value windowStart windowEnd } } } }`;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(definition);
  });
  afterAll(() => subgraph?.stop());

  it('resolves a Plan entity by its code with its targets, scopes and windows', async () => {
    const result = await subgraph.execute(
      { query, variables: { r: [{ __typename: 'Plan', code: '129/KH-UBND' }] } },
      identityOf('viewer'),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ code: '129/KH-UBND', [field]: expected }] });
  });

  it('answers an empty list for a plan it holds no targets of', async () => {
    const result = await subgraph.execute(
      { query, variables: { r: [{ __typename: 'Plan', code: 'OTHER/KH' }] } },
      identityOf('viewer'),
    );
    expect(result.data).toEqual({ _entities: [{ code: 'OTHER/KH', [field]: [] }] });
  });

  it('hides targets from an anonymous caller', async () => {
    const result = await subgraph.execute({ query, variables: { r: [{ __typename: 'Plan', code: '129/KH-UBND' }] } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
