import type { BaseContext } from '@metrology/kit';
import type { MeasurementStandard } from './standard.entity';
import { standardService } from './standard.service';

/** Resolves `MeasurementStandard` references (key `id`) from the other subgraphs, batched per request. */
export const measurementStandardReference = {
  MeasurementStandard: {
    __resolveReference(reference: { id: string }, ctx: BaseContext): Promise<MeasurementStandard | null> {
      return standardService.reference(ctx.loaders, reference.id);
    },
  },
};
