import { identityOf, StatementCounter, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dataOf,
  disburse,
  errorOf,
  finance,
  fundedLine,
  PLAN,
  RECORD_CONTRIBUTION,
  REVERSE_DISBURSEMENT,
  startFundingWithOwners,
  trainer,
  uuidOf,
  viewer,
} from './fixtures';

const COURSE = uuidOf(1);
const LAB = uuidOf(2);
const STANDARD = uuidOf(3);
const ENGAGEMENT = uuidOf(4);

const ENTITIES = `query($r: [_Any!]!) {
  _entities(representations: $r) {
    __typename
    ... on Course { id moneySpent }
    ... on Laboratory { id moneySpent }
    ... on MeasurementStandard { id moneySpent }
    ... on AssuranceEngagement { id moneySpent }
    ... on Organization { taxCode contributions paymentsReceived }
  }
}`;

describe('funding: money on the entities other subgraphs own (federation references)', () => {
  let subgraph: TestSubgraph;
  const counter = new StatementCounter();

  beforeAll(async () => {
    subgraph = await startFundingWithOwners({ onQuery: counter.onQuery });
    const line = await fundedLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 4, year: 2026, amount: 900_000_000 });
    const pay = (amount: number, kind: string, id: string, payeeTaxCode = '4900111222') =>
      disburse(subgraph, { lineId: line.id, amount, activity: { kind, id }, payeeTaxCode });
    await pay(12_000_000, 'COURSE', COURSE);
    await pay(3_000_001, 'COURSE', COURSE);
    const mistaken = await pay(5_000_000, 'COURSE', COURSE);
    await subgraph.execute({ query: REVERSE_DISBURSEMENT, variables: { id: mistaken.id, reason: 'Chi trùng' } }, finance);
    await pay(250_000_000, 'LABORATORY', LAB, '4900333444-001');
    await pay(40_000_000, 'MEASUREMENT_STANDARD', STANDARD, '4900333444-001');
    await pay(7_500_000, 'ASSURANCE_ENGAGEMENT', ENGAGEMENT);
    for (const [contributorTaxCode, amount] of [
      ['4900333444-001', '100000000'],
      ['4900333444-001', '25000000'],
      ['4900555666', '3000000000'],
    ]) {
      const result = await subgraph.execute(
        {
          query: RECORD_CONTRIBUTION,
          variables: {
            input: { planCode: PLAN, contributorTaxCode, date: '2026-03-01', amount, purpose: 'Tài trợ chuẩn đo lường' },
          },
        },
        finance,
      );
      dataOf(result, 'recordContribution');
    }
  });
  afterAll(() => subgraph?.stop());

  const entities = (representations: Record<string, string>[], identity = viewer) =>
    subgraph.execute({ query: ENTITIES, variables: { r: representations } }, identity);

  it('resolves a Course reference by id with the money spent on it, net of reversals', async () => {
    const result = await entities([{ __typename: 'Course', id: COURSE }]);
    expect(dataOf(result, '_entities')).toEqual([{ __typename: 'Course', id: COURSE, moneySpent: 15000001 }]);
  });

  it('resolves a Laboratory reference by id with the money spent on it', async () => {
    const result = await entities([{ __typename: 'Laboratory', id: LAB }]);
    expect(dataOf(result, '_entities')).toEqual([{ __typename: 'Laboratory', id: LAB, moneySpent: 250000000 }]);
  });

  it('resolves a MeasurementStandard reference by id with the money spent on it', async () => {
    const result = await entities([{ __typename: 'MeasurementStandard', id: STANDARD }]);
    expect(dataOf(result, '_entities')).toEqual([{ __typename: 'MeasurementStandard', id: STANDARD, moneySpent: 40000000 }]);
  });

  it('resolves an AssuranceEngagement reference by id with the money spent on it', async () => {
    const result = await entities([{ __typename: 'AssuranceEngagement', id: ENGAGEMENT }]);
    expect(dataOf(result, '_entities')).toEqual([{ __typename: 'AssuranceEngagement', id: ENGAGEMENT, moneySpent: 7500000 }]);
  });

  it('resolves an Organization reference by tax code with its contributions and the payments it received', async () => {
    const result = await entities([
      { __typename: 'Organization', taxCode: '4900333444-001' },
      { __typename: 'Organization', taxCode: '4900555666' },
      { __typename: 'Organization', taxCode: '4900111222' },
    ]);
    expect(dataOf(result, '_entities')).toEqual([
      { __typename: 'Organization', taxCode: '4900333444-001', contributions: 125000000, paymentsReceived: 290000000 },
      { __typename: 'Organization', taxCode: '4900555666', contributions: 3000000000, paymentsReceived: 0 },
      { __typename: 'Organization', taxCode: '4900111222', contributions: 0, paymentsReceived: 22500001 },
    ]);
  });

  it('gives zero for an activity nothing was spent on', async () => {
    const result = await entities([{ __typename: 'Laboratory', id: uuidOf(404) }]);
    expect(dataOf(result, '_entities')).toEqual([{ __typename: 'Laboratory', id: uuidOf(404), moneySpent: 0 }]);
  });

  it('answers many references of every kind in one statement for the activities and one per organisation total', async () => {
    const representations = [
      ...Array.from({ length: 25 }, (_, i) => ({ __typename: 'Course', id: uuidOf(1000 + i) })),
      ...Array.from({ length: 25 }, (_, i) => ({ __typename: 'Laboratory', id: uuidOf(2000 + i) })),
      ...Array.from({ length: 10 }, (_, i) => ({ __typename: 'MeasurementStandard', id: uuidOf(3000 + i) })),
      ...Array.from({ length: 10 }, (_, i) => ({ __typename: 'AssuranceEngagement', id: uuidOf(4000 + i) })),
      ...Array.from({ length: 20 }, (_, i) => ({ __typename: 'Organization', taxCode: `49000000${String(i).padStart(2, '0')}` })),
    ];
    counter.reset();
    const result = await entities(representations);
    expect(dataOf<unknown[]>(result, '_entities')).toHaveLength(90);
    expect(counter.count).toBe(3);
  });

  it('lets viewers and finance read these totals; refuses trainers (FORBIDDEN) and anonymous callers', async () => {
    expect((await entities([{ __typename: 'Course', id: COURSE }], finance)).errors).toBeUndefined();
    expect(errorOf(await entities([{ __typename: 'Course', id: COURSE }], trainer)).code).toBe('FORBIDDEN');
    expect(errorOf(await entities([{ __typename: 'Organization', taxCode: '4900555666' }], identityOf('trainee'))).code).toBe(
      'FORBIDDEN',
    );
    expect(
      errorOf(await subgraph.execute({ query: ENTITIES, variables: { r: [{ __typename: 'Course', id: COURSE }] } })).code,
    ).toBe('UNAUTHENTICATED');
  });

  it('shows the activity a payment was for as a reference the owner resolves', async () => {
    const line = await fundedLine(subgraph, { source: 'DEVELOPMENT_INVESTMENT', taskGroup: 2, year: 2026, amount: 1_000_000 });
    const payment = await disburse(subgraph, {
      lineId: line.id,
      amount: 1_000,
      activity: { kind: 'MEASUREMENT_STANDARD', id: uuidOf(9) },
    });
    const result = await subgraph.execute(
      {
        query: `{ disbursement(id: "${payment.id}") {
          activity { __typename ... on MeasurementStandard { id moneySpent } }
        } }`,
      },
      finance,
    );
    expect(dataOf(result, 'disbursement')).toEqual({
      activity: { __typename: 'MeasurementStandard', id: uuidOf(9), moneySpent: 1000 },
    });
  });
});
