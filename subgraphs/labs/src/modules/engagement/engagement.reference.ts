import type { BaseContext } from '@metrology/kit';
import type { AssuranceEngagement } from './engagement.entity';
import { engagementService } from './engagement.service';

/** Resolves `AssuranceEngagement` references (key `id`) from the other subgraphs, batched per request. */
export const assuranceEngagementReference = {
  AssuranceEngagement: {
    __resolveReference(reference: { id: string }, ctx: BaseContext): Promise<AssuranceEngagement | null> {
      return engagementService.reference(ctx.loaders, reference.id);
    },
  },
};
