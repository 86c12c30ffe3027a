import { type Loaders, NotFoundError } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Plan } from './plan.entity';
import { planByCodeLoader } from './plan.loaders';

/** Reading plans. Knows no GraphQL. */
export const planService = {
  async getByCode(loaders: Loaders, code: string): Promise<Plan> {
    const plan = await loaders.get(planByCodeLoader).load(code);
    if (!plan) throw new NotFoundError('Plan', code, 'kế hoạch');
    return plan;
  },

  list(em: EntityManager): Promise<Plan[]> {
    return em.find(Plan, {}, { orderBy: { signedOn: 'asc', code: 'asc' } });
  },
};
