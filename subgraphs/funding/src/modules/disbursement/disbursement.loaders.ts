import { defineLoader, groupByKeys } from '@metrology/kit';
import { Disbursement } from './disbursement.entity';

export const disbursementsByLineLoader = defineLoader<number, Disbursement[]>({
  name: 'disbursementsByLine',
  async batch(em, lineIds) {
    const rows = await em.find(Disbursement, { line: { $in: [...lineIds] } }, { orderBy: { date: 'asc', id: 'asc' } });
    return groupByKeys(lineIds, rows, (row) => row.line.id);
  },
});

export const disbursementByIdLoader = defineLoader<number, Disbursement>({
  name: 'disbursementById',
  async batch(em, ids) {
    const rows = await em.find(Disbursement, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? new Error(`disbursement ${id} not found`));
  },
});

/** The reversal of each payment, if it was reversed. */
export const reversalOfLoader = defineLoader<number, Disbursement | null>({
  name: 'reversalOf',
  async batch(em, originalIds) {
    const rows = await em.find(Disbursement, { reverses: { $in: [...originalIds] } });
    const byOriginal = new Map(rows.map((row) => [row.reverses?.id, row]));
    return originalIds.map((id) => byOriginal.get(id) ?? null);
  },
});
