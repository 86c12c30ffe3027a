import { LocalDateScalar } from '@metrology/kit';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumArrayCheck } from '../../shared/checks';
import { Laboratory } from '../laboratory/laboratory.entity';
import { Organization } from '../organization/organization.entity';

/**
 * What the Measurement Assurance Programme provides to an enterprise
 * (docs/RULES.md, "Standards, capacity projects and MAP engagements").
 */
export enum AssuranceService {
  VERIFICATION = 'VERIFICATION',
  CALIBRATION = 'CALIBRATION',
  TESTING = 'TESTING',
  METHOD_DEVELOPMENT = 'METHOD_DEVELOPMENT',
}
registerEnumType(AssuranceService, {
  name: 'AssuranceService',
  description: 'A service of the Measurement Assurance Programme (chương trình đảm bảo đo lường).',
  valuesConfig: {
    VERIFICATION: { description: 'Kiểm định' },
    CALIBRATION: { description: 'Hiệu chuẩn' },
    TESTING: { description: 'Thử nghiệm' },
    METHOD_DEVELOPMENT: { description: 'Xây dựng phương pháp đo' },
  },
});

export enum EngagementStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(EngagementStatus, {
  name: 'EngagementStatus',
  description: 'Where an engagement stands: PLANNED → IN_PROGRESS → COMPLETED, or CANCELLED before completion.',
  valuesConfig: {
    PLANNED: { description: 'Dự kiến' },
    IN_PROGRESS: { description: 'Đang thực hiện' },
    COMPLETED: { description: 'Hoàn thành: counts for MAP in the year of completion' },
    CANCELLED: { description: 'Đã hủy' },
  },
});

/**
 * An engagement of the Measurement Assurance Programme: a provider laboratory supports an
 * enterprise with verification, calibration, testing or method development. MAP counts the
 * completed ones, in the year of completion.
 */
@Directive('@key(fields: "id")')
@ObjectType('AssuranceEngagement', {
  description: 'Support to an enterprise under the Measurement Assurance Programme (hỗ trợ doanh nghiệp đảm bảo đo lường).',
})
@Entity({ tableName: 'assurance_engagement' })
@Index({ properties: ['enterprise'] })
@Index({ properties: ['provider'] })
@Index({ properties: ['status', 'completedOn'] })
@Check({ name: 'assurance_engagement_instruments_not_negative', expression: 'instruments_covered >= 0' })
@Check({
  name: 'assurance_engagement_services_valid',
  expression: enumArrayCheck('services', AssuranceService, { nonEmpty: true }),
})
@Check({ name: 'assurance_engagement_completion_dated', expression: "(status = 'COMPLETED') = (completed_on is not null)" })
@Check({ name: 'assurance_engagement_planned_dates_ordered', expression: 'planned_end is null or planned_end >= planned_start' })
export class AssuranceEngagement {
  @Field(() => ID, { description: 'Id of the engagement.' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @ManyToOne({ entity: () => Organization })
  enterprise!: Organization;

  @ManyToOne({ entity: () => Laboratory })
  provider!: Laboratory;

  @Field(() => [AssuranceService], { description: 'Services provided.' })
  @Enum({ items: () => AssuranceService, array: true })
  services!: AssuranceService[];

  @Field(() => Int, { description: 'Number of instruments covered (số phương tiện đo).' })
  @Property({ type: 'integer' })
  instrumentsCovered!: number;

  @Field(() => String, { nullable: true, description: 'Which instruments (mô tả phương tiện đo).' })
  @Property({ type: 'text', nullable: true })
  instrumentsDescription!: string | null;

  @Field(() => LocalDateScalar, { description: 'Planned start.' })
  @Property({ type: 'date' })
  plannedStart!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Planned end, when known.' })
  @Property({ type: 'date', nullable: true })
  plannedEnd!: string | null;

  @Field(() => EngagementStatus, { description: 'Where it stands.' })
  @Enum({ items: () => EngagementStatus, type: 'string', default: EngagementStatus.PLANNED })
  status!: EngagementStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date work started (IN_PROGRESS).' })
  @Property({ type: 'date', nullable: true })
  startedOn!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of completion: set when it is COMPLETED.' })
  @Property({ type: 'date', nullable: true })
  completedOn!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of cancellation.' })
  @Property({ type: 'date', nullable: true })
  cancelledOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Reason given when it was cancelled.' })
  @Property({ type: 'text', nullable: true })
  cancellationReason!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back when editing.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}
