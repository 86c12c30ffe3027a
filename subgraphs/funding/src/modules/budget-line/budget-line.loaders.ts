import { defineLoader } from '@metrology/kit';
import { NET_DISBURSED } from '../../shared/ledger';
import { moneyOf } from '../../shared/money';
import { BudgetLine } from './budget-line.entity';

export const budgetLineByIdLoader = defineLoader<number, BudgetLine>({
  name: 'budgetLineById',
  async batch(em, ids) {
    const rows = await em.find(BudgetLine, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? new Error(`budget line ${id} not found`));
  },
});

/** What has been allocated to and disbursed from a line (net of reversals). */
export interface LineMoney {
  allocated: bigint;
  disbursed: bigint;
}

/** Allocated and disbursed per line: one statement per batch, whatever the number of lines. */
export const lineMoneyLoader = defineLoader<number, LineMoney>({
  name: 'lineMoney',
  async batch(em, ids) {
    const placeholders = ids.map(() => '?').join(', ');
    const rows = await em.execute<{ line_id: number; allocated: string | null; disbursed: string | null }[]>(
      `select l.id as line_id,
              (select sum(a.amount) from allocation a where a.line_id = l.id)::text as allocated,
              (select sum(${NET_DISBURSED}) from disbursement d where d.line_id = l.id)::text as disbursed
         from budget_line l
        where l.id in (${placeholders})`,
      [...ids],
    );
    const byId = new Map(
      rows.map((row) => [Number(row.line_id), { allocated: moneyOf(row.allocated), disbursed: moneyOf(row.disbursed) }]),
    );
    return ids.map((id) => byId.get(id) ?? { allocated: 0n, disbursed: 0n });
  },
});
