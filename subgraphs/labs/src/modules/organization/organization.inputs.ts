import { PageArgs, pageType, TextInput } from '@metrology/kit';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Organization, OrganizationKind, Ownership, PrioritySector } from './organization.entity';

/** A page of organisations. */
export const OrganizationPage = pageType(Organization, 'OrganizationPage');

@InputType('RegisterOrganizationInput', { description: 'A new organisation in the register (sổ đăng ký tổ chức).' })
export class RegisterOrganizationInput {
  @Field(() => ID, { description: 'Tax code (mã số thuế): 10 digits, or 10 digits, "-" and 3 digits for a branch.' })
  taxCode!: string;

  @TextInput('organizationName')
  @Field(() => String, { description: 'Registered name (tên tổ chức), at most 300 characters.' })
  name!: string;

  @Field(() => OrganizationKind, { description: 'Kind of organisation.' })
  kind!: OrganizationKind;

  @Field(() => Ownership, { description: 'Ownership (loại hình sở hữu).' })
  ownership!: Ownership;

  @Field(() => PrioritySector, { description: 'Sector (lĩnh vực), priority sectors of the plan first.' })
  sector!: PrioritySector;

  @Field(() => String, { nullable: true, description: 'Address (địa chỉ), at most 500 characters.' })
  address?: string | null;
}

@InputType('UpdateOrganizationInput', {
  description: 'Changes to an organisation: only the fields given change; `address: null` clears it. The tax code never changes.',
})
export class UpdateOrganizationInput {
  @Field(() => ID, { description: 'Tax code of the organisation to change.' })
  taxCode!: string;

  @Field(() => Int, { description: 'The version the change is based on; a stale one is CONFLICT.' })
  version!: number;

  @TextInput('organizationName')
  @Field(() => String, { nullable: true, description: 'Registered name.' })
  name?: string | null;

  @Field(() => OrganizationKind, { nullable: true, description: 'Kind of organisation.' })
  kind?: OrganizationKind | null;

  @Field(() => Ownership, { nullable: true, description: 'Ownership (loại hình sở hữu).' })
  ownership?: Ownership | null;

  @Field(() => PrioritySector, { nullable: true, description: 'Sector (lĩnh vực), priority sectors of the plan first.' })
  sector?: PrioritySector | null;

  @Field(() => String, { nullable: true, description: 'Address; null clears it.' })
  address?: string | null;
}

@ArgsType()
export class OrganizationListArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Part of the name, accent- and case-insensitive ("cong ty do luong" finds "Công ty Đo lường"), or the start of a tax code.',
  })
  search?: string | null;

  @Field(() => Ownership, { nullable: true, description: 'Only this ownership.' })
  ownership?: Ownership | null;

  @Field(() => OrganizationKind, { nullable: true, description: 'Only this kind.' })
  kind?: OrganizationKind | null;
}
