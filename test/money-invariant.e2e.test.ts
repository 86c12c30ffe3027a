/**
 * The money invariant through the gateway (docs/ARCHITECTURE.md, "Money and dates"): the absolute
 * amounts recorded in funding add up to at most 2^53 − 1, so every figure the platform shows stays
 * exact; a write that would pass the bound is refused (CONFLICT, reason LEDGER_LIMIT) with nothing
 * written, and the plan and the scorecard keep answering. Data forced past the bound by direct SQL
 * errors only its own figures: the plan, its training and labs parts stay.
 */
import type { Role } from '@metrology/kit/identity';
import { SCORECARD_QUERY } from '@metrology/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, type Stack, startStack } from './harness';

const PLAN = '129/KH-UBND';
const LIMIT = 9_007_199_254_740_991n;
const PETA = 10n ** 15n;
const PAYEE = '4900123456';

const CREATE_LINE = /* GraphQL */ `
  mutation ($input: CreateBudgetLineInput!) { createBudgetLine(input: $input) { id version } }
`;
const UPDATE_LINE = /* GraphQL */ `
  mutation ($input: UpdateBudgetLineInput!) { updateBudgetLine(input: $input) { id version plannedAmount } }
`;
const CREATE_ESTIMATE = /* GraphQL */ `
  mutation ($input: CreateBudgetEstimateInput!) { createBudgetEstimate(input: $input) { id version } }
`;
const UPDATE_ESTIMATE = /* GraphQL */ `
  mutation ($input: UpdateBudgetEstimateInput!) { updateBudgetEstimate(input: $input) { id version } }
`;
const SUBMIT_ESTIMATE = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) { submitBudgetEstimate(id: $id, version: $version) { id version } }
`;
const APPROVE_ESTIMATE = /* GraphQL */ `
  mutation ($input: ApproveBudgetEstimateInput!) { approveBudgetEstimate(input: $input) { id } }
`;
const RECORD_ALLOCATION = /* GraphQL */ `
  mutation ($input: RecordAllocationInput!) { recordAllocation(input: $input) { id } }
`;
const RECORD_DISBURSEMENT = /* GraphQL */ `
  mutation ($input: RecordDisbursementInput!) { recordDisbursement(input: $input) { id } }
`;
const REVERSE_DISBURSEMENT = /* GraphQL */ `
  mutation ($id: ID!, $reason: String!) { reverseDisbursement(id: $id, reason: $reason, date: "2026-06-30") { id } }
`;
const RECORD_CONTRIBUTION = /* GraphQL */ `
  mutation ($input: RecordContributionInput!) { recordContribution(input: $input) { id } }
`;

interface Budget {
  total: Record<string, number | string | null>;
  bySource: Record<string, number | string | null>[];
  contributions: number;
  stateDisbursed: number;
}
interface Scorecard {
  plan: {
    code: string;
    budgetTotal: number | null;
    trainingIndicator: unknown;
    infrastructureIndicators: unknown;
    budgetOfYear: Budget | null;
    budgetToDate: Budget | null;
  } | null;
}

const SCORECARD = { query: SCORECARD_QUERY, variables: { plan: PLAN, year: 2026, phase: null, asOf: '2026-12-31' } };

/** Every money table of funding, as the invariant sums them. */
const GROSS_SQL = `select (
    (select coalesce(sum(abs(amount)), 0) from budget_envelope)
  + (select coalesce(sum(abs(planned_amount)), 0) from budget_line)
  + (select coalesce(sum(abs(requested_amount) + abs(coalesce(approved_amount, 0))), 0) from budget_estimate)
  + (select coalesce(sum(abs(amount)), 0) from allocation)
  + (select coalesce(sum(abs(amount)), 0) from disbursement)
  + (select coalesce(sum(abs(amount)), 0) from contribution))::text as gross,
  (select count(*) from budget_line)::int as lines, (select count(*) from budget_estimate)::int as estimates,
  (select count(*) from allocation)::int as allocations, (select count(*) from disbursement)::int as disbursements,
  (select count(*) from contribution)::int as contributions`;

describe('the money invariant, through the gateway', () => {
  let stack: Stack;
  let voucher = 0;
  const ids = { line: '', lineVersion: 0, disbursement: '', draft: '', draftVersion: 0, submitted: '', submittedVersion: 0 };

  async function call<T>(query: string, variables: Record<string, unknown>, role: Role = 'finance'): Promise<GraphQLResponse<T>> {
    // Another finance officer records approvals (four eyes: not whoever submitted).
    return stack.execute<T>({ query, variables }, { role, subject: query === APPROVE_ESTIMATE ? 'e2e-finance-2' : undefined });
  }
  async function data<T>(query: string, variables: Record<string, unknown>, role: Role = 'finance'): Promise<T> {
    const result = await call<T>(query, variables, role);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as T;
  }
  /** The ledger as the database holds it: gross and row counts of every money table. */
  async function ledger(): Promise<{ gross: bigint; counts: Record<string, number> }> {
    const [row] = await stack.subgraphs.funding.database.orm.em.fork().execute(GROSS_SQL);
    const { gross, ...counts } = row as Record<string, unknown>;
    return { gross: BigInt(gross as string), counts: counts as Record<string, number> };
  }
  const contribution = (amount: bigint | number) => ({
    input: { planCode: PLAN, contributorTaxCode: PAYEE, date: '2026-05-01', amount: String(amount), purpose: 'Huy động' },
  });
  const disbursement = (amount: number) => ({
    input: {
      lineId: ids.line,
      voucherNumber: `PC-LIMIT-${++voucher}`,
      date: '2026-05-02',
      amount: String(amount),
      payeeTaxCode: PAYEE,
      purpose: 'Chi kiểm định',
    },
  });
  /** The scorecard as a viewer reads it: the response, checked to carry every part. */
  async function scorecardWithEveryPart(): Promise<NonNullable<Scorecard['plan']>> {
    const result = await stack.execute<Scorecard>(SCORECARD, { role: 'viewer' });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const plan = result.data?.plan;
    if (!plan) throw new Error('no plan');
    expect(plan.trainingIndicator).not.toBeNull();
    expect(plan.infrastructureIndicators).not.toBeNull();
    expect(plan.budgetTotal).toBe(16_925_000_000);
    for (const budget of [plan.budgetOfYear, plan.budgetToDate]) {
      expect(budget).not.toBeNull();
      for (const value of [budget?.contributions, budget?.stateDisbursed, ...Object.values(budget?.total ?? {})]) {
        expect(value === null || typeof value === 'number' || typeof value === 'string').toBe(true);
      }
    }
    return plan;
  }
  /** A refusal for the bound: CONFLICT, reason LEDGER_LIMIT, the limit as digits, no data. */
  function expectLedgerRefusal(result: GraphQLResponse<unknown>): void {
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LEDGER_LIMIT', limit: LIMIT.toString() });
  }

  beforeAll(async () => {
    stack = await startStack();
    const line = await data<{ createBudgetLine: { id: string; version: number } }>(CREATE_LINE, {
      input: { planCode: PLAN, source: 'SCIENCE_OPERATING', taskGroup: 3, year: 2026, plannedAmount: '1000000000' },
    });
    ids.line = line.createBudgetLine.id;
    ids.lineVersion = line.createBudgetLine.version;
    await data(RECORD_ALLOCATION, {
      input: { lineId: ids.line, decisionNumber: 'QĐ-LIMIT-1', decisionDate: '2026-04-01', amount: '500000000' },
    });
    ids.disbursement = (
      await data<{ recordDisbursement: { id: string } }>(RECORD_DISBURSEMENT, disbursement(100_000_000))
    ).recordDisbursement.id;
    const draft = await data<{ createBudgetEstimate: { id: string; version: number } }>(CREATE_ESTIMATE, {
      input: { planCode: PLAN, source: 'DEVELOPMENT_INVESTMENT', year: 2026, requestedAmount: '2000000000' },
    });
    Object.assign(ids, { draft: draft.createBudgetEstimate.id, draftVersion: draft.createBudgetEstimate.version });
    const toSubmit = await data<{ createBudgetEstimate: { id: string; version: number } }>(CREATE_ESTIMATE, {
      input: { planCode: PLAN, source: 'SCIENCE_OPERATING', year: 2026, requestedAmount: '900000000' },
    });
    // Submitted by an administrator, so that finance may record its approval (four eyes, docs/ROLES.md).
    const submitted = await data<{ submitBudgetEstimate: { id: string; version: number } }>(
      SUBMIT_ESTIMATE,
      { id: toSubmit.createBudgetEstimate.id, version: toSubmit.createBudgetEstimate.version },
      'admin',
    );
    Object.assign(ids, {
      submitted: submitted.submitBudgetEstimate.id,
      submittedVersion: submitted.submitBudgetEstimate.version,
    });
  });
  afterAll(() => stack?.stop());

  it('ten contributions of 10^15: nine are recorded, the tenth is refused (CONFLICT LEDGER_LIMIT) with nothing written; the scorecard answers with every part and the annual report is served', async () => {
    for (let i = 0; i < 9; i++) await data(RECORD_CONTRIBUTION, contribution(PETA));
    const before = await ledger();
    expectLedgerRefusal(await call(RECORD_CONTRIBUTION, contribution(PETA)));
    expect(await ledger()).toEqual(before);
    const plan = await scorecardWithEveryPart();
    expect(plan.budgetToDate?.contributions).toBe(9 * 10 ** 15);
    const report = await fetch(stack.gatewayUrl.replace('/graphql', `/reports/annual/${encodeURIComponent(PLAN)}/2026.pdf`), {
      headers: { authorization: `Bearer ${await stack.token('viewer')}` },
    });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('application/pdf');
  });

  it('with the ledger filled to exactly 2^53 − 1, a write to any money table is refused with nothing written, while writes that add no money still pass', async () => {
    const room = LIMIT - (await ledger()).gross;
    await data(RECORD_CONTRIBUTION, contribution(room));
    const full = await ledger();
    expect(full.gross).toBe(LIMIT);
    const refusals: [string, Record<string, unknown>][] = [
      [RECORD_CONTRIBUTION, contribution(1)],
      [
        CREATE_LINE,
        { input: { planCode: PLAN, source: 'DEVELOPMENT_INVESTMENT', taskGroup: 2, year: 2026, plannedAmount: '1' } },
      ],
      [UPDATE_LINE, { input: { id: ids.line, version: ids.lineVersion, plannedAmount: '1000000001' } }],
      [CREATE_ESTIMATE, { input: { planCode: PLAN, source: 'SCIENCE_OPERATING', year: 2027, requestedAmount: '1' } }],
      [UPDATE_ESTIMATE, { input: { id: ids.draft, version: ids.draftVersion, requestedAmount: '2000000001' } }],
      [APPROVE_ESTIMATE, { input: { id: ids.submitted, version: ids.submittedVersion, approvedAmount: '1' } }],
      [RECORD_ALLOCATION, { input: { lineId: ids.line, decisionNumber: 'QĐ-LIMIT-2', decisionDate: '2026-04-02', amount: '1' } }],
      [RECORD_DISBURSEMENT, disbursement(1)],
      [REVERSE_DISBURSEMENT, { id: ids.disbursement, reason: 'Sai chứng từ' }],
    ];
    for (const [query, variables] of refusals) {
      expectLedgerRefusal(await call(query, variables));
      expect(await ledger()).toEqual(full);
    }
    // Lowering a line gives room back; a status change moves no money: both pass at the limit.
    await data(UPDATE_LINE, { input: { id: ids.line, version: ids.lineVersion, plannedAmount: '999999999' } });
    expect((await ledger()).gross).toBe(LIMIT - 1n);
    await scorecardWithEveryPart();
  });

  it('a contribution forced past 2^53 by direct SQL errors only the budget summaries: the plan, its budget total and its training and labs parts still answer, and further money writes are refused', async () => {
    await stack.subgraphs.funding.database.orm.em.fork().execute(
      `insert into contribution (plan_id, contributor_tax_code, date, amount, purpose, created_at)
       select id, '${PAYEE}', '2026-06-01', 1152921504606846976, 'forced', now() from plan where code = ?`,
      [PLAN],
    );
    // The gateway may serve its kept answer until the new data revision reaches it.
    let result = await stack.execute<Scorecard>(SCORECARD, { role: 'viewer' });
    await expect
      .poll(async () => {
        result = await stack.execute<Scorecard>(SCORECARD, { role: 'viewer' });
        return result.errors?.length ?? 0;
      })
      .toBeGreaterThan(0);
    const plan = result.data?.plan;
    expect(plan?.code).toBe(PLAN);
    expect(plan?.trainingIndicator).not.toBeNull();
    expect(plan?.infrastructureIndicators).not.toBeNull();
    expect(plan?.budgetTotal).toBe(16_925_000_000);
    expect(plan?.budgetOfYear).toBeNull();
    expect(plan?.budgetToDate).toBeNull();
    const paths = (result.errors ?? []).map((error) => error.path?.slice(0, 2).join('.'));
    expect(paths.sort()).toEqual(['plan.budgetOfYear', 'plan.budgetToDate']);
    expectLedgerRefusal(await call(RECORD_CONTRIBUTION, contribution(1)));
  });
});
