import type { BaseContext } from '@metrology/kit';
import type { Trainee } from './trainee.entity';
import { traineeService } from './trainee.service';

/**
 * Resolves `Trainee` references (key `id`), batched per request. Any signed-in caller gets the
 * record; its personal fields are decided by their field resolvers, as for every other path.
 */
export const traineeReference = {
  Trainee: {
    __resolveReference(reference: { id: string }, ctx: BaseContext): Promise<Trainee | null> {
      return traineeService.reference(ctx.loaders, ctx.identity, reference.id);
    },
  },
};
