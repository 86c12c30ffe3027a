import type { BaseContext } from '@metrology/kit';
import type { Course } from './course.entity';
import { courseService } from './course.service';

/** Resolves `Course` references (key `id`) from the other subgraphs, batched per request. */
export const courseReference = {
  Course: {
    __resolveReference(reference: { id: string }, ctx: BaseContext): Promise<Course | null> {
      return courseService.reference(ctx.loaders, ctx.identity, reference.id);
    },
  },
};
