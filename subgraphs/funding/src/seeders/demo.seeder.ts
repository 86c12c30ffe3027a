import { addDays, daysBetween, type Identity, SEEDED_PLANS, todayInVietnam, yearOf } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { NO_ACTIVITY_LINKS } from '../modules/activity/activity.owners';
import { allocationService } from '../modules/allocation/allocation.service';
import { BudgetLine } from '../modules/budget-line/budget-line.entity';
import { budgetLineService } from '../modules/budget-line/budget-line.service';
import { contributionService } from '../modules/contribution/contribution.service';
import { disbursementService } from '../modules/disbursement/disbursement.service';
import { FundingSource } from '../modules/envelope/envelope.entity';
import { BudgetEstimate } from '../modules/estimate/estimate.entity';
import { estimateService } from '../modules/estimate/estimate.service';
import { Plan, PlanPhase } from '../modules/plan/plan.entity';

/**
 * The funding demo data set of a development start (SEED_DEMO=true), clearly labelled: notes
 * start with "[DEMO]", decision and voucher numbers with "DEMO-", purposes and reasons end with
 * "(dữ liệu mẫu)". It books the previous year and the current year of the first seeded plan:
 * lines per source and task group within the envelopes, approved estimates (one rejected and
 * redrafted), allocations, payments to the demo organisations, a reversal, and contributions.
 *
 * Written through the services, inside one transaction, so that the demo obeys every money rule
 * (envelopes, allocations, the audit trail) and is added whole or not at all. No record names an
 * activity: the other subgraphs' ids are random, so a reference here could name nothing.
 */

/** The system writes the demo: the audit trail shows no person (actor null) and this name. */
const DEMO_WRITER: Identity = { subject: null, roles: [], name: 'Dữ liệu mẫu (DEMO)' };

/** The demo organisations (fictitious tax codes, shared with the other subgraphs' demo data). */
const DEMO_PAYEES = ['4900100001', '4900100002', '4900100003'] as const;

const DEMO = '(dữ liệu mẫu)';

/** What a task group's money pays for, as a payment's purpose. */
const PURPOSES: Record<number, string> = {
  1: 'Xây dựng, rà soát văn bản hướng dẫn hoạt động đo lường',
  2: 'Đầu tư trang thiết bị, chuẩn đo lường cho phòng thí nghiệm',
  3: 'Kiểm tra nhà nước về đo lường, quản lý phương tiện đo nhóm 2',
  4: 'Hỗ trợ doanh nghiệp áp dụng Chương trình đảm bảo đo lường',
  5: 'Trao đổi kinh nghiệm, hợp tác quốc tế về đo lường',
  6: 'Hội nghị hưởng ứng Ngày Đo lường Việt Nam 20/01',
  7: 'Sơ kết, báo cáo tình hình thực hiện kế hoạch',
};

/** Planned amounts (đồng) of the demo lines: [previous year, current year]. */
const LINES: { source: FundingSource; taskGroup: number; planned: readonly [bigint, bigint] }[] = [
  { source: FundingSource.SCIENCE_OPERATING, taskGroup: 1, planned: [40_000_000n, 50_000_000n] },
  { source: FundingSource.SCIENCE_OPERATING, taskGroup: 3, planned: [120_000_000n, 130_000_000n] },
  { source: FundingSource.SCIENCE_OPERATING, taskGroup: 4, planned: [180_000_000n, 200_000_000n] },
  { source: FundingSource.SCIENCE_OPERATING, taskGroup: 5, planned: [30_000_000n, 40_000_000n] },
  { source: FundingSource.SCIENCE_OPERATING, taskGroup: 6, planned: [80_000_000n, 90_000_000n] },
  { source: FundingSource.SCIENCE_OPERATING, taskGroup: 7, planned: [20_000_000n, 25_000_000n] },
  { source: FundingSource.DEVELOPMENT_INVESTMENT, taskGroup: 2, planned: [1_200_000_000n, 1_500_000_000n] },
  { source: FundingSource.ENTERPRISE_AND_OTHER, taskGroup: 2, planned: [150_000_000n, 200_000_000n] },
  { source: FundingSource.ENTERPRISE_AND_OTHER, taskGroup: 4, planned: [250_000_000n, 300_000_000n] },
];

/**
 * How a year unfolds, as fractions of its period (the whole previous year; the current year up
 * to today, so that nothing is dated in the future) and percentages: the previous year allocated
 * in full in two decisions and 90 % paid; the current year 70 % allocated and half of that paid.
 */
interface YearPattern {
  allocations: { at: number; percentOfPlanned: bigint }[];
  payments: { at: number; percentOfAllocated: bigint }[];
  contributions: { at: number; taxCode: string; amount: bigint; purpose: string }[];
  /** A payment recorded twice by mistake, then reversed (never deleted). */
  mistake: { source: FundingSource; taskGroup: number; amount: bigint; at: number; reversedAt: number; reason: string } | null;
}

const PREVIOUS_YEAR: YearPattern = {
  allocations: [
    { at: 0.05, percentOfPlanned: 60n },
    { at: 0.45, percentOfPlanned: 40n },
  ],
  payments: [
    { at: 0.25, percentOfAllocated: 35n },
    { at: 0.55, percentOfAllocated: 30n },
    { at: 0.85, percentOfAllocated: 25n },
  ],
  contributions: [
    { at: 0.3, taxCode: DEMO_PAYEES[0], amount: 150_000_000n, purpose: 'Đối ứng kinh phí Chương trình đảm bảo đo lường' },
    { at: 0.7, taxCode: DEMO_PAYEES[1], amount: 100_000_000n, purpose: 'Tài trợ hội nghị Ngày Đo lường Việt Nam' },
  ],
  mistake: null,
};

const CURRENT_YEAR: YearPattern = {
  allocations: [{ at: 0.1, percentOfPlanned: 70n }],
  payments: [
    { at: 0.3, percentOfAllocated: 30n },
    { at: 0.7, percentOfAllocated: 20n },
  ],
  contributions: [
    { at: 0.3, taxCode: DEMO_PAYEES[2], amount: 200_000_000n, purpose: 'Đóng góp trang bị chuẩn đo lường dùng chung' },
    { at: 0.6, taxCode: DEMO_PAYEES[0], amount: 120_000_000n, purpose: 'Đối ứng kinh phí Chương trình đảm bảo đo lường' },
  ],
  mistake: {
    source: FundingSource.SCIENCE_OPERATING,
    taskGroup: 4,
    amount: 15_000_000n,
    at: 0.5,
    reversedAt: 0.55,
    reason: `Chi trùng với chứng từ đã ghi trước đó ${DEMO}`,
  },
};

/** Requested and approved estimates (đồng) of the state sources: [previous year, current year]. */
const ESTIMATES: { source: FundingSource; requested: readonly [bigint, bigint]; approved: readonly [bigint, bigint] }[] = [
  { source: FundingSource.SCIENCE_OPERATING, requested: [470_000_000n, 560_000_000n], approved: [470_000_000n, 535_000_000n] },
  {
    source: FundingSource.DEVELOPMENT_INVESTMENT,
    requested: [1_200_000_000n, 1_500_000_000n],
    approved: [1_200_000_000n, 1_500_000_000n],
  },
];

/** The current year's investment estimate is first sent too high and rejected, then redrafted. */
const REJECTED_ESTIMATE = {
  source: FundingSource.DEVELOPMENT_INVESTMENT,
  requested: 1_800_000_000n,
  reason: `Vượt khả năng cân đối vốn đầu tư phát triển của tỉnh ${DEMO}`,
};

interface Period {
  year: number;
  start: string;
  end: string;
}

function dateIn(period: Period, fraction: number): string {
  return addDays(period.start, Math.round(daysBetween(period.start, period.end) * fraction));
}

export class FundingDemoSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const document = SEEDED_PLANS[0];
    if (!document) return;
    await em.transactional(async (tx) => {
      const plan = await tx.findOne(Plan, { code: document.code });
      // Only a plan whose books nobody keeps yet gets the demo: a later start finds the demo's
      // lines, and someone else's lines or estimates could not reconcile with it.
      if (!plan || (await tx.count(BudgetLine, { plan: plan.id })) || (await tx.count(BudgetEstimate, { plan: plan.id }))) return;
      const periods = await this.periods(tx, plan);
      if (!periods) return;
      for (const [index, period] of periods.entries()) {
        const pattern = index === 0 ? PREVIOUS_YEAR : CURRENT_YEAR;
        await this.estimates(tx, plan.code, period, index);
        await this.lines(tx, plan.code, period, index, pattern);
        for (const contribution of pattern.contributions) {
          await contributionService.record(tx, DEMO_WRITER, {
            planCode: plan.code,
            contributorTaxCode: contribution.taxCode,
            date: dateIn(period, contribution.at),
            amount: contribution.amount,
            purpose: `${contribution.purpose} ${DEMO}`,
          });
        }
      }
    });
  }

  /**
   * The previous and the current year, kept inside the plan's phases (a start after the plan's
   * last year books its last two years); none when the plan has fewer than two years.
   */
  private async periods(tx: EntityManager, plan: Plan): Promise<[Period, Period] | null> {
    const phases = await tx.find(PlanPhase, { plan: plan.id });
    if (phases.length === 0) return null;
    const first = Math.min(...phases.map((phase) => yearOf(phase.startDate)));
    const last = Math.max(...phases.map((phase) => yearOf(phase.endDate)));
    const today = todayInVietnam();
    const current = Math.min(yearOf(today), last);
    if (current - 1 < first) return null;
    const currentEnd = current === yearOf(today) ? today : `${current}-12-31`;
    return [
      { year: current - 1, start: `${current - 1}-01-01`, end: `${current - 1}-12-31` },
      { year: current, start: `${current}-01-01`, end: currentEnd },
    ];
  }

  /** Estimates for the period's year, decided in December of the year before. */
  private async estimates(tx: EntityManager, planCode: string, period: Period, index: number): Promise<void> {
    const decidedOn = `${period.year - 1}-12-15`;
    if (index === 1) {
      const draft = await estimateService.create(tx, DEMO_WRITER, {
        planCode,
        source: REJECTED_ESTIMATE.source,
        year: period.year,
        requestedAmount: REJECTED_ESTIMATE.requested,
        note: `[DEMO] Dự toán chi đầu tư năm ${period.year}, lần 1`,
      });
      const submitted = await estimateService.submit(tx, DEMO_WRITER, { id: String(draft.id), version: draft.version });
      await estimateService.reject(tx, DEMO_WRITER, {
        id: String(submitted.id),
        version: submitted.version,
        reason: REJECTED_ESTIMATE.reason,
        decidedOn: `${period.year - 1}-11-20`,
      });
    }
    for (const estimate of ESTIMATES) {
      const draft = await estimateService.create(tx, DEMO_WRITER, {
        planCode,
        source: estimate.source,
        year: period.year,
        requestedAmount: estimate.requested[index],
        note: `[DEMO] Dự toán kinh phí năm ${period.year}`,
      });
      const submitted = await estimateService.submit(tx, DEMO_WRITER, { id: String(draft.id), version: draft.version });
      await estimateService.approve(tx, DEMO_WRITER, {
        id: String(submitted.id),
        version: submitted.version,
        approvedAmount: estimate.approved[index],
        decidedOn,
      });
    }
  }

  /** The period's lines (index 0: previous year, 1: current), each allocated and paid as the year's pattern says. */
  private async lines(tx: EntityManager, planCode: string, period: Period, index: number, pattern: YearPattern): Promise<void> {
    let decision = 0;
    let voucher = 0;
    const nextVoucher = () => {
      voucher += 1;
      return `DEMO-PC-${period.year}-${String(voucher).padStart(3, '0')}`;
    };
    for (const [lineIndex, spec] of LINES.entries()) {
      const planned = spec.planned[index];
      const line = await budgetLineService.create(tx, DEMO_WRITER, {
        planCode,
        source: spec.source,
        taskGroup: spec.taskGroup,
        year: period.year,
        plannedAmount: planned,
        note: `[DEMO] ${PURPOSES[spec.taskGroup]}`,
      });
      const lineId = String(line.id);
      let allocated = 0n;
      for (const allocation of pattern.allocations) {
        decision += 1;
        const amount = (planned * allocation.percentOfPlanned) / 100n;
        allocated += amount;
        await allocationService.record(tx, DEMO_WRITER, {
          lineId,
          decisionNumber: `DEMO-${String(decision).padStart(2, '0')}/QĐ-SKHCN-${period.year}`,
          decisionDate: dateIn(period, allocation.at),
          amount,
        });
      }
      for (const [paymentIndex, payment] of pattern.payments.entries()) {
        await disbursementService.record(
          tx,
          DEMO_WRITER,
          {
            lineId,
            voucherNumber: nextVoucher(),
            date: dateIn(period, payment.at),
            amount: (allocated * payment.percentOfAllocated) / 100n,
            payeeTaxCode: DEMO_PAYEES[(lineIndex + paymentIndex) % DEMO_PAYEES.length],
            purpose: `${PURPOSES[spec.taskGroup]} ${DEMO}`,
          },
          NO_ACTIVITY_LINKS,
        );
      }
      const mistake = pattern.mistake;
      if (mistake && spec.source === mistake.source && spec.taskGroup === mistake.taskGroup) {
        const mistaken = await disbursementService.record(
          tx,
          DEMO_WRITER,
          {
            lineId,
            voucherNumber: nextVoucher(),
            date: dateIn(period, mistake.at),
            amount: mistake.amount,
            payeeTaxCode: DEMO_PAYEES[0],
            purpose: `${PURPOSES[spec.taskGroup]} ${DEMO}`,
          },
          NO_ACTIVITY_LINKS,
        );
        await disbursementService.reverse(tx, DEMO_WRITER, {
          id: String(mistaken.id),
          reason: mistake.reason,
          date: dateIn(period, mistake.reversedAt),
        });
      }
    }
  }
}
