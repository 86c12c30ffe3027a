import { AuditEvent, todayInVietnam, yearOf } from '@metrology/kit';
import { startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundingSubgraph } from '../src';
import { Allocation } from '../src/modules/allocation/allocation.entity';
import { BudgetLine } from '../src/modules/budget-line/budget-line.entity';
import { Contribution } from '../src/modules/contribution/contribution.entity';
import { Disbursement } from '../src/modules/disbursement/disbursement.entity';
import { BudgetEnvelope } from '../src/modules/envelope/envelope.entity';
import { BudgetEstimate, EstimateStatus } from '../src/modules/estimate/estimate.entity';
import { FundingDemoSeeder } from '../src/seeders/demo.seeder';
import { PlanSeeder } from '../src/seeders/plan.seeder';
import { dataOf, finance, PLAN, type Source, viewer } from './fixtures';

const DEMO_TAX_CODES = ['4900100001', '4900100002', '4900100003'];
const FIGURES = 'envelope planned allocated disbursed remaining';
const SUMMARY = /* GraphQL */ `
  query Summary($code: ID!) {
    plan(code: $code) {
      budgetSummary {
        total { ${FIGURES} }
        bySource { source ${FIGURES} }
        contributions
      }
    }
  }
`;
const LINES = /* GraphQL */ `
  query Lines($code: ID!) { budgetLines(planCode: $code) { id plannedAmount allocated disbursed available } }
`;

interface Figures {
  envelope: number | null;
  planned: number;
  allocated: number;
  disbursed: number;
  remaining: number;
}

const sum = (amounts: bigint[]) => amounts.reduce((total, amount) => total + amount, 0n);
const net = (d: Disbursement) => (d.reverses ? -d.amount : d.amount);

describe('funding demo data set (development start, SEED_DEMO=true)', () => {
  let subgraph: TestSubgraph;
  const today = todayInVietnam();
  const year = yearOf(today);

  beforeAll(async () => {
    subgraph = await startTestSubgraph(fundingSubgraph);
    await subgraph.database.orm.getSeeder().seed(FundingDemoSeeder);
  });
  afterAll(() => subgraph?.stop());

  async function records() {
    const em = subgraph.database.orm.em.fork();
    return {
      lines: await em.find(BudgetLine, {}, { orderBy: { id: 'asc' } }),
      estimates: await em.find(BudgetEstimate, {}, { orderBy: { id: 'asc' } }),
      allocations: await em.find(Allocation, {}, { orderBy: { id: 'asc' } }),
      disbursements: await em.find(Disbursement, {}, { orderBy: { id: 'asc' } }),
      contributions: await em.find(Contribution, {}, { orderBy: { id: 'asc' } }),
      envelopes: await em.find(BudgetEnvelope, {}),
      audits: await em.count(AuditEvent, {}),
    };
  }

  it('is the definition’s demo seeder, so the kit adds it only when SEED_DEMO=true', () => {
    expect(fundingSubgraph.persistence.demoSeeders).toEqual([FundingDemoSeeder]);
    expect(fundingSubgraph.persistence.seeders).toEqual([PlanSeeder]);
  });

  it('books the previous and the current year: lines per source and task group, approved estimates, allocations, payments, a reversal, contributions', async () => {
    const { lines, estimates, allocations, disbursements, contributions } = await records();
    expect(new Set(lines.map((line) => line.year))).toEqual(new Set([year - 1, year]));
    for (const lineYear of [year - 1, year]) {
      const ofYear = lines.filter((line) => line.year === lineYear);
      expect(new Set(ofYear.map((line) => line.source))).toEqual(
        new Set(['SCIENCE_OPERATING', 'DEVELOPMENT_INVESTMENT', 'ENTERPRISE_AND_OTHER']),
      );
      expect(new Set(ofYear.map((line) => line.taskGroup))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
      const approved = estimates.filter((e) => e.year === lineYear && e.status === EstimateStatus.APPROVED);
      expect(approved.map((e) => e.source).sort()).toEqual(['DEVELOPMENT_INVESTMENT', 'SCIENCE_OPERATING']);
    }
    expect(estimates.filter((e) => e.status === EstimateStatus.REJECTED)).toHaveLength(1);
    expect(allocations.length).toBeGreaterThanOrEqual(lines.length);
    const reversals = disbursements.filter((d) => d.reverses);
    expect(reversals).toHaveLength(1);
    expect(disbursements.length).toBeGreaterThan(20);
    expect(contributions.length).toBeGreaterThanOrEqual(4);
  });

  it('labels every record as demo data, pays only the demo organisations, names no activity and dates nothing after today', async () => {
    const { lines, estimates, allocations, disbursements, contributions } = await records();
    const trail = await subgraph.database.orm.em.fork().find(AuditEvent, {});
    expect(trail.length).toBeGreaterThan(disbursements.length);
    expect(trail.every((event) => event.actor === null && event.actorName === 'Dữ liệu mẫu (DEMO)')).toBe(true);
    expect(lines.every((line) => line.note?.startsWith('[DEMO]'))).toBe(true);
    expect(estimates.every((e) => e.note?.startsWith('[DEMO]'))).toBe(true);
    expect(estimates.filter((e) => e.rejectionReason).every((e) => e.rejectionReason?.endsWith('(dữ liệu mẫu)'))).toBe(true);
    expect(allocations.every((a) => a.decisionNumber.startsWith('DEMO-') && a.decisionDate <= today)).toBe(true);
    for (const d of disbursements) {
      // A reversal has no voucher of its own: it points to the payment it takes back.
      expect(d.voucherNumber).toEqual(d.reverses ? null : expect.stringMatching(/^DEMO-PC-/));
      expect(d.purpose.endsWith('(dữ liệu mẫu)')).toBe(true);
      expect(DEMO_TAX_CODES).toContain(d.payeeTaxCode);
      expect([d.activityKind, d.activityId]).toEqual([null, null]);
      expect(d.date <= today).toBe(true);
    }
    expect(disbursements.find((d) => d.reverses)?.reversalReason).toMatch(/\(dữ liệu mẫu\)$/);
    for (const c of contributions) {
      expect(c.purpose.endsWith('(dữ liệu mẫu)')).toBe(true);
      expect(DEMO_TAX_CODES).toContain(c.contributorTaxCode);
      expect(c.date <= today).toBe(true);
    }
  });

  it('reconciles: lines within the envelopes, allocations within the lines, disbursements within the allocations, and the summary equal to the records to the đồng', async () => {
    const { lines, allocations, disbursements, contributions, envelopes } = await records();
    const perLine = dataOf<{ id: string; plannedAmount: number; allocated: number; disbursed: number; available: number }[]>(
      await subgraph.execute({ query: LINES, variables: { code: PLAN } }, finance),
      'budgetLines',
    );
    expect(perLine).toHaveLength(lines.length);
    for (const line of lines) {
      const allocated = sum(allocations.filter((a) => a.line.id === line.id).map((a) => a.amount));
      const disbursed = sum(disbursements.filter((d) => d.line.id === line.id).map(net));
      expect(allocated <= line.plannedAmount).toBe(true);
      expect(disbursed >= 0n && disbursed <= allocated).toBe(true);
      expect(perLine.find((row) => row.id === String(line.id))).toEqual({
        id: String(line.id),
        plannedAmount: Number(line.plannedAmount),
        allocated: Number(allocated),
        disbursed: Number(disbursed),
        available: Number(allocated - disbursed),
      });
    }

    const summary = dataOf<{
      budgetSummary: { total: Figures; bySource: (Figures & { source: Source })[]; contributions: number };
    }>(await subgraph.execute({ query: SUMMARY, variables: { code: PLAN } }, viewer), 'plan').budgetSummary;
    const lineIdsOf = (source: string) => new Set(lines.filter((line) => line.source === source).map((line) => line.id));
    for (const envelope of envelopes) {
      const ids = lineIdsOf(envelope.source);
      const planned = sum(lines.filter((line) => ids.has(line.id)).map((line) => line.plannedAmount));
      const disbursed = sum(disbursements.filter((d) => ids.has(d.line.id)).map(net));
      expect(planned <= envelope.amount).toBe(true);
      expect(summary.bySource.find((row) => row.source === envelope.source)).toEqual({
        source: envelope.source,
        envelope: Number(envelope.amount),
        planned: Number(planned),
        allocated: Number(sum(allocations.filter((a) => ids.has(a.line.id)).map((a) => a.amount))),
        disbursed: Number(disbursed),
        remaining: Number(envelope.amount - disbursed),
      });
    }
    const totalDisbursed = sum(disbursements.map(net));
    expect(summary.total).toEqual({
      envelope: 16_925_000_000,
      planned: Number(sum(lines.map((line) => line.plannedAmount))),
      allocated: Number(sum(allocations.map((a) => a.amount))),
      disbursed: Number(totalDisbursed),
      remaining: Number(16_925_000_000n - totalDisbursed),
    });
    expect(summary.contributions).toBe(Number(sum(contributions.map((c) => c.amount))));
  });

  it('adds nothing on a second run (a later development start)', async () => {
    const before = await records();
    await subgraph.database.orm.getSeeder().seed(FundingDemoSeeder);
    const after = await records();
    expect({
      lines: after.lines.length,
      estimates: after.estimates.length,
      allocations: after.allocations.length,
      disbursements: after.disbursements.length,
      contributions: after.contributions.length,
      audits: after.audits,
    }).toEqual({
      lines: before.lines.length,
      estimates: before.estimates.length,
      allocations: before.allocations.length,
      disbursements: before.disbursements.length,
      contributions: before.contributions.length,
      audits: before.audits,
    });
  });
});
