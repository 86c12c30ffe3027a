import { defineLoader, groupByKeys } from '@metrology/kit';
import { BudgetEnvelope } from './envelope.entity';

export const envelopesByPlanLoader = defineLoader<number, BudgetEnvelope[]>({
  name: 'envelopesByPlan',
  async batch(em, planIds) {
    const rows = await em.find(BudgetEnvelope, { plan: { $in: [...planIds] } }, { orderBy: { id: 'asc' } });
    return groupByKeys(planIds, rows, (row) => row.plan.id);
  },
});
