import { LocalDateScalar, MetrologyField, PageArgs, pageType, TextInput } from '@metrology/kit';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { MeasurementStandard, StandardStatus } from './standard.entity';

/** A page of measurement standards. */
export const MeasurementStandardPage = pageType(MeasurementStandard, 'MeasurementStandardPage');

@InputType('RegisterStandardKindInput', { description: 'A kind of standard or instrument (loại), the unit STANDARDS counts.' })
export class RegisterStandardKindInput {
  @Field(() => String, { description: 'Unique code: 2 to 32 letters, digits and - _ . /' })
  code!: string;

  @Field(() => String, { description: 'Name, at most 300 characters.' })
  name!: string;
}

@InputType('TraceabilityInput', { description: 'The latest calibration of a standard (liên kết chuẩn).' })
export class TraceabilityInput {
  @TextInput('organizationName')
  @Field(() => String, { description: 'Who calibrated it, at most 300 characters.' })
  calibratedBy!: string;

  @Field(() => String, { description: 'Calibration certificate number, at most 100 characters.' })
  certificateNumber!: string;

  @Field(() => LocalDateScalar, { description: 'Date of calibration, not in the future.' })
  calibratedOn!: string;

  @Field(() => LocalDateScalar, { description: 'Next calibration due, after the calibration date.' })
  dueOn!: string;
}

@InputType('RegisterMeasurementStandardInput', { description: 'A measurement standard or instrument socialised.' })
export class RegisterMeasurementStandardInput {
  @Field(() => String, { description: 'Code of its kind (registered first).' })
  kindCode!: string;

  @Field(() => String, { description: 'Name or model, at most 300 characters.' })
  name!: string;

  @Field(() => MetrologyField, { description: 'Metrology field (lĩnh vực đo).' })
  field!: MetrologyField;

  @Field(() => ID, { description: 'Tax code of the owner organisation (registered first).' })
  ownerTaxCode!: string;

  @Field(() => Int, { description: 'Year it was first supported, from 1990 to this year.' })
  yearFirstSupported!: number;

  @Field(() => String, { description: 'Serial number, unique within its kind, at most 100 characters.' })
  serial!: string;

  @Field(() => TraceabilityInput, { nullable: true, description: 'Latest calibration, if any.' })
  traceability?: TraceabilityInput | null;

  @Field(() => StandardStatus, { nullable: true, description: 'Default IN_SERVICE.' })
  status?: StandardStatus | null;
}

@InputType('UpdateMeasurementStandardInput', {
  description: 'Changes to a standard: only the fields given change. A new calibration replaces the traceability.',
})
export class UpdateMeasurementStandardInput {
  @Field(() => ID, { description: 'Id of the standard.' })
  id!: string;

  @Field(() => Int, { description: 'The version the change is based on; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Name or model.' })
  name?: string | null;

  @Field(() => MetrologyField, { nullable: true, description: 'Metrology field (lĩnh vực đo).' })
  field?: MetrologyField | null;

  @Field(() => Int, { nullable: true, description: 'Year it was first supported, from 1990 to this year.' })
  yearFirstSupported?: number | null;

  @Field(() => String, { nullable: true, description: 'Serial number, unique within its kind.' })
  serial?: string | null;

  @Field(() => TraceabilityInput, { nullable: true, description: 'The latest calibration.' })
  traceability?: TraceabilityInput | null;

  @Field(() => StandardStatus, { nullable: true, description: 'Whether it is in use.' })
  status?: StandardStatus | null;
}

@ArgsType()
export class MeasurementStandardListArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only standards of this kind (code).' })
  kindCode?: string | null;

  @Field(() => MetrologyField, { nullable: true, description: 'Only standards of this field.' })
  field?: MetrologyField | null;

  @Field(() => ID, { nullable: true, description: 'Only standards owned by this organisation (tax code).' })
  ownerTaxCode?: string | null;

  @Field(() => StandardStatus, { nullable: true, description: 'Only standards in this status.' })
  status?: StandardStatus | null;
}
