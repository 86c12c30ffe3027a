import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * An organisation, owned by the labs subgraph (with its description, kept identical) and known
 * here by its tax code; funding adds what it contributed and was paid.
 */
@Directive('@key(fields: "taxCode")')
@ObjectType('Organization', {
  description: 'An organisation or enterprise (tổ chức, doanh nghiệp), identified by its tax code (mã số thuế).',
})
export class Organization {
  @Field(() => ID, { description: 'Tax code (mã số thuế): 10 digits, or 10 digits, "-" and 3 digits for a branch.' })
  taxCode!: string;
}
