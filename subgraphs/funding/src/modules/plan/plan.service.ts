import { BadInputError, type Loaders, NotFoundError } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Plan, PlanPhase, TaskGroup } from './plan.entity';
import { planByCodeLoader } from './plan.loaders';

/** Reading plans, and the plan rules other features check inside their transactions. Knows no GraphQL. */
export const planService = {
  async getByCode(loaders: Loaders, code: string): Promise<Plan> {
    const plan = await loaders.get(planByCodeLoader).load(code);
    if (!plan) throw new NotFoundError('Plan', code, 'kế hoạch');
    return plan;
  },

  list(em: EntityManager): Promise<Plan[]> {
    return em.find(Plan, {}, { orderBy: { signedOn: 'asc', code: 'asc' } });
  },

  /** The plan by code through `em` (a transaction's own manager, where loaders may not be used). */
  async requireByCode(em: EntityManager, code: string): Promise<Plan> {
    const plan = await em.findOne(Plan, { code });
    if (!plan) throw new NotFoundError('Plan', code, 'kế hoạch');
    return plan;
  },

  /** Refuses a year outside the plan's phases (BAD_USER_INPUT on `field`). */
  async assertYearInPlan(em: EntityManager, plan: Plan, year: number, field = 'year'): Promise<void> {
    const phases = await em.find(PlanPhase, { plan: plan.id });
    assertYearInPhases(phases, year, field);
  },

  /** Refuses a task group number the plan does not have (BAD_USER_INPUT on `taskGroup`). */
  async assertTaskGroupInPlan(em: EntityManager, plan: Plan, taskGroup: number): Promise<void> {
    if ((await em.count(TaskGroup, { plan: plan.id, number: taskGroup })) === 0) {
      throw new BadInputError(
        'taskGroup',
        `Kế hoạch ${plan.code} không có nhóm nhiệm vụ ${taskGroup}.`,
        `Plan ${plan.code} has no task group ${taskGroup}.`,
      );
    }
  },
};

/** A year is inside the plan when it meets one of its phases (the plan's years, e.g. 2019 to 2030). */
export function assertYearInPhases(phases: readonly PlanPhase[], year: number, field = 'year'): void {
  const inside = phases.some((phase) => Number(phase.startDate.slice(0, 4)) <= year && year <= Number(phase.endDate.slice(0, 4)));
  if (!inside) {
    throw new BadInputError(
      field,
      `Năm ${year} nằm ngoài các giai đoạn của kế hoạch.`,
      `Year ${year} is outside the plan's phases.`,
    );
  }
}
