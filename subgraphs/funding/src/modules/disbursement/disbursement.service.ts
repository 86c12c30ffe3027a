import {
  audit,
  BadInputError,
  ConflictError,
  type Identity,
  isUuid,
  NotFoundError,
  parseTaxCode,
  requireText,
  todayInVietnam,
} from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ledger } from '../../shared/ledger';
import { idOf, overCeiling, requirePositive } from '../../shared/money';
import { transact } from '../../shared/transaction';
import type { ActivityOwners } from '../activity/activity.owners';
import type { ActivityKind } from '../activity/activity.types';
import { lockLine } from '../budget-line/budget-line.service';
import { Disbursement } from './disbursement.entity';

export interface NewDisbursement {
  lineId: string;
  voucherNumber: string;
  date: string;
  amount: bigint;
  payeeTaxCode: string;
  purpose: string;
  activity?: { kind: ActivityKind; id: string } | null;
}

export interface DisbursementReversal {
  id: string;
  reason: string;
  /** Default today (Asia/Ho_Chi_Minh). */
  date?: string | null;
}

/**
 * The id of the activity paid for. Its owners (training, labs) key courses, laboratories,
 * standards and engagements by UUID: anything else could never be resolved by them.
 */
function activityIdOf(raw: string): string {
  const id = raw.trim().toLowerCase();
  if (!isUuid(id)) {
    throw new BadInputError(
      'activity.id',
      `Mã hoạt động "${raw}" không hợp lệ: phải là một UUID.`,
      `Activity id "${raw}" is not a UUID.`,
    );
  }
  return id;
}

function disbursementIdOf(raw: string): number {
  return idOf(raw, 'Disbursement', 'khoản chi');
}

/** Disbursements: payments from a line, never past its allocation; corrected by reversals, never deleted. */
export const disbursementService = {
  async get(em: EntityManager, rawId: string): Promise<Disbursement> {
    const disbursement = await em.findOne(Disbursement, { id: disbursementIdOf(rawId) });
    if (!disbursement) throw new NotFoundError('Disbursement', rawId, 'khoản chi');
    return disbursement;
  },

  /**
   * Records a payment. The activity it names must exist: its owner is asked first, outside the
   * transaction (no lock is held while the network answers); NOT_FOUND or SERVICE_UNAVAILABLE
   * leave nothing written. The line row is locked (`select … for update`) before its allocations
   * and disbursements are summed: concurrent payments queue on that lock, and each one sees what
   * the previous ones wrote, so together they can never pass the allocation.
   */
  async record(em: EntityManager, identity: Identity, input: NewDisbursement, owners: ActivityOwners): Promise<Disbursement> {
    const amount = requirePositive('amount', input.amount);
    const voucherNumber = requireText(input.voucherNumber, 'voucherNumber', 'Số chứng từ', 64);
    const payeeTaxCode = parseTaxCode(input.payeeTaxCode, 'payeeTaxCode');
    const purpose = requireText(input.purpose, 'purpose', 'Nội dung chi', 500);
    const activityId = input.activity ? activityIdOf(input.activity.id) : null;
    if (input.activity && activityId) await owners.assertExists(input.activity.kind, activityId);
    return transact(em, async (tx) => {
      const line = await lockLine(tx, input.lineId);
      if (await tx.count(Disbursement, { voucherNumber })) {
        throw new ConflictError(
          `Số chứng từ "${voucherNumber}" đã được ghi nhận.`,
          `Voucher number "${voucherNumber}" is already recorded.`,
          { field: 'voucherNumber' },
        );
      }
      const allocated = await ledger.allocatedForLine(tx, line.id);
      const disbursed = await ledger.disbursedForLine(tx, line.id);
      if (disbursed + amount > allocated) {
        throw overCeiling(
          { vi: 'Tổng chi của dòng kinh phí sẽ vượt số đã phân bổ', en: "The line's disbursements exceed its allocation" },
          allocated,
          disbursed + amount,
        );
      }
      const disbursement = tx.create(Disbursement, {
        line,
        voucherNumber,
        date: input.date,
        amount,
        payeeTaxCode,
        purpose,
        activityKind: input.activity?.kind ?? null,
        activityId,
        reverses: null,
        reversalReason: null,
        createdAt: new Date(),
      });
      await tx.flush();
      audit(tx, identity, {
        entityType: 'Disbursement',
        entityId: String(disbursement.id),
        action: 'create',
        changes: {
          line: line.id,
          voucherNumber,
          date: input.date,
          amount: amount.toString(),
          payeeTaxCode,
          activity: input.activity ? `${input.activity.kind}:${activityId}` : null,
        },
      });
      return disbursement;
    });
  },

  /**
   * Takes a payment back with a reversal row of the same amount (the payment itself stays, as it
   * was). A payment is reversed at most once; a reversal is not reversed (record the payment again).
   */
  reverse(em: EntityManager, identity: Identity, input: DisbursementReversal): Promise<Disbursement> {
    return transact(em, async (tx) => {
      const reason = requireText(input.reason, 'reason', 'Lý do hủy', 2000);
      const found = await disbursementService.get(tx, input.id);
      if (found.reverses) {
        throw new ConflictError(
          'Không thể hủy một bút toán hủy; hãy ghi lại khoản chi.',
          'A reversal cannot be reversed; record the payment again instead.',
        );
      }
      await lockLine(tx, String(found.line.id));
      const original = await disbursementService.get(tx, input.id);
      if (await tx.count(Disbursement, { reverses: original.id })) {
        throw new ConflictError('Khoản chi này đã được hủy trước đó.', 'This disbursement has already been reversed.');
      }
      const date = input.date ?? todayInVietnam();
      if (date < original.date) {
        throw new BadInputError(
          'date',
          'Ngày hủy không được trước ngày chi.',
          'The reversal cannot be dated before the payment.',
        );
      }
      const reversal = tx.create(Disbursement, {
        line: original.line,
        voucherNumber: null,
        date,
        amount: original.amount,
        payeeTaxCode: original.payeeTaxCode,
        purpose: original.purpose,
        activityKind: original.activityKind,
        activityId: original.activityId,
        reverses: original,
        reversalReason: reason,
        createdAt: new Date(),
      });
      await tx.flush();
      audit(tx, identity, {
        entityType: 'Disbursement',
        entityId: String(reversal.id),
        action: 'create-reversal',
        changes: { reverses: original.id, date, amount: original.amount.toString() },
      });
      audit(tx, identity, {
        entityType: 'Disbursement',
        entityId: String(original.id),
        action: 'reverse',
        changes: { reversedBy: reversal.id, date },
      });
      return reversal;
    });
  },
};
