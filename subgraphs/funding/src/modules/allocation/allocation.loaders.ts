import { defineLoader, groupByKeys } from '@metrology/kit';
import { Allocation } from './allocation.entity';

export const allocationsByLineLoader = defineLoader<number, Allocation[]>({
  name: 'allocationsByLine',
  async batch(em, lineIds) {
    const rows = await em.find(Allocation, { line: { $in: [...lineIds] } }, { orderBy: { decisionDate: 'asc', id: 'asc' } });
    return groupByKeys(lineIds, rows, (row) => row.line.id);
  },
});
