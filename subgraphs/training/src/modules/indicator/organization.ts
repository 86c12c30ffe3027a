import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** An organisation as this subgraph sees it: only its key. */
export interface OrganizationKey {
  taxCode: string;
}

/**
 * An organisation or enterprise, owned by labs (the register of organisations); training only
 * adds what it counts about the people the organisation employs.
 */
@Directive('@key(fields: "taxCode")')
@ObjectType('Organization', {
  description: 'An organisation or enterprise (tổ chức, doanh nghiệp), identified by its tax code (mã số thuế).',
})
export class Organization implements OrganizationKey {
  @Field(() => ID, { description: 'Tax code (mã số thuế).' })
  taxCode!: string;
}

export const organizationReference = {
  Organization: { __resolveReference: (reference: OrganizationKey): OrganizationKey => ({ taxCode: reference.taxCode }) },
};
