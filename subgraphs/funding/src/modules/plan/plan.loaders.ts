import { defineLoader, groupByKeys } from '@metrology/kit';
import { Plan, PlanPhase, TaskGroup } from './plan.entity';

export const planByCodeLoader = defineLoader<string, Plan | null>({
  name: 'planByCode',
  async batch(em, codes) {
    const plans = await em.find(Plan, { code: { $in: [...codes] } });
    const byCode = new Map(plans.map((plan) => [plan.code, plan]));
    return codes.map((code) => byCode.get(code) ?? null);
  },
});

export const phasesByPlanLoader = defineLoader<number, PlanPhase[]>({
  name: 'phasesByPlan',
  async batch(em, planIds) {
    const rows = await em.find(PlanPhase, { plan: { $in: [...planIds] } }, { orderBy: { number: 'asc' } });
    return groupByKeys(planIds, rows, (row) => row.plan.id);
  },
});

export const taskGroupsByPlanLoader = defineLoader<number, TaskGroup[]>({
  name: 'taskGroupsByPlan',
  async batch(em, planIds) {
    const rows = await em.find(TaskGroup, { plan: { $in: [...planIds] } }, { orderBy: { number: 'asc' } });
    return groupByKeys(planIds, rows, (row) => row.plan.id);
  },
});
