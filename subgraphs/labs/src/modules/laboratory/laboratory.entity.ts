import { LocalDateScalar, MetrologyField } from '@metrology/kit';
import { Check, Embeddable, Embedded, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumArrayCheck } from '../../shared/checks';
import { Organization } from '../organization/organization.entity';

/** What a laboratory does (docs/RULES.md, "The register"). */
export enum LaboratoryService {
  VERIFICATION = 'VERIFICATION',
  CALIBRATION = 'CALIBRATION',
  TESTING = 'TESTING',
}
registerEnumType(LaboratoryService, {
  name: 'LaboratoryService',
  description: 'A service a laboratory provides.',
  valuesConfig: {
    VERIFICATION: { description: 'Kiểm định' },
    CALIBRATION: { description: 'Hiệu chuẩn' },
    TESTING: { description: 'Thử nghiệm' },
  },
});

/** The certificate of registration to provide the services (giấy chứng nhận đăng ký hoạt động). */
@ObjectType('RegistrationCertificate', {
  description: 'Certificate of registration to provide verification, calibration or testing (giấy chứng nhận đăng ký).',
})
@Embeddable()
export class RegistrationCertificate {
  @Field(() => String, { description: 'Certificate number (số giấy chứng nhận).' })
  @Property({ type: 'string', length: 100 })
  number!: string;

  @Field(() => String, { description: 'Who issued it (cơ quan cấp), e.g. "Tổng cục Tiêu chuẩn Đo lường Chất lượng".' })
  @Property({ type: 'string', length: 300 })
  issuer!: string;

  @Field(() => LocalDateScalar, { description: 'Date of issue (ngày cấp).' })
  @Property({ type: 'date' })
  issuedOn!: string;

  @Field(() => LocalDateScalar, { description: 'Last day of validity (có hiệu lực đến).' })
  @Property({ type: 'date' })
  validUntil!: string;
}

/** Accreditation by an outside scheme, e.g. VILAS (công nhận). */
@ObjectType('Accreditation', { description: 'External accreditation (công nhận), e.g. VILAS.' })
@Embeddable()
export class Accreditation {
  @Field(() => String, { description: 'Scheme (hệ thống công nhận), e.g. "VILAS".' })
  @Property({ type: 'string', length: 50 })
  scheme!: string;

  @Field(() => String, { description: 'Accreditation number, e.g. "VILAS 123".' })
  @Property({ type: 'string', length: 100 })
  number!: string;

  @Field(() => LocalDateScalar, { description: 'Last day of validity.' })
  @Property({ type: 'date' })
  validUntil!: string;
}

/** A verification, calibration or testing laboratory (phòng thí nghiệm) of an organisation. */
@Directive('@key(fields: "id")')
@ObjectType('Laboratory', { description: 'A verification, calibration or testing laboratory (phòng thí nghiệm).' })
@Entity({ tableName: 'laboratory' })
@Index({ properties: ['organization'] })
@Check({ name: 'laboratory_fields_valid', expression: enumArrayCheck('fields', MetrologyField, { nonEmpty: true }) })
@Check({ name: 'laboratory_services_valid', expression: enumArrayCheck('services', LaboratoryService, { nonEmpty: true }) })
export class Laboratory {
  @Field(() => ID, { description: 'Id of the laboratory.' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @Field(() => String, { description: 'Unique code, e.g. "PTN-LS-01".' })
  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Field(() => String, { description: 'Name (tên phòng thí nghiệm), Unicode NFC.' })
  @Property({ type: 'string', length: 300 })
  name!: string;

  /** Lower case without diacritics, for accent-insensitive search. */
  @Property({ type: 'string', length: 300 })
  searchName!: string;

  @ManyToOne({ entity: () => Organization })
  organization!: Organization;

  @Field(() => [MetrologyField], { description: 'Metrology fields it works in (lĩnh vực đo).' })
  @Enum({ items: () => MetrologyField, array: true })
  fields!: MetrologyField[];

  @Field(() => [LaboratoryService], { description: 'Services it provides.' })
  @Enum({ items: () => LaboratoryService, array: true })
  services!: LaboratoryService[];

  @Field(() => RegistrationCertificate, { nullable: true, description: 'Certificate of registration, when it holds one.' })
  @Embedded({ entity: () => RegistrationCertificate, nullable: true, prefix: 'registration_' })
  registration!: RegistrationCertificate | null;

  @Field(() => Accreditation, { nullable: true, description: 'External accreditation, when it holds one.' })
  @Embedded({ entity: () => Accreditation, nullable: true, prefix: 'accreditation_' })
  accreditation!: Accreditation | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back when editing.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}
