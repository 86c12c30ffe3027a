import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';

const TARGETS = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Plan { code trainingTargets { indicator phase scope value windowStart windowEnd } }
    }
  }
`;

describe('training subgraph: plan targets as data', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('resolves a Plan entity by its code with the TRAINING target: 300 a phase, 60 a year, in each phase window', async () => {
    const result = await subgraph.execute(
      { query: TARGETS, variables: { r: [{ __typename: 'Plan', code: '129/KH-UBND' }] } },
      identityOf('viewer'),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          code: '129/KH-UBND',
          trainingTargets: [
            {
              indicator: 'TRAINING',
              phase: 1,
              scope: 'PER_PHASE',
              value: 300,
              windowStart: '2019-01-01',
              windowEnd: '2025-12-31',
            },
            { indicator: 'TRAINING', phase: 1, scope: 'PER_YEAR', value: 60, windowStart: '2019-01-01', windowEnd: '2025-12-31' },
            {
              indicator: 'TRAINING',
              phase: 2,
              scope: 'PER_PHASE',
              value: 300,
              windowStart: '2026-01-01',
              windowEnd: '2030-12-31',
            },
            { indicator: 'TRAINING', phase: 2, scope: 'PER_YEAR', value: 60, windowStart: '2026-01-01', windowEnd: '2030-12-31' },
          ],
        },
      ],
    });
  });

  it('answers an empty list for a plan it holds no targets of', async () => {
    const result = await subgraph.execute(
      { query: TARGETS, variables: { r: [{ __typename: 'Plan', code: 'OTHER/KH' }] } },
      identityOf('viewer'),
    );
    expect(result.data).toEqual({ _entities: [{ code: 'OTHER/KH', trainingTargets: [] }] });
  });

  it('hides targets from an anonymous caller', async () => {
    const result = await subgraph.execute({ query: TARGETS, variables: { r: [{ __typename: 'Plan', code: '129/KH-UBND' }] } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
