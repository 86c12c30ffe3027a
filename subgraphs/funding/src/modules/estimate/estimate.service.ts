import {
  assertSecondPerson,
  assertVersion,
  audit,
  BadInputError,
  ConflictError,
  type Identity,
  NotFoundError,
  optionalText,
  requireText,
  todayInVietnam,
} from '@metrology/kit';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ledger } from '../../shared/ledger';
import { idOf, overCeiling } from '../../shared/money';
import { transact } from '../../shared/transaction';
import { lockEnvelope } from '../budget-line/budget-line.service';
import { FundingSource } from '../envelope/envelope.entity';
import { planService } from '../plan/plan.service';
import { BudgetEstimate, EstimateRecipient, EstimateStatus } from './estimate.entity';

/**
 * Who decides the estimate of each state source: development investment goes to the
 * Department of Planning and Investment, the science operating budget (recurrent) to the
 * Department of Finance. Money mobilised from enterprises is no state budget: it has no
 * estimate, so none can be drafted for it.
 */
const RECIPIENTS: Readonly<Partial<Record<FundingSource, EstimateRecipient>>> = {
  [FundingSource.DEVELOPMENT_INVESTMENT]: EstimateRecipient.DEPARTMENT_OF_PLANNING_AND_INVESTMENT,
  [FundingSource.SCIENCE_OPERATING]: EstimateRecipient.DEPARTMENT_OF_FINANCE,
};

export function recipientFor(source: FundingSource): EstimateRecipient | null {
  return RECIPIENTS[source] ?? null;
}

export interface NewEstimate {
  planCode: string;
  source: FundingSource;
  year: number;
  requestedAmount: bigint;
  note?: string | null;
}

export interface EstimateChange {
  id: string;
  version: number;
  requestedAmount?: bigint | null;
  note?: string | null;
}

export interface EstimateVersion {
  id: string;
  version: number;
}

export interface EstimateApproval extends EstimateVersion {
  approvedAmount: bigint;
  decidedOn?: string | null;
}

export interface EstimateRejection extends EstimateVersion {
  reason: string;
  decidedOn?: string | null;
}

export interface EstimateFilter {
  planCode: string;
  year?: number | null;
  source?: FundingSource | null;
}

const STATUS_VI: Record<EstimateStatus, string> = {
  DRAFT: 'dự thảo',
  SUBMITTED: 'đã trình',
  APPROVED: 'đã được duyệt',
  REJECTED: 'bị từ chối',
};

function estimateIdOf(raw: string): number {
  return idOf(raw, 'BudgetEstimate', 'dự toán');
}

async function lockEstimate(tx: EntityManager, rawId: string, version: number): Promise<BudgetEstimate> {
  const estimate = await tx.findOne(
    BudgetEstimate,
    { id: estimateIdOf(rawId) },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!estimate) throw new NotFoundError('BudgetEstimate', rawId, 'dự toán');
  assertVersion(estimate, version, 'Dự toán', 'estimate');
  return estimate;
}

/** Refuses a step the workflow does not have from the estimate's status (CONFLICT). */
function assertStatus(estimate: BudgetEstimate, expected: EstimateStatus, actionVi: string, actionEn: string): void {
  if (estimate.status !== expected) {
    throw new ConflictError(
      `Không thể ${actionVi} dự toán đang ở trạng thái "${STATUS_VI[estimate.status]}".`,
      `Cannot ${actionEn} an estimate that is ${estimate.status}.`,
      { status: estimate.status },
    );
  }
}

/** The approval's four-eyes refusal. */
const SUBMITTER_APPROVES = {
  vi: 'Nguyên tắc hai người: người đã trình dự toán không được tự ghi nhận phê duyệt; cần một cán bộ khác ghi nhận.',
  en: 'Four eyes: whoever submitted this estimate cannot also record its approval; another officer must record it.',
};

/** Annual estimates (dự toán): draft → submitted → approved (≤ the envelope) or rejected (with a reason). */
export const estimateService = {
  async get(em: EntityManager, rawId: string): Promise<BudgetEstimate> {
    const estimate = await em.findOne(BudgetEstimate, { id: estimateIdOf(rawId) });
    if (!estimate) throw new NotFoundError('BudgetEstimate', rawId, 'dự toán');
    return estimate;
  },

  async list(em: EntityManager, filter: EstimateFilter): Promise<BudgetEstimate[]> {
    const plan = await planService.requireByCode(em, filter.planCode);
    return em.find(
      BudgetEstimate,
      {
        plan: plan.id,
        ...(filter.year ? { year: filter.year } : {}),
        ...(filter.source ? { source: filter.source } : {}),
      },
      { orderBy: { year: 'asc', source: 'asc', id: 'asc' } },
    );
  },

  create(em: EntityManager, identity: Identity, input: NewEstimate): Promise<BudgetEstimate> {
    return transact(em, async (tx) => {
      if (!recipientFor(input.source)) {
        throw new BadInputError(
          'source',
          'Kinh phí huy động từ doanh nghiệp và nguồn hợp pháp khác không lập dự toán ngân sách nhà nước.',
          'Money mobilised from enterprises and other sources is not state budget: it has no annual estimate.',
        );
      }
      const plan = await planService.requireByCode(tx, input.planCode);
      await planService.assertYearInPlan(tx, plan, input.year);
      const note = optionalText(input.note, 'note', 'Thuyết minh', 2000);
      const open = await tx.count(BudgetEstimate, {
        plan: plan.id,
        source: input.source,
        year: input.year,
        status: { $ne: EstimateStatus.REJECTED },
      });
      if (open > 0) {
        throw new ConflictError(
          `Đã có dự toán năm ${input.year} của nguồn này; chỉ lập dự toán mới khi dự toán trước bị từ chối.`,
          `An estimate for ${input.year} and this source already exists; a new one may be drafted only after a rejection.`,
        );
      }
      const estimate = tx.create(BudgetEstimate, {
        plan,
        source: input.source,
        year: input.year,
        requestedAmount: input.requestedAmount,
        note,
        status: EstimateStatus.DRAFT,
        recipient: null,
        submittedAt: null,
        submittedBy: null,
        approvedAmount: null,
        decidedOn: null,
        rejectionReason: null,
        createdAt: new Date(),
        version: 1,
      });
      await tx.flush();
      audit(tx, identity, {
        entityType: 'BudgetEstimate',
        entityId: String(estimate.id),
        action: 'create',
        changes: { source: estimate.source, year: estimate.year, requestedAmount: estimate.requestedAmount.toString() },
      });
      return estimate;
    });
  },

  /** Edits a draft (only a draft: what was submitted is what the department received). */
  update(em: EntityManager, identity: Identity, input: EstimateChange): Promise<BudgetEstimate> {
    return transact(em, async (tx) => {
      const estimate = await lockEstimate(tx, input.id, input.version);
      assertStatus(estimate, EstimateStatus.DRAFT, 'sửa', 'edit');
      const before = estimate.requestedAmount;
      if (input.requestedAmount !== undefined && input.requestedAmount !== null) estimate.requestedAmount = input.requestedAmount;
      if (input.note !== undefined) estimate.note = optionalText(input.note, 'note', 'Thuyết minh', 2000);
      await tx.flush();
      audit(tx, identity, {
        entityType: 'BudgetEstimate',
        entityId: String(estimate.id),
        action: 'update',
        changes: { requestedAmount: { from: before.toString(), to: estimate.requestedAmount.toString() } },
      });
      return estimate;
    });
  },

  /** DRAFT → SUBMITTED, to the department the source goes to. */
  submit(em: EntityManager, identity: Identity, input: EstimateVersion): Promise<BudgetEstimate> {
    return transact(em, async (tx) => {
      const estimate = await lockEstimate(tx, input.id, input.version);
      assertStatus(estimate, EstimateStatus.DRAFT, 'trình', 'submit');
      const recipient = recipientFor(estimate.source);
      if (!recipient) throw new ConflictError('Nguồn này không trình dự toán.', 'This source submits no estimate.');
      estimate.status = EstimateStatus.SUBMITTED;
      estimate.recipient = recipient;
      estimate.submittedAt = new Date();
      estimate.submittedBy = identity.subject;
      await tx.flush();
      audit(tx, identity, {
        entityType: 'BudgetEstimate',
        entityId: String(estimate.id),
        action: 'submit',
        changes: { status: { from: EstimateStatus.DRAFT, to: estimate.status }, recipient },
      });
      return estimate;
    });
  },

  /**
   * SUBMITTED → APPROVED with the approved amount. The approved estimates of a source, over all
   * the plan's years, stay within its envelope: the envelope row is locked before they are summed.
   */
  approve(em: EntityManager, identity: Identity, input: EstimateApproval): Promise<BudgetEstimate> {
    return transact(em, async (tx) => {
      const found = await estimateService.get(tx, input.id);
      const envelope = await lockEnvelope(tx, found.plan, found.source);
      const estimate = await lockEstimate(tx, input.id, input.version);
      assertStatus(estimate, EstimateStatus.SUBMITTED, 'duyệt', 'approve');
      // Four eyes (docs/ROLES.md): who asked for the money does not record how much was granted.
      assertSecondPerson(identity, [estimate.submittedBy], SUBMITTER_APPROVES);
      const approved = await ledger.approvedForSource(tx, estimate.plan.id, estimate.source);
      if (approved + input.approvedAmount > envelope.amount) {
        throw overCeiling(
          {
            vi: 'Tổng dự toán được duyệt của nguồn sẽ vượt hạn mức',
            en: 'Approved estimates of this source exceed its envelope',
          },
          envelope.amount,
          approved + input.approvedAmount,
        );
      }
      estimate.status = EstimateStatus.APPROVED;
      estimate.approvedAmount = input.approvedAmount;
      estimate.decidedOn = input.decidedOn ?? todayInVietnam();
      await tx.flush();
      audit(tx, identity, {
        entityType: 'BudgetEstimate',
        entityId: String(estimate.id),
        action: 'approve',
        changes: {
          status: { from: EstimateStatus.SUBMITTED, to: estimate.status },
          approvedAmount: input.approvedAmount.toString(),
          decidedOn: estimate.decidedOn,
        },
      });
      return estimate;
    });
  },

  /** SUBMITTED → REJECTED, with the reason the department gave (required). */
  reject(em: EntityManager, identity: Identity, input: EstimateRejection): Promise<BudgetEstimate> {
    return transact(em, async (tx) => {
      const reason = requireText(input.reason, 'reason', 'Lý do từ chối', 2000);
      const estimate = await lockEstimate(tx, input.id, input.version);
      assertStatus(estimate, EstimateStatus.SUBMITTED, 'từ chối', 'reject');
      estimate.status = EstimateStatus.REJECTED;
      estimate.rejectionReason = reason;
      estimate.decidedOn = input.decidedOn ?? todayInVietnam();
      await tx.flush();
      audit(tx, identity, {
        entityType: 'BudgetEstimate',
        entityId: String(estimate.id),
        action: 'reject',
        changes: { status: { from: EstimateStatus.SUBMITTED, to: estimate.status }, decidedOn: estimate.decidedOn },
      });
      return estimate;
    });
  },
};
