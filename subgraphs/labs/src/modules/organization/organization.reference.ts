import type { BaseContext } from '@metrology/kit';
import type { Organization } from './organization.entity';
import { organizationService } from './organization.service';

/** Resolves `Organization` references (key `taxCode`) from the other subgraphs, batched per request. */
export const organizationReference = {
  Organization: {
    __resolveReference(reference: { taxCode: string }, ctx: BaseContext): Promise<Organization | null> {
      return organizationService.reference(ctx.loaders, reference.taxCode);
    },
  },
};
