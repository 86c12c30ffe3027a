import { LocalDateScalar } from '@metrology/kit';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Laboratory } from './laboratory.entity';

export enum LaboratoryDocumentKind {
  REGISTRATION = 'REGISTRATION',
  ACCREDITATION = 'ACCREDITATION',
}
registerEnumType(LaboratoryDocumentKind, {
  name: 'LaboratoryDocumentKind',
  description: 'A document a laboratory must keep valid.',
  valuesConfig: {
    REGISTRATION: { description: 'Giấy chứng nhận đăng ký hoạt động' },
    ACCREDITATION: { description: 'Chứng chỉ công nhận (e.g. VILAS)' },
  },
});

/** A registration certificate or accreditation that expires soon, or has expired. */
@ObjectType('ExpiringDocument', {
  description:
    'A registration certificate or accreditation of a laboratory that expires soon or has expired (sắp hết hạn, đã hết hạn).',
})
export class ExpiringDocument {
  @Field(() => Laboratory, { description: 'The laboratory holding the document.' })
  laboratory!: Laboratory;

  @Field(() => LaboratoryDocumentKind, { description: 'Which document: registration certificate or accreditation.' })
  kind!: LaboratoryDocumentKind;

  @Field(() => String, { description: 'Number of the certificate or accreditation.' })
  number!: string;

  @Field(() => LocalDateScalar, { description: 'Last day of validity.' })
  validUntil!: string;

  @Field(() => Int, { description: 'Days from the as-of date to the last day of validity; negative once expired.' })
  daysRemaining!: number;

  @Field(() => Boolean, { description: 'Whether it has expired at the as-of date.' })
  expired!: boolean;
}
