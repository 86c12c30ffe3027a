import { ConflictError, formatVnd } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { moneyOf } from './money';

/**
 * The money invariant (docs/ARCHITECTURE.md, "Money and dates"): the sum of the absolute values
 * of every amount recorded in funding's money tables — envelopes, budget lines (as they stand),
 * estimates (requested and approved), allocations, disbursements and reversals, contributions —
 * over all plans, stays at most 2^53 − 1. Every money figure the schema shows is a sum or
 * difference of some of these amounts, each taken at most once, so none can exceed what the
 * `Money` scalar serialises exactly. The bound is over all plans, not per plan, because an
 * activity's `moneySpent` and an organisation's totals add up records of every plan.
 */
export const LEDGER_LIMIT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Key of the transaction-scoped advisory lock that serialises money writes while the bound is
 * measured: taken first in every funding transaction, before any row lock, so that lock order
 * stays the same everywhere (no deadlock) and two writers cannot both see the same room.
 */
export const LEDGER_LOCK_KEY = 129_000_001;

/** The gross of the ledger in one statement; `numeric` sums, so even rows forced past any bound add up exactly. */
const GROSS_SQL = `select (
    coalesce((select sum(abs(amount)) from budget_envelope), 0)
  + coalesce((select sum(abs(planned_amount)) from budget_line), 0)
  + coalesce((select sum(abs(requested_amount) + abs(coalesce(approved_amount, 0))) from budget_estimate), 0)
  + coalesce((select sum(abs(amount)) from allocation), 0)
  + coalesce((select sum(abs(amount)) from disbursement), 0)
  + coalesce((select sum(abs(amount)) from contribution), 0)
  )::text as total`;

async function gross(tx: EntityManager): Promise<bigint> {
  const rows = await tx.execute<{ total: string | null }[]>(GROSS_SQL);
  return moneyOf(rows[0]?.total);
}

export const ledgerBound = {
  /** Takes the ledger lock (held to the end of the transaction) and measures the gross before the write. */
  async lock(tx: EntityManager): Promise<bigint> {
    await tx.execute('select pg_advisory_xact_lock(?)', [LEDGER_LOCK_KEY]);
    return gross(tx);
  },

  /**
   * Refuses the transaction's writes (CONFLICT, `extensions.reason` LEDGER_LIMIT, `limit` and
   * `over` as strings of digits) when they carry the gross past the limit, or further past it
   * when data forced in by other means already passed it. Writes that take nothing away from the
   * room stay possible: a write that leaves the gross as it was is never refused.
   */
  async assertWithin(tx: EntityManager, before: bigint): Promise<void> {
    const after = await gross(tx);
    if (after <= LEDGER_LIMIT || after <= before) return;
    const over = after - LEDGER_LIMIT;
    throw new ConflictError(
      `Không thể ghi nhận: tổng giá trị tuyệt đối của mọi khoản tiền đã ghi sẽ vượt giới hạn ${formatVnd(LEDGER_LIMIT)} đồng ` +
        `(vượt ${formatVnd(over)} đồng), khi đó các số tổng hợp không còn biểu diễn chính xác được.`,
      `Refused: the absolute amounts recorded would add up to more than ${LEDGER_LIMIT} VND (over by ${over} VND), ` +
        'beyond what the sums the platform shows can represent exactly.',
      { reason: 'LEDGER_LIMIT', limit: LEDGER_LIMIT.toString(), over: over.toString() },
    );
  },
};
