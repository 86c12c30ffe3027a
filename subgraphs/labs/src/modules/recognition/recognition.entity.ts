import { LocalDateScalar, MetrologyField } from '@metrology/kit';
import { Check, Entity, Enum, Index, ManyToOne, OneToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumArrayCheck } from '../../shared/checks';
import { Assessment } from '../assessment/assessment.entity';
import { Laboratory } from '../laboratory/laboratory.entity';

/** The recorded status of a recognition; expiry is read from the dates (see RecognitionEffectiveStatus). */
export enum RecognitionStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(RecognitionStatus, {
  name: 'RecognitionStatus',
  description: 'Recorded status of a recognition.',
  valuesConfig: {
    ACTIVE: { description: 'Đang hiệu lực' },
    SUSPENDED: { description: 'Tạm đình chỉ' },
    WITHDRAWN: { description: 'Thu hồi (final)' },
  },
});

/** The status a recognition has at a date: the recorded one, or EXPIRED / NOT_YET_VALID by its dates. */
export enum RecognitionEffectiveStatus {
  NOT_YET_VALID = 'NOT_YET_VALID',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}
registerEnumType(RecognitionEffectiveStatus, {
  name: 'RecognitionEffectiveStatus',
  description: 'Status of a recognition at a date.',
  valuesConfig: {
    NOT_YET_VALID: { description: 'Chưa có hiệu lực: the date is before "valid from".' },
    ACTIVE: { description: 'Đang hiệu lực: the laboratory counts as recognised.' },
    SUSPENDED: { description: 'Tạm đình chỉ at that date.' },
    WITHDRAWN: { description: 'Đã thu hồi at that date.' },
    EXPIRED: { description: 'Hết hiệu lực: the date is past "valid until".' },
  },
});

/**
 * The recognition (công nhận) of a laboratory that passed an assessment against the national
 * criteria, over a scope of fields and for a period.
 */
@ObjectType('Recognition', { description: 'Recognition (công nhận) of a laboratory after a passed assessment.' })
@Entity({ tableName: 'recognition' })
@Index({ properties: ['laboratory'] })
@Index({ properties: ['validFrom', 'validUntil'] })
@Check({ name: 'recognition_dates_ordered', expression: 'valid_until >= valid_from' })
@Check({ name: 'recognition_scope_valid', expression: enumArrayCheck('scope', MetrologyField, { nonEmpty: true }) })
export class Recognition {
  @Field(() => ID, { description: 'Id of the recognition.' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @ManyToOne({ entity: () => Laboratory })
  laboratory!: Laboratory;

  @OneToOne({ entity: () => Assessment, owner: true, unique: true })
  assessment!: Assessment;

  @Field(() => LocalDateScalar, { description: 'First day of validity (hiệu lực từ).' })
  @Property({ type: 'date' })
  validFrom!: string;

  @Field(() => LocalDateScalar, { description: 'Last day of validity (hiệu lực đến).' })
  @Property({ type: 'date' })
  validUntil!: string;

  @Field(() => [MetrologyField], { description: 'Fields recognised (phạm vi công nhận).' })
  @Enum({ items: () => MetrologyField, array: true })
  scope!: MetrologyField[];

  @Field(() => RecognitionStatus, { description: 'Recorded status; see effectiveStatus for expiry.' })
  @Enum({ items: () => RecognitionStatus, type: 'string', default: RecognitionStatus.ACTIVE })
  status!: RecognitionStatus;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back when changing its status.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}

/**
 * A change of a recognition's status, effective on a date: the history from which the status at
 * any date is read (and the LABS indicator counts the recognitions held at a date).
 */
@ObjectType('RecognitionStatusChange', { description: 'A change of status of a recognition, effective on a date.' })
@Entity({ tableName: 'recognition_status_change' })
@Index({ properties: ['recognition', 'effectiveOn'] })
export class RecognitionStatusChange {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Recognition, deleteRule: 'cascade' })
  recognition!: Recognition;

  @Field(() => RecognitionStatus, { description: 'Status before the change.' })
  @Enum({ items: () => RecognitionStatus, type: 'string' })
  fromStatus!: RecognitionStatus;

  @Field(() => RecognitionStatus, { description: 'Status after the change.' })
  @Enum({ items: () => RecognitionStatus, type: 'string' })
  toStatus!: RecognitionStatus;

  @Field(() => LocalDateScalar, { description: 'Date the change takes effect.' })
  @Property({ type: 'date' })
  effectiveOn!: string;

  @Field(() => String, { nullable: true, description: 'Reason (lý do).' })
  @Property({ type: 'text', nullable: true })
  reason!: string | null;

  @Field(() => String, { description: 'Who changed it (display name).' })
  @Property({ type: 'string', length: 200 })
  changedByName!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  changedBy!: string | null;

  @Field(() => Date, { description: 'When it was recorded.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  changedAt!: Date;
}
