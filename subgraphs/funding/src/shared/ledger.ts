import type { EntityManager } from '@mikro-orm/postgresql';
import { moneyOf } from './money';

/**
 * The sums the money rules compare against, as SQL aggregates (never by loading rows). Called
 * inside a transaction after the row that guards the sum was locked (`select … for update`), so
 * that two writers cannot both see the same room under a ceiling.
 */

/** Net effect of a disbursement row: a reversal (`reverses_id` set) takes its amount back. */
export const NET_DISBURSED = 'case when reverses_id is null then amount else -amount end';

async function total(em: EntityManager, sql: string, params: unknown[]): Promise<bigint> {
  const rows = await em.execute<{ total: string | null }[]>(sql, params);
  return moneyOf(rows[0]?.total);
}

export const ledger = {
  /** Planned amounts of every line of one source of a plan, optionally leaving one line out. */
  plannedForSource(em: EntityManager, planId: number, source: string, exceptLineId?: number): Promise<bigint> {
    return total(em, 'select sum(planned_amount)::text as total from budget_line where plan_id = ? and source = ? and id <> ?', [
      planId,
      source,
      exceptLineId ?? 0,
    ]);
  },

  /** Approved amounts of the estimates of one source of a plan (all years). */
  approvedForSource(em: EntityManager, planId: number, source: string): Promise<bigint> {
    return total(
      em,
      "select sum(approved_amount)::text as total from budget_estimate where plan_id = ? and source = ? and status = 'APPROVED'",
      [planId, source],
    );
  },

  /** Allocations recorded against a line. */
  allocatedForLine(em: EntityManager, lineId: number): Promise<bigint> {
    return total(em, 'select sum(amount)::text as total from allocation where line_id = ?', [lineId]);
  },

  /** Disbursements of a line net of reversals. */
  disbursedForLine(em: EntityManager, lineId: number): Promise<bigint> {
    return total(em, `select sum(${NET_DISBURSED})::text as total from disbursement where line_id = ?`, [lineId]);
  },
};
