import { audit, ConflictError, type Identity, requireText } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ledger } from '../../shared/ledger';
import { overCeiling, requirePositive } from '../../shared/money';
import { transact } from '../../shared/transaction';
import { lockLine } from '../budget-line/budget-line.service';
import { Allocation } from './allocation.entity';

export interface NewAllocation {
  lineId: string;
  decisionNumber: string;
  decisionDate: string;
  amount: bigint;
}

/** Allocations: decisions that assign money to a line, never more than the line plans. */
export const allocationService = {
  /**
   * Records an allocation. The line row is locked before its allocations are summed, so that
   * concurrent decisions cannot together pass the planned amount.
   */
  record(em: EntityManager, identity: Identity, input: NewAllocation): Promise<Allocation> {
    return transact(em, async (tx) => {
      const amount = requirePositive('amount', input.amount);
      const decisionNumber = requireText(input.decisionNumber, 'decisionNumber', 'Số quyết định', 64);
      const line = await lockLine(tx, input.lineId);
      if (await tx.count(Allocation, { decisionNumber })) {
        throw new ConflictError(
          `Số quyết định "${decisionNumber}" đã được ghi nhận.`,
          `Decision number "${decisionNumber}" is already recorded.`,
          { field: 'decisionNumber' },
        );
      }
      const allocated = await ledger.allocatedForLine(tx, line.id);
      if (allocated + amount > line.plannedAmount) {
        throw overCeiling(
          { vi: 'Tổng phân bổ của dòng kinh phí sẽ vượt số dự kiến', en: "The line's allocations exceed its planned amount" },
          line.plannedAmount,
          allocated + amount,
        );
      }
      const allocation = tx.create(Allocation, {
        line,
        decisionNumber,
        decisionDate: input.decisionDate,
        amount,
        createdAt: new Date(),
      });
      await tx.flush();
      audit(tx, identity, {
        entityType: 'Allocation',
        entityId: String(allocation.id),
        action: 'create',
        changes: { line: line.id, decisionNumber, decisionDate: input.decisionDate, amount: amount.toString() },
      });
      return allocation;
    });
  },
};
