import type { BaseContext } from '@metrology/kit';
import type { Laboratory } from './laboratory.entity';
import { laboratoryService } from './laboratory.service';

/** Resolves `Laboratory` references (key `id`) from the other subgraphs, batched per request. */
export const laboratoryReference = {
  Laboratory: {
    __resolveReference(reference: { id: string }, ctx: BaseContext): Promise<Laboratory | null> {
      return laboratoryService.reference(ctx.loaders, reference.id);
    },
  },
};
