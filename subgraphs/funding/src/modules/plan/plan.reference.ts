import type { BaseContext } from '@metrology/kit';
import type { Plan } from './plan.entity';
import { planService } from './plan.service';

/** Resolves `Plan` references from the other subgraphs, batched per request. */
export const planReference = {
  Plan: {
    __resolveReference(reference: { code: string }, ctx: BaseContext): Promise<Plan> {
      return planService.getByCode(ctx.loaders, reference.code);
    },
  },
};
