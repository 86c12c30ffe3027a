import { LocalDateScalar, MetrologyField } from '@metrology/kit';
import { Check, Embeddable, Embedded, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Organization } from '../organization/organization.entity';

/** A kind of measurement standard or instrument (loại chuẩn, phương tiện đo): what STANDARDS counts. */
@ObjectType('StandardKind', {
  description: 'A kind of measurement standard or instrument (loại chuẩn đo lường, phương tiện đo): the unit STANDARDS counts.',
})
@Entity({ tableName: 'standard_kind' })
export class StandardKind {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => String, { description: 'Unique code, e.g. "QC-F1" (quả cân chuẩn cấp F1).' })
  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Field(() => String, { description: 'Name (Vietnamese), e.g. "Bộ quả cân chuẩn cấp chính xác F1".' })
  @Property({ type: 'string', length: 300 })
  name!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;
}

export enum StandardStatus {
  IN_SERVICE = 'IN_SERVICE',
  OUT_OF_SERVICE = 'OUT_OF_SERVICE',
  RETIRED = 'RETIRED',
}
registerEnumType(StandardStatus, {
  name: 'StandardStatus',
  description: 'Whether a standard is in use.',
  valuesConfig: {
    IN_SERVICE: { description: 'Đang sử dụng' },
    OUT_OF_SERVICE: { description: 'Tạm ngừng sử dụng (hỏng, sửa chữa)' },
    RETIRED: { description: 'Thanh lý, không còn sử dụng: no calibration is due' },
  },
});

/** Traceability (liên kết chuẩn): the latest calibration of a standard. */
@ObjectType('Traceability', { description: 'Traceability (liên kết chuẩn): the latest calibration of a standard.' })
@Embeddable()
export class Traceability {
  @Field(() => String, { description: 'Who calibrated it (đơn vị hiệu chuẩn).' })
  @Property({ type: 'string', length: 300 })
  calibratedBy!: string;

  @Field(() => String, { description: 'Calibration certificate number (số giấy chứng nhận hiệu chuẩn).' })
  @Property({ type: 'string', length: 100 })
  certificateNumber!: string;

  @Field(() => LocalDateScalar, { description: 'Date of calibration.' })
  @Property({ type: 'date' })
  calibratedOn!: string;

  @Field(() => LocalDateScalar, { description: 'Next calibration due (hạn hiệu chuẩn tiếp theo).' })
  @Property({ type: 'date' })
  dueOn!: string;
}

/** A measurement standard or instrument socialised (chuẩn đo lường được xã hội hóa). */
@Directive('@key(fields: "id")')
@ObjectType('MeasurementStandard', {
  description: 'A measurement standard or instrument socialised (chuẩn đo lường, phương tiện đo được xã hội hóa).',
})
@Entity({ tableName: 'measurement_standard' })
@Unique({ properties: ['kind', 'serial'] })
@Index({ properties: ['kind', 'yearFirstSupported'] })
@Index({ properties: ['owner'] })
@Check({ name: 'measurement_standard_year_range', expression: 'year_first_supported >= 1990 and year_first_supported <= 2100' })
export class MeasurementStandard {
  @Field(() => ID, { description: 'Id of the standard.' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @ManyToOne({ entity: () => StandardKind })
  kind!: StandardKind;

  @Field(() => String, { description: 'Name or model (tên, kiểu), Vietnamese.' })
  @Property({ type: 'string', length: 300 })
  name!: string;

  @Field(() => MetrologyField, { description: 'Metrology field (lĩnh vực đo).' })
  @Enum({ items: () => MetrologyField, type: 'string' })
  field!: MetrologyField;

  @ManyToOne({ entity: () => Organization })
  owner!: Organization;

  @Field(() => Int, { description: 'Year it was first supported (năm được hỗ trợ): STANDARDS counts its kind from then.' })
  @Property({ type: 'smallint' })
  yearFirstSupported!: number;

  @Field(() => String, { description: 'Serial number (số hiệu), unique within its kind.' })
  @Property({ type: 'string', length: 100 })
  serial!: string;

  @Field(() => Traceability, { nullable: true, description: 'Latest calibration; null before the first.' })
  @Embedded({ entity: () => Traceability, nullable: true, prefix: 'traceability_' })
  traceability!: Traceability | null;

  @Field(() => StandardStatus, { description: 'Whether it is in use.' })
  @Enum({ items: () => StandardStatus, type: 'string', default: StandardStatus.IN_SERVICE })
  status!: StandardStatus;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back when editing.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}
