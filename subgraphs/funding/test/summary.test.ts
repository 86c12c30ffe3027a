import { identityOf, StatementCounter, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetEnvelope, FundingSource } from '../src/modules/envelope/envelope.entity';
import { Plan, PlanPhase, TaskGroup } from '../src/modules/plan/plan.entity';
import {
  allocate,
  CREATE_LINE,
  createLine,
  dataOf,
  disburse,
  errorOf,
  finance,
  PLAN,
  RECORD_CONTRIBUTION,
  REVERSE_DISBURSEMENT,
  type Source,
  startFundingWithOwners,
  trainer,
  uuidOf,
  viewer,
} from './fixtures';

const FIGURES = 'envelope planned allocated disbursed remaining executionRate';
const SUMMARY = /* GraphQL */ `
  query Summary($code: ID!, $asOf: LocalDate, $year: Int) {
    plan(code: $code) {
      budgetSummary(asOf: $asOf, year: $year) {
        asOf year
        total { ${FIGURES} }
        bySource { source ${FIGURES} }
        byTaskGroup { taskGroup ${FIGURES} }
        byYear { year ${FIGURES} }
        contributions stateDisbursed mobilisationRatio plannedMobilisationRatio
      }
    }
  }
`;

type Figures = {
  envelope: number | null;
  planned: number;
  allocated: number;
  disbursed: number;
  remaining: number;
  executionRate: string | null;
};
interface Summary {
  asOf: string;
  year: number | null;
  total: Figures;
  bySource: (Figures & { source: Source })[];
  byTaskGroup: (Figures & { taskGroup: number })[];
  byYear: (Figures & { year: number })[];
  contributions: number;
  stateDisbursed: number;
  mobilisationRatio: string | null;
  plannedMobilisationRatio: string | null;
}

const ENVELOPES: [Source, bigint][] = [
  ['SCIENCE_OPERATING', 6_000_000_000n],
  ['DEVELOPMENT_INVESTMENT', 7_500_000_000n],
  ['ENTERPRISE_AND_OTHER', 3_425_000_000n],
];

/** A small seeded generator (mulberry32): the same "year of activity" at every run. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    /** A date of 2026 from its day number (1..365). */
    date: (min = 1, max = 365) =>
      new Date(Date.UTC(2026, 0, min + Math.floor(next() * (max - min + 1)))).toISOString().slice(0, 10),
  };
}

/** Independent expectation: 4-decimal half-up from the integers, via truncation at 5 places. */
function expectedRate(numerator: bigint, denominator: bigint): string | null {
  if (denominator === 0n) return null;
  const fifth = (numerator * 100_000n) / denominator;
  const rounded = (fifth + 5n) / 10n;
  return `${rounded / 10_000n}.${(rounded % 10_000n).toString().padStart(4, '0')}`;
}

interface LineRecord {
  id: string;
  source: Source;
  taskGroup: number;
  year: number;
  planned: bigint;
}
interface Dated {
  lineId: string;
  amount: bigint;
  date: string;
}

describe('funding: the budget summary on the plan, reconciled with the records to the đồng', () => {
  let subgraph: TestSubgraph;
  const counter = new StatementCounter();

  beforeAll(async () => {
    subgraph = await startFundingWithOwners({ onQuery: counter.onQuery });
  });
  afterAll(() => subgraph?.stop());

  async function summary(variables: { asOf?: string; year?: number }, identity = viewer): Promise<Summary> {
    const result = await subgraph.execute({ query: SUMMARY, variables: { code: PLAN, ...variables } }, identity);
    return dataOf<{ budgetSummary: Summary }>(result, 'plan').budgetSummary;
  }

  it('shows the envelopes, zeros, no rates and the planned mobilisation ratio before any record', async () => {
    const empty = await summary({ asOf: '2026-01-01' });
    expect(empty.total).toEqual({
      envelope: 16925000000,
      planned: 0,
      allocated: 0,
      disbursed: 0,
      remaining: 16925000000,
      executionRate: null,
    });
    expect(empty.bySource.map((row) => [row.source, row.envelope, row.remaining])).toEqual([
      ['SCIENCE_OPERATING', 6000000000, 6000000000],
      ['DEVELOPMENT_INVESTMENT', 7500000000, 7500000000],
      ['ENTERPRISE_AND_OTHER', 3425000000, 3425000000],
    ]);
    expect(empty.byTaskGroup.map((row) => row.taskGroup)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(empty.byYear).toEqual([]);
    expect(empty).toMatchObject({
      contributions: 0,
      stateDisbursed: 0,
      mobilisationRatio: null,
      plannedMobilisationRatio: '0.2537',
    });
  });

  it('lets finance, admin and viewers read the summary; refuses trainers (FORBIDDEN) and anonymous callers', async () => {
    for (const role of ['finance', 'admin', 'viewer'] as const) {
      const result = await subgraph.execute({ query: SUMMARY, variables: { code: PLAN } }, identityOf(role));
      expect(result.errors, role).toBeUndefined();
    }
    expect(errorOf(await subgraph.execute({ query: SUMMARY, variables: { code: PLAN } }, trainer)).code).toBe('FORBIDDEN');
    expect(errorOf(await subgraph.execute({ query: SUMMARY, variables: { code: PLAN } })).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a year outside the plan with BAD_USER_INPUT, and a malformed as-of date before running', async () => {
    expect(errorOf(await subgraph.execute({ query: SUMMARY, variables: { code: PLAN, year: 2035 } }, viewer))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'year',
    });
    const malformed = await subgraph.execute({ query: SUMMARY, variables: { code: PLAN, asOf: '2026-13-01' } }, viewer);
    expect(malformed.status).toBe(400);
    expect(malformed.data).toBeUndefined();
    expect(errorOf(malformed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  });

  describe('after a seeded year of activity (2026)', () => {
    const lines: LineRecord[] = [];
    const allocations: Dated[] = [];
    const payments: (Dated & { id: string })[] = [];
    const reversals: Dated[] = [];
    const contributions: { amount: bigint; date: string }[] = [];

    beforeAll(async () => {
      const random = generator(129_2019);
      const plan: [Source, number, number][] = [
        ['SCIENCE_OPERATING', 1, 2026],
        ['SCIENCE_OPERATING', 3, 2026],
        ['SCIENCE_OPERATING', 4, 2026],
        ['SCIENCE_OPERATING', 5, 2026],
        ['SCIENCE_OPERATING', 6, 2026],
        ['SCIENCE_OPERATING', 7, 2026],
        ['DEVELOPMENT_INVESTMENT', 2, 2026],
        ['ENTERPRISE_AND_OTHER', 4, 2026],
        ['SCIENCE_OPERATING', 1, 2027],
        ['DEVELOPMENT_INVESTMENT', 2, 2027],
      ];
      for (const [source, taskGroup, year] of plan) {
        const planned = BigInt(random.int(150_000, 900_000)) * 1_000n + BigInt(random.int(0, 999));
        const line = await createLine(subgraph, { source, taskGroup, year, plannedAmount: String(planned) });
        lines.push({ id: line.id, source, taskGroup, year, planned });
      }
      for (const line of lines) {
        let left = line.planned;
        for (let i = random.int(1, 3); i > 0 && left > 0n; i -= 1) {
          const amount = i === 1 ? left - BigInt(random.int(0, 5_000)) : (left * BigInt(random.int(20, 60))) / 100n;
          if (amount <= 0n) break;
          const date = random.date(1, 200);
          await allocate(subgraph, line.id, String(amount), date);
          allocations.push({ lineId: line.id, amount, date });
          left -= amount;
        }
      }
      const room = new Map(
        lines.map((line) => [line.id, allocations.filter((a) => a.lineId === line.id).reduce((s, a) => s + a.amount, 0n)]),
      );
      const courses = [uuidOf(11), uuidOf(12), uuidOf(13)];
      for (let i = 0; i < 120; i += 1) {
        const line = lines[random.int(0, lines.length - 1)];
        const free = room.get(line.id) ?? 0n;
        const amount = BigInt(random.int(1, 40_000)) * 100n + BigInt(random.int(0, 99));
        if (amount > free) continue;
        const date = random.date();
        const activity = i % 4 === 0 ? { kind: 'COURSE', id: courses[i % 3] } : undefined;
        const payment = await disburse(subgraph, {
          lineId: line.id,
          amount: String(amount),
          date,
          payeeTaxCode: i % 2 ? '4900123456' : '4900654321-002',
          activity,
        });
        room.set(line.id, free - amount);
        payments.push({ id: payment.id, lineId: line.id, amount, date });
      }
      for (const payment of [payments[3], payments[17], payments[40], payments[41], payments[90]]) {
        const date = payment.date < '2026-12-20' ? `2026-12-${String(random.int(20, 31))}` : payment.date;
        const result = await subgraph.execute(
          { query: REVERSE_DISBURSEMENT, variables: { id: payment.id, reason: 'Sai chứng từ', date } },
          finance,
        );
        dataOf(result, 'reverseDisbursement');
        reversals.push({ lineId: payment.lineId, amount: payment.amount, date });
      }
      for (const [amount, date] of [
        [45_000_000n, '2025-11-02'],
        [120_500_000n, '2026-02-14'],
        [80_000_001n, '2026-06-30'],
        [33_333_333n, '2026-07-01'],
        [250_000_000n, '2026-10-20'],
        [1n, '2026-12-31'],
      ] as const) {
        const result = await subgraph.execute(
          {
            query: RECORD_CONTRIBUTION,
            variables: {
              input: {
                planCode: PLAN,
                contributorTaxCode: '4900777888',
                date,
                amount: String(amount),
                purpose: 'Tài trợ thiết bị chuẩn',
              },
            },
          },
          finance,
        );
        dataOf(result, 'recordContribution');
        contributions.push({ amount, date });
      }
    }, 120_000);

    /** The figures the records give, summed here with bigint, for the lines chosen and a date. */
    function expected(asOf: string, chosen: (line: LineRecord) => boolean, envelope: bigint | null) {
      const ids = new Set(lines.filter(chosen).map((line) => line.id));
      const sum = (records: Dated[]) =>
        records.filter((r) => ids.has(r.lineId) && r.date <= asOf).reduce((total, r) => total + r.amount, 0n);
      const planned = lines.filter(chosen).reduce((total, line) => total + line.planned, 0n);
      const allocated = sum(allocations);
      const disbursed = sum(payments) - sum(reversals);
      return {
        envelope,
        planned,
        allocated,
        disbursed,
        remaining: (envelope ?? planned) - disbursed,
        executionRate: expectedRate(disbursed, allocated),
      };
    }

    const exact = (figures: Figures) => ({
      ...figures,
      envelope: figures.envelope === null ? null : BigInt(figures.envelope),
      planned: BigInt(figures.planned),
      allocated: BigInt(figures.allocated),
      disbursed: BigInt(figures.disbursed),
      remaining: BigInt(figures.remaining),
    });

    function reconcile(actual: Summary, asOf: string, year: number | null) {
      const inYear = (line: LineRecord) => year === null || line.year === year;
      const envelopeOf = (amount: bigint) => (year === null ? amount : null);
      const total = ENVELOPES.reduce((sum, [, amount]) => sum + amount, 0n);
      expect(exact(actual.total)).toEqual(expected(asOf, inYear, envelopeOf(total)));
      for (const [source, amount] of ENVELOPES) {
        const row = actual.bySource.find((r) => r.source === source);
        expect(row && exact(row), source).toEqual({
          source,
          ...expected(asOf, (line) => inYear(line) && line.source === source, envelopeOf(amount)),
        });
      }
      for (let taskGroup = 1; taskGroup <= 7; taskGroup += 1) {
        const row = actual.byTaskGroup.find((r) => r.taskGroup === taskGroup);
        expect(row && exact(row), `group ${taskGroup}`).toEqual({
          taskGroup,
          ...expected(asOf, (line) => inYear(line) && line.taskGroup === taskGroup, null),
        });
      }
      const years = [...new Set(lines.filter(inYear).map((line) => line.year))].sort();
      expect(actual.byYear.map((row) => exact(row))).toEqual(
        years.map((lineYear) => ({ year: lineYear, ...expected(asOf, (line) => line.year === lineYear, null) })),
      );
      const contributed = contributions
        .filter((c) => c.date <= asOf && (year === null || c.date.startsWith(`${year}-`)))
        .reduce((sum, c) => sum + c.amount, 0n);
      const state = expected(asOf, (line) => inYear(line) && line.source !== 'ENTERPRISE_AND_OTHER', null).disbursed;
      expect(BigInt(actual.contributions)).toBe(contributed);
      expect(BigInt(actual.stateDisbursed)).toBe(state);
      expect(actual.mobilisationRatio).toBe(expectedRate(contributed, state));
    }

    it('generated a year worth reconciling: lines, allocations, over 50 payments, reversals and contributions', () => {
      expect(lines).toHaveLength(10);
      expect(allocations.length).toBeGreaterThanOrEqual(10);
      expect(payments.length).toBeGreaterThan(50);
      expect(reversals).toHaveLength(5);
      expect(contributions).toHaveLength(6);
    });

    it('equals the sums of the records to the đồng for the whole plan at the end of 2026', async () => {
      const actual = await summary({ asOf: '2026-12-31' });
      expect(actual).toMatchObject({ asOf: '2026-12-31', year: null });
      reconcile(actual, '2026-12-31', null);
    });

    it('leaves out what is dated after the as-of date (mid-year: later allocations, payments, reversals, contributions)', async () => {
      const actual = await summary({ asOf: '2026-06-30' });
      reconcile(actual, '2026-06-30', null);
      const full = await summary({ asOf: '2026-12-31' });
      expect(BigInt(actual.total.disbursed)).toBeLessThan(BigInt(full.total.disbursed));
    });

    it('limits the figures to one budget year (no envelopes then; remaining is planned − disbursed)', async () => {
      const actual = await summary({ asOf: '2026-12-31', year: 2026 }, finance);
      expect(actual.year).toBe(2026);
      expect(actual.bySource.every((row) => row.envelope === null)).toBe(true);
      reconcile(actual, '2026-12-31', 2026);
      reconcile(await summary({ asOf: '2026-12-31', year: 2027 }), '2026-12-31', 2027);
    });

    it('defaults the as-of date to today in Asia/Ho_Chi_Minh', async () => {
      const actual = await summary({});
      expect(actual.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      reconcile(actual, actual.asOf, null);
    });

    it('shows the money spent on each course (Course.moneySpent) equal to its payments net of reversals', async () => {
      const result = await subgraph.execute(
        {
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Course { id moneySpent } } }`,
          variables: { r: [uuidOf(11), uuidOf(12), uuidOf(13)].map((id) => ({ __typename: 'Course', id })) },
        },
        viewer,
      );
      const spent = dataOf<{ id: string; moneySpent: number }[]>(result, '_entities');
      const total = spent.reduce((sum, course) => sum + BigInt(course.moneySpent), 0n);
      const rows = await subgraph.database.orm.em
        .fork()
        .execute<{ total: string }[]>(
          "select sum(case when reverses_id is null then amount else -amount end)::text as total from disbursement where activity_kind = 'COURSE'",
        );
      expect(total).toBe(BigInt(rows[0].total));
      expect(total).toBeGreaterThan(0n);
    });

    it('costs a constant number of statements whatever the number of records', async () => {
      counter.reset();
      await summary({ asOf: '2026-12-31' });
      // The plan, one read of the data revision (money and contributions come from their caches,
      // which share it), envelopes, task groups.
      expect(counter.count).toBe(4);
    });
  });
  it('keeps each plan to its own money and answers several plans in the same number of statements', async () => {
    const em = subgraph.database.orm.em.fork();
    const other = em.create(Plan, {
      code: '45/KH-UBND',
      title: 'Kế hoạch thử nghiệm của một tỉnh khác',
      issuer: 'UBND tỉnh Cao Bằng',
      province: 'Cao Bằng',
      signedOn: '2020-03-01',
      implementsDecisions: ['996/QĐ-TTg'],
      version: 1,
    });
    em.create(PlanPhase, { plan: other, number: 1, title: 'Giai đoạn 1', startDate: '2020-01-01', endDate: '2030-12-31' });
    em.create(TaskGroup, { plan: other, number: 1, title: 'Nhóm 1' });
    em.create(BudgetEnvelope, {
      plan: other,
      source: FundingSource.SCIENCE_OPERATING,
      title: 'Kinh phí sự nghiệp khoa học',
      amount: 900_000_000n,
      taskGroups: [1],
      version: 1,
    });
    await em.flush();
    const created = await subgraph.execute(
      {
        query: CREATE_LINE,
        variables: {
          input: { planCode: '45/KH-UBND', source: 'SCIENCE_OPERATING', taskGroup: 1, year: 2026, plannedAmount: 777 },
        },
      },
      finance,
    );
    dataOf(created, 'createBudgetLine');
    counter.reset();
    const result = await subgraph.execute(
      { query: `{ plans { code budgetSummary(asOf: "2026-12-31") { total { envelope planned } byTaskGroup { taskGroup } } } }` },
      viewer,
    );
    const plans = dataOf<{ code: string; budgetSummary: { total: Figures; byTaskGroup: unknown[] } }[]>(result, 'plans');
    // Plans, money, contributions, envelopes, task groups, and one read of the data revision
    // shared by the two cached loaders (money, contributions) of this query.
    expect(counter.count).toBe(6);
    const byCode = new Map(plans.map((plan) => [plan.code, plan.budgetSummary]));
    expect(byCode.get('45/KH-UBND')).toEqual({ total: { envelope: 900000000, planned: 777 }, byTaskGroup: [{ taskGroup: 1 }] });
    expect(byCode.get(PLAN)?.total.envelope).toBe(16925000000);
    expect(byCode.get(PLAN)?.total.planned).not.toBe(777);
  });
});
