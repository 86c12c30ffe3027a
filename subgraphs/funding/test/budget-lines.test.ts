import { AuditEvent } from '@metrology/kit';
import { identityOf, StatementCounter, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundingSubgraph } from '../src';
import {
  admin,
  allocate,
  CREATE_LINE,
  createLine,
  dataOf,
  disburse,
  errorOf,
  finance,
  type LineData,
  PLAN,
  type Source,
  trainer,
  UPDATE_LINE,
  viewer,
} from './fixtures';

const ENVELOPES: Record<Source, bigint> = {
  SCIENCE_OPERATING: 6_000_000_000n,
  DEVELOPMENT_INVESTMENT: 7_500_000_000n,
  ENTERPRISE_AND_OTHER: 3_425_000_000n,
};

describe('funding: budget lines per source, task group and year, within the envelopes', () => {
  let subgraph: TestSubgraph;
  const counter = new StatementCounter();

  beforeAll(async () => {
    subgraph = await startTestSubgraph(fundingSubgraph, { onQuery: counter.onQuery });
  });
  afterAll(() => subgraph?.stop());

  async function plannedFor(source: Source): Promise<bigint> {
    const rows = await subgraph.database.orm.em
      .fork()
      .execute<{ total: string }[]>('select coalesce(sum(planned_amount), 0)::text as total from budget_line where source = ?', [
        source,
      ]);
    return BigInt(rows[0].total);
  }

  async function lineCount(): Promise<number> {
    const rows = await subgraph.database.orm.em.fork().execute<{ n: string }[]>('select count(*)::text as n from budget_line');
    return Number(rows[0].n);
  }

  function create(input: Record<string, unknown>, identity = finance) {
    return subgraph.execute({ query: CREATE_LINE, variables: { input: { planCode: PLAN, ...input } } }, identity);
  }

  it('plans a line and returns an amount above 2^31 exactly, NAMED when the plan names the source for the group', async () => {
    const line = await createLine(subgraph, {
      source: 'DEVELOPMENT_INVESTMENT',
      taskGroup: 2,
      year: 2026,
      plannedAmount: '3000000001',
      note: 'Đầu tư chuẩn đo lường khối lượng',
    });
    expect(line).toMatchObject({
      source: 'DEVELOPMENT_INVESTMENT',
      taskGroup: 2,
      year: 2026,
      plannedAmount: 3000000001,
      funding: 'NAMED',
      note: 'Đầu tư chuẩn đo lường khối lượng',
      version: 1,
    });
  });

  it('refuses a line that would take its source past the envelope with CONFLICT and the exact amount over, writing nothing', async () => {
    const room = ENVELOPES.SCIENCE_OPERATING - (await plannedFor('SCIENCE_OPERATING'));
    const before = await lineCount();
    const error = errorOf(
      await create({ source: 'SCIENCE_OPERATING', taskGroup: 4, year: 2027, plannedAmount: String(room + 1n) }),
    );
    expect(error).toMatchObject({ code: 'CONFLICT', over: '1', limit: '6000000000' });
    expect(error.messageEn).toContain('exceed its envelope by 1 VND');
    expect(await lineCount()).toBe(before);
    const far = errorOf(
      await create({ source: 'SCIENCE_OPERATING', taskGroup: 4, year: 2027, plannedAmount: String(room + 123_456n) }),
    );
    expect(far.over).toBe('123456');
  });

  it('accepts lines that fill a source exactly to its envelope and refuses one đồng more', async () => {
    const room = ENVELOPES.ENTERPRISE_AND_OTHER - (await plannedFor('ENTERPRISE_AND_OTHER'));
    await createLine(subgraph, { source: 'ENTERPRISE_AND_OTHER', taskGroup: 4, year: 2028, plannedAmount: String(room) });
    expect(await plannedFor('ENTERPRISE_AND_OTHER')).toBe(ENVELOPES.ENTERPRISE_AND_OTHER);
    const error = errorOf(await create({ source: 'ENTERPRISE_AND_OTHER', taskGroup: 6, year: 2028, plannedAmount: 1 }));
    expect(error).toMatchObject({ code: 'CONFLICT', over: '1' });
  });

  it('refuses a year outside the plan phases (2019 to 2030) with BAD_USER_INPUT on year', async () => {
    for (const year of [2018, 2031]) {
      const error = errorOf(await create({ source: 'SCIENCE_OPERATING', taskGroup: 1, year, plannedAmount: 1000 }));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    }
  });

  it('refuses a task group the plan does not have with BAD_USER_INPUT on taskGroup', async () => {
    for (const taskGroup of [0, 8]) {
      const error = errorOf(await create({ source: 'SCIENCE_OPERATING', taskGroup, year: 2026, plannedAmount: 1000 }));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'taskGroup' });
    }
  });

  it('refuses a task group the plan gives to another source (science operating for group 2, investment for group 1)', async () => {
    const science = errorOf(await create({ source: 'SCIENCE_OPERATING', taskGroup: 2, year: 2026, plannedAmount: 1000 }));
    expect(science).toMatchObject({ code: 'BAD_USER_INPUT', field: 'taskGroup', fundedBy: 'DEVELOPMENT_INVESTMENT' });
    const investment = errorOf(await create({ source: 'DEVELOPMENT_INVESTMENT', taskGroup: 1, year: 2026, plannedAmount: 1000 }));
    expect(investment).toMatchObject({ code: 'BAD_USER_INPUT', field: 'taskGroup', fundedBy: 'SCIENCE_OPERATING' });
  });

  it('allows group 7 (no source named by the plan) and mobilised money for any group, flagged UNNAMED', async () => {
    const other = await createLine(subgraph, {
      source: 'SCIENCE_OPERATING',
      taskGroup: 7,
      year: 2026,
      plannedAmount: 20_000_000,
    });
    expect(other.funding).toBe('UNNAMED');
    const mobilised = await createLine(subgraph, { source: 'ENTERPRISE_AND_OTHER', taskGroup: 2, year: 2026, plannedAmount: 0 });
    expect(mobilised.funding).toBe('UNNAMED');
  });

  it('refuses a second line for the same source, task group and year with CONFLICT', async () => {
    await createLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 3, year: 2029, plannedAmount: 1_000_000 });
    const error = errorOf(await create({ source: 'SCIENCE_OPERATING', taskGroup: 3, year: 2029, plannedAmount: 5 }));
    expect(error.code).toBe('CONFLICT');
  });

  it('answers NOT_FOUND for an unknown plan', async () => {
    const result = await subgraph.execute(
      {
        query: CREATE_LINE,
        variables: {
          input: { planCode: '999/KH-UBND', source: 'SCIENCE_OPERATING', taskGroup: 1, year: 2026, plannedAmount: 1 },
        },
      },
      finance,
    );
    expect(errorOf(result).code).toBe('NOT_FOUND');
  });

  it('changes a line on the version read and refuses a stale version with CONFLICT', async () => {
    const line = await createLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 5, year: 2026, plannedAmount: 10_000_000 });
    const updated = dataOf<LineData>(
      await subgraph.execute(
        { query: UPDATE_LINE, variables: { input: { id: line.id, version: 1, plannedAmount: 12_000_000 } } },
        finance,
      ),
      'updateBudgetLine',
    );
    expect(updated).toMatchObject({ plannedAmount: 12000000, version: 2 });
    const stale = errorOf(
      await subgraph.execute(
        { query: UPDATE_LINE, variables: { input: { id: line.id, version: 1, plannedAmount: 1 } } },
        finance,
      ),
    );
    expect(stale).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
  });

  it('lets exactly one of two concurrent edits of the same version win; the other gets CONFLICT', async () => {
    const line = await createLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 6, year: 2026, plannedAmount: 10_000_000 });
    const results = await Promise.all(
      [11_000_000, 13_000_000].map((plannedAmount) =>
        subgraph.execute({ query: UPDATE_LINE, variables: { input: { id: line.id, version: 1, plannedAmount } } }, finance),
      ),
    );
    const won = results.filter((result) => !result.errors);
    const lost = results.filter((result) => result.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(errorOf(lost[0])).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const stored = await subgraph.database.orm.em
      .fork()
      .execute<{ planned_amount: string; version: number }[]>(
        'select planned_amount::text, version from budget_line where id = ?',
        [Number(line.id)],
      );
    const winner = dataOf<LineData>(won[0], 'updateBudgetLine');
    expect(stored[0]).toEqual({ planned_amount: String(winner.plannedAmount), version: 2 });
  });

  it('refuses to raise a line past the envelope (CONFLICT with over) or to lower it below what is allocated', async () => {
    const line = await createLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 1, year: 2027, plannedAmount: 5_000_000 });
    await allocate(subgraph, line.id, 4_000_000);
    const room = ENVELOPES.SCIENCE_OPERATING - (await plannedFor('SCIENCE_OPERATING'));
    const over = errorOf(
      await subgraph.execute(
        { query: UPDATE_LINE, variables: { input: { id: line.id, version: 1, plannedAmount: String(5_000_000n + room + 7n) } } },
        finance,
      ),
    );
    expect(over).toMatchObject({ code: 'CONFLICT', over: '7' });
    const below = errorOf(
      await subgraph.execute(
        { query: UPDATE_LINE, variables: { input: { id: line.id, version: 1, plannedAmount: 3_999_999 } } },
        finance,
      ),
    );
    expect(below).toMatchObject({ code: 'CONFLICT', allocated: '4000000' });
    const exact = dataOf<LineData>(
      await subgraph.execute(
        { query: UPDATE_LINE, variables: { input: { id: line.id, version: 1, plannedAmount: 4_000_000 } } },
        finance,
      ),
      'updateBudgetLine',
    );
    expect(exact.plannedAmount).toBe(4000000);
  });

  it('never lets concurrent new lines of one source pass its envelope together', async () => {
    const room = ENVELOPES.DEVELOPMENT_INVESTMENT - (await plannedFor('DEVELOPMENT_INVESTMENT'));
    const share = room / 4n + 1n;
    const results = await Promise.all(
      [2019, 2020, 2021, 2022, 2023, 2024].map((year) =>
        create({ source: 'DEVELOPMENT_INVESTMENT', taskGroup: 2, year, plannedAmount: String(share) }),
      ),
    );
    const refused = results.filter((result) => result.errors);
    expect(results.filter((result) => !result.errors)).toHaveLength(3);
    for (const result of refused) expect(errorOf(result).code).toBe('CONFLICT');
    expect(await plannedFor('DEVELOPMENT_INVESTMENT')).toBeLessThanOrEqual(ENVELOPES.DEVELOPMENT_INVESTMENT);
  });

  it('refuses negative, fractional, absurd and non-numeric amounts with BAD_USER_INPUT, in variables and in literals', async () => {
    const before = await lineCount();
    for (const plannedAmount of [-1, 1.5, '-1', '10000000000000000', 1e16, 'mười', '1e6']) {
      const error = errorOf(await create({ source: 'SCIENCE_OPERATING', taskGroup: 1, year: 2030, plannedAmount }));
      expect(error.code, String(plannedAmount)).toBe('BAD_USER_INPUT');
    }
    for (const literal of ['-5', '2.5', '"10000000000000001"']) {
      const result = await subgraph.execute(
        {
          query: `mutation { createBudgetLine(input: { planCode: "${PLAN}", source: SCIENCE_OPERATING, taskGroup: 1, year: 2030, plannedAmount: ${literal} }) { id } }`,
        },
        finance,
      );
      expect(errorOf(result).code, literal).toBe('BAD_USER_INPUT');
    }
    expect(await lineCount()).toBe(before);
  });

  it('lets finance and admin write; refuses viewers and trainers (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    const byAdmin = await createLine(
      subgraph,
      { source: 'SCIENCE_OPERATING', taskGroup: 1, year: 2026, plannedAmount: 1_000 },
      admin,
    );
    expect(byAdmin.id).toBeDefined();
    const input = { source: 'SCIENCE_OPERATING', taskGroup: 3, year: 2026, plannedAmount: 1_000 };
    expect(errorOf(await create(input, viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await create(input, trainer)).code).toBe('FORBIDDEN');
    expect(errorOf(await create(input, identityOf('assessor'))).code).toBe('FORBIDDEN');
    const anonymous = await subgraph.execute({ query: CREATE_LINE, variables: { input: { planCode: PLAN, ...input } } });
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
    const listed = await subgraph.execute({ query: `{ budgetLines(planCode: "${PLAN}") { id } }` }, viewer);
    expect(errorOf(listed).code).toBe('FORBIDDEN');
  });

  it('keeps an audit trail of who created and changed a line, and when', async () => {
    const line = await createLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 4, year: 2026, plannedAmount: 7_000_000 });
    await subgraph.execute(
      { query: UPDATE_LINE, variables: { input: { id: line.id, version: 1, plannedAmount: 8_000_000 } } },
      admin,
    );
    const events = await subgraph.database.orm.em
      .fork()
      .find(AuditEvent, { entityType: 'BudgetLine', entityId: line.id }, { orderBy: { id: 'asc' } });
    expect(events.map((event) => [event.action, event.actor])).toEqual([
      ['create', 'test-finance'],
      ['update', 'test-admin'],
    ]);
    expect(events[0].changes).toMatchObject({ plannedAmount: '7000000', taskGroup: 4, year: 2026 });
    expect(events[1].changes).toMatchObject({ plannedAmount: { from: '7000000', to: '8000000' } });
    expect(events[1].at).toBeInstanceOf(Date);
  });

  it('lists lines with their allocations, disbursements and totals in a constant number of statements', async () => {
    const lines = [];
    for (const taskGroup of [1, 3, 4, 5, 6]) {
      const line = await createLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup, year: 2025, plannedAmount: 3_000_000 });
      await allocate(subgraph, line.id, 2_000_000);
      await disburse(subgraph, { lineId: line.id, amount: 500_000 });
      lines.push(line);
    }
    counter.reset();
    const result = await subgraph.execute(
      {
        query: `{ budgetLines(planCode: "${PLAN}", year: 2025) {
          id allocated disbursed available allocations { amount line { id } } disbursements { amount line { id } reversedBy { id } }
        } }`,
      },
      finance,
    );
    const listed = dataOf<{ allocated: number; disbursed: number; available: number; allocations: unknown[] }[]>(
      result,
      'budgetLines',
    );
    expect(listed).toHaveLength(5);
    for (const line of listed) expect(line).toMatchObject({ allocated: 2000000, disbursed: 500000, available: 1500000 });
    // One each: plan, lines, money of the lines, allocations, disbursements, their lines, reversals.
    expect(counter.count).toBe(7);
  });
});
