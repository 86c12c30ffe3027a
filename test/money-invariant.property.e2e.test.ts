/**
 * The money invariant as a property (docs/ARCHITECTURE.md, "Money and dates"): after any sequence
 * of well-formed money writes through the gateway — contributions, lines, line changes, estimates,
 * allocations, payments and reversals, with amounts up to 10^15 so that the bound is reached — each
 * write is either recorded or refused with a coded error, the gross stays within 2^53 − 1, and the
 * plan's scorecard answers with every figure. Runs share one database: the state a run starts from
 * is itself the result of the earlier runs' sequences.
 */
import type { Role } from '@metrology/kit/identity';
import { SCORECARD_QUERY } from '@metrology/reports';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './harness';

const PLAN = '129/KH-UBND';
const LIMIT = 9_007_199_254_740_991n;
const PAYEE = '4900123456';
/** Refusals a well-formed write may meet: a rule of the domain, never an internal error. */
const CODED_REFUSALS = ['CONFLICT', 'BAD_USER_INPUT', 'NOT_FOUND'];

const MUTATIONS = {
  contribution: `mutation ($input: RecordContributionInput!) { recordContribution(input: $input) { id } }`,
  line: `mutation ($input: CreateBudgetLineInput!) { createBudgetLine(input: $input) { id version } }`,
  updateLine: `mutation ($input: UpdateBudgetLineInput!) { updateBudgetLine(input: $input) { id version } }`,
  estimate: `mutation ($input: CreateBudgetEstimateInput!) { createBudgetEstimate(input: $input) { id version } }`,
  submit: `mutation ($id: ID!, $version: Int!) { submitBudgetEstimate(id: $id, version: $version) { id version } }`,
  approve: `mutation ($input: ApproveBudgetEstimateInput!) { approveBudgetEstimate(input: $input) { id } }`,
  allocation: `mutation ($input: RecordAllocationInput!) { recordAllocation(input: $input) { id } }`,
  disbursement: `mutation ($input: RecordDisbursementInput!) { recordDisbursement(input: $input) { id } }`,
  reverse: `mutation ($id: ID!, $reason: String!) { reverseDisbursement(id: $id, reason: $reason, date: "2030-12-31") { id } }`,
};

const SOURCES = ['SCIENCE_OPERATING', 'DEVELOPMENT_INVESTMENT', 'ENTERPRISE_AND_OTHER'] as const;
/** Task groups each source may plan (the plan names group 2 for investment only). */
const GROUPS: Record<(typeof SOURCES)[number], number[]> = {
  SCIENCE_OPERATING: [1, 3, 4, 5, 6],
  DEVELOPMENT_INVESTMENT: [2],
  ENTERPRISE_AND_OTHER: [1, 2, 3, 4, 5, 6, 7],
};

const amount = fc.oneof(fc.constant(10n ** 15n), fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 9n }));
const year = fc.integer({ min: 2026, max: 2030 });
const pick = fc.nat();
const write = fc.oneof(
  fc.record({ kind: fc.constant('contribution' as const), amount }),
  fc.record({ kind: fc.constant('line' as const), source: fc.constantFrom(...SOURCES), group: pick, year, amount }),
  fc.record({ kind: fc.constant('updateLine' as const), pick, amount }),
  fc.record({
    kind: fc.constant('estimate' as const),
    source: fc.constantFrom('SCIENCE_OPERATING', 'DEVELOPMENT_INVESTMENT'),
    year,
    requested: amount,
    approved: amount,
  }),
  fc.record({ kind: fc.constant('allocation' as const), pick, amount }),
  fc.record({ kind: fc.constant('disbursement' as const), pick, amount }),
  fc.record({ kind: fc.constant('reverse' as const), pick }),
);
type Write = typeof write extends fc.Arbitrary<infer T> ? T : never;

interface Outcome {
  data?: Record<string, { id: string; version?: number } | null> | null;
  errors?: { extensions?: { code?: string } }[];
}

describe('the money invariant as a property of any sequence of writes', () => {
  let stack: Stack;
  const lines: { id: string; version: number }[] = [];
  const payments: string[] = [];
  let serial = 0;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  /** Sends one mutation as finance; it must be recorded or refused with a coded domain error. */
  async function send(
    query: string,
    variables: Record<string, unknown>,
    subject = 'e2e-finance',
  ): Promise<{ id: string; version?: number } | null> {
    const result = (await stack.execute({ query, variables }, { role: 'finance' as Role, subject })) as Outcome;
    if (result.errors?.length) {
      expect(CODED_REFUSALS, JSON.stringify(result.errors)).toContain(result.errors[0]?.extensions?.code);
      return null;
    }
    return Object.values(result.data ?? {})[0] ?? null;
  }

  async function apply(step: Write): Promise<void> {
    const n = ++serial;
    switch (step.kind) {
      case 'contribution':
        await send(MUTATIONS.contribution, {
          input: {
            planCode: PLAN,
            contributorTaxCode: PAYEE,
            date: '2026-07-01',
            amount: String(step.amount),
            purpose: 'Huy động',
          },
        });
        return;
      case 'line': {
        const groups = GROUPS[step.source];
        const taskGroup = groups[step.group % groups.length];
        const line = await send(MUTATIONS.line, {
          input: { planCode: PLAN, source: step.source, taskGroup, year: step.year, plannedAmount: String(step.amount) },
        });
        if (line) lines.push({ id: line.id, version: line.version ?? 1 });
        return;
      }
      case 'updateLine': {
        const line = lines[step.pick % Math.max(lines.length, 1)];
        if (!line) return;
        const changed = await send(MUTATIONS.updateLine, {
          input: { id: line.id, version: line.version, plannedAmount: String(step.amount) },
        });
        if (changed) line.version = changed.version ?? line.version;
        return;
      }
      case 'estimate': {
        const draft = await send(MUTATIONS.estimate, {
          input: { planCode: PLAN, source: step.source, year: step.year, requestedAmount: String(step.requested) },
        });
        if (!draft) return;
        const submitted = await send(MUTATIONS.submit, { id: draft.id, version: draft.version });
        if (!submitted) return;
        // Four eyes: another finance officer records the approval.
        await send(
          MUTATIONS.approve,
          {
            input: {
              id: submitted.id,
              version: submitted.version,
              approvedAmount: String(step.approved),
              decidedOn: '2026-02-01',
            },
          },
          'e2e-finance-2',
        );
        return;
      }
      case 'allocation': {
        const line = lines[step.pick % Math.max(lines.length, 1)];
        if (!line) return;
        await send(MUTATIONS.allocation, {
          input: { lineId: line.id, decisionNumber: `QĐ-P-${n}`, decisionDate: '2026-03-01', amount: String(step.amount) },
        });
        return;
      }
      case 'disbursement': {
        const line = lines[step.pick % Math.max(lines.length, 1)];
        if (!line) return;
        const paid = await send(MUTATIONS.disbursement, {
          input: {
            lineId: line.id,
            voucherNumber: `PC-P-${n}`,
            date: '2026-04-01',
            amount: String(step.amount),
            payeeTaxCode: PAYEE,
            purpose: 'Chi',
          },
        });
        if (paid) payments.push(paid.id);
        return;
      }
      case 'reverse': {
        const payment = payments[step.pick % Math.max(payments.length, 1)];
        if (payment) await send(MUTATIONS.reverse, { id: payment, reason: 'Ghi đảo' });
        return;
      }
    }
  }

  async function gross(): Promise<bigint> {
    const [row] = await stack.subgraphs.funding.database.orm.em.fork().execute<{ gross: string }[]>(
      `select ((select coalesce(sum(abs(amount)), 0) from budget_envelope)
        + (select coalesce(sum(abs(planned_amount)), 0) from budget_line)
        + (select coalesce(sum(abs(requested_amount) + abs(coalesce(approved_amount, 0))), 0) from budget_estimate)
        + (select coalesce(sum(abs(amount)), 0) from allocation)
        + (select coalesce(sum(abs(amount)), 0) from disbursement)
        + (select coalesce(sum(abs(amount)), 0) from contribution))::text as gross`,
    );
    return BigInt(row.gross);
  }

  it('after any sequence of writes, the gross is within 2^53 − 1 and the scorecard answers with every figure', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const step of steps) await apply(step);
        expect(await gross()).toBeLessThanOrEqual(LIMIT);
        const answer = await stack.execute<{ plan: Record<string, unknown> | null }>(
          { query: SCORECARD_QUERY, variables: { plan: PLAN, year: 2026, phase: null, asOf: '2030-12-31' } },
          { role: 'viewer' },
        );
        expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
        const plan = answer.data?.plan;
        expect(plan).toBeTruthy();
        for (const part of ['budgetTotal', 'trainingIndicator', 'infrastructureIndicators', 'budgetOfYear', 'budgetToDate']) {
          // Present and not null (toEqual(anything()) fails on both null and undefined).
          expect(plan?.[part], part).toEqual(expect.anything());
        }
      }),
      { numRuns: 25 },
    );
    // The sequences reached the bound: the property was tried where it matters.
    expect(LIMIT - (await gross())).toBeLessThan(10n ** 15n);
  });
});
