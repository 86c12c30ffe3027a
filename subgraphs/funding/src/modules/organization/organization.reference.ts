import { Organization } from './organization.types';

/** The gateway asks funding for an organisation by tax code only to read its money: the reference is the stub. */
export const organizationReference = {
  Organization: {
    __resolveReference: (reference: { taxCode: string }): Organization =>
      Object.assign(new Organization(), { taxCode: reference.taxCode }),
  },
};
