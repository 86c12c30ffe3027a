import { LocalDateScalar, MetrologyField, PageArgs, pageType, TextInput } from '@metrology/kit';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Laboratory, LaboratoryService } from './laboratory.entity';

/** A page of laboratories. */
export const LaboratoryPage = pageType(Laboratory, 'LaboratoryPage');

@InputType('RegistrationCertificateInput', { description: 'Certificate of registration (giấy chứng nhận đăng ký).' })
export class RegistrationCertificateInput {
  @Field(() => String, { description: 'Certificate number, at most 100 characters.' })
  number!: string;

  @TextInput('organizationName')
  @Field(() => String, { description: 'Who issued it, at most 300 characters.' })
  issuer!: string;

  @Field(() => LocalDateScalar, { description: 'Date of issue, not in the future.' })
  issuedOn!: string;

  @Field(() => LocalDateScalar, { description: 'Last day of validity, not before the date of issue.' })
  validUntil!: string;
}

@InputType('AccreditationInput', { description: 'External accreditation, e.g. VILAS.' })
export class AccreditationInput {
  @Field(() => String, { description: 'Scheme, e.g. "VILAS", at most 50 characters.' })
  scheme!: string;

  @Field(() => String, { description: 'Accreditation number, at most 100 characters.' })
  number!: string;

  @Field(() => LocalDateScalar, { description: 'Last day of validity.' })
  validUntil!: string;
}

@InputType('RegisterLaboratoryInput', { description: 'A new laboratory of a registered organisation.' })
export class RegisterLaboratoryInput {
  @Field(() => String, { description: 'Unique code: 2 to 32 letters, digits and - _ . / (e.g. "PTN-LS-01").' })
  code!: string;

  @TextInput('organizationName')
  @Field(() => String, { description: 'Name, at most 300 characters.' })
  name!: string;

  @Field(() => ID, { description: 'Tax code of the organisation it belongs to (registered first).' })
  organizationTaxCode!: string;

  @Field(() => [MetrologyField], { description: 'Fields it works in: at least one.' })
  fields!: MetrologyField[];

  @Field(() => [LaboratoryService], { description: 'Services it provides: at least one.' })
  services!: LaboratoryService[];

  @Field(() => RegistrationCertificateInput, { nullable: true, description: 'Certificate of registration, if it holds one.' })
  registration?: RegistrationCertificateInput | null;

  @Field(() => AccreditationInput, { nullable: true, description: 'External accreditation, if it holds one.' })
  accreditation?: AccreditationInput | null;
}

@InputType('UpdateLaboratoryInput', {
  description: 'Changes to a laboratory: only the fields given change; `registration: null` or `accreditation: null` removes it.',
})
export class UpdateLaboratoryInput {
  @Field(() => ID, { description: 'Id of the laboratory.' })
  id!: string;

  @Field(() => Int, { description: 'The version the change is based on; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Unique code.' })
  code?: string | null;

  @TextInput('organizationName')
  @Field(() => String, { nullable: true, description: 'Name.' })
  name?: string | null;

  @Field(() => [MetrologyField], { nullable: true, description: 'Fields: at least one.' })
  fields?: MetrologyField[] | null;

  @Field(() => [LaboratoryService], { nullable: true, description: 'Services: at least one.' })
  services?: LaboratoryService[] | null;

  @Field(() => RegistrationCertificateInput, { nullable: true, description: 'New certificate of registration; null removes it.' })
  registration?: RegistrationCertificateInput | null;

  @Field(() => AccreditationInput, { nullable: true, description: 'New accreditation; null removes it.' })
  accreditation?: AccreditationInput | null;
}

@ArgsType()
export class LaboratoryListArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Part of the name or code, accent- and case-insensitive.' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the laboratories of this organisation (tax code).' })
  organizationTaxCode?: string | null;

  @Field(() => MetrologyField, { nullable: true, description: 'Only laboratories working in this field.' })
  field?: MetrologyField | null;

  @Field(() => LaboratoryService, { nullable: true, description: 'Only laboratories providing this service.' })
  service?: LaboratoryService | null;
}
