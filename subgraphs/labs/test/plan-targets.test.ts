import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';

const TARGETS = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Plan { code infrastructureTargets { indicator phase scope value windowStart windowEnd } }
    }
  }
`;

describe('labs subgraph: plan targets as data', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(labsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('resolves a Plan entity by its code with STANDARDS, MAP, LABS and CAPACITY, cumulative from the plan start', async () => {
    const result = await subgraph.execute(
      { query: TARGETS, variables: { r: [{ __typename: 'Plan', code: '129/KH-UBND' }] } },
      identityOf('viewer'),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          code: '129/KH-UBND',
          infrastructureTargets: [
            {
              indicator: 'CAPACITY',
              phase: 1,
              scope: 'CUMULATIVE',
              value: 1,
              windowStart: '2019-01-01',
              windowEnd: '2025-12-31',
            },
            { indicator: 'LABS', phase: 1, scope: 'HELD', value: 1, windowStart: '2019-01-01', windowEnd: '2025-12-31' },
            { indicator: 'LABS', phase: 2, scope: 'HELD', value: 2, windowStart: '2019-01-01', windowEnd: '2030-12-31' },
            { indicator: 'MAP', phase: 1, scope: 'CUMULATIVE', value: 10, windowStart: '2019-01-01', windowEnd: '2025-12-31' },
            { indicator: 'MAP', phase: 2, scope: 'CUMULATIVE', value: 20, windowStart: '2019-01-01', windowEnd: '2030-12-31' },
            {
              indicator: 'STANDARDS',
              phase: 1,
              scope: 'CUMULATIVE',
              value: 5,
              windowStart: '2019-01-01',
              windowEnd: '2025-12-31',
            },
            {
              indicator: 'STANDARDS',
              phase: 2,
              scope: 'CUMULATIVE',
              value: 10,
              windowStart: '2019-01-01',
              windowEnd: '2030-12-31',
            },
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
    expect(result.data).toEqual({ _entities: [{ code: 'OTHER/KH', infrastructureTargets: [] }] });
  });

  it('hides targets from an anonymous caller', async () => {
    const result = await subgraph.execute({ query: TARGETS, variables: { r: [{ __typename: 'Plan', code: '129/KH-UBND' }] } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
