import { LocalDateScalar, MetrologyField } from '@metrology/kit';
import { Check, DecimalType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CourseKind {
  VERIFIER_TRAINING = 'VERIFIER_TRAINING',
  CALIBRATION = 'CALIBRATION',
  TESTING = 'TESTING',
  MEASUREMENT_ASSURANCE = 'MEASUREMENT_ASSURANCE',
  PREPACKAGED_GOODS = 'PREPACKAGED_GOODS',
  STATE_INSPECTION = 'STATE_INSPECTION',
  OTHER = 'OTHER',
}
registerEnumType(CourseKind, {
  name: 'CourseKind',
  description: 'Kind of course (loại khóa bồi dưỡng).',
  valuesConfig: {
    VERIFIER_TRAINING: { description: 'Bồi dưỡng kiểm định viên' },
    CALIBRATION: { description: 'Hiệu chuẩn' },
    TESTING: { description: 'Thử nghiệm' },
    MEASUREMENT_ASSURANCE: { description: 'Đảm bảo đo lường' },
    PREPACKAGED_GOODS: { description: 'Hàng đóng gói sẵn' },
    STATE_INSPECTION: { description: 'Kiểm tra nhà nước về đo lường' },
    OTHER: { description: 'Khác' },
  },
});

export enum CourseStatus {
  PLANNED = 'PLANNED',
  OPEN = 'OPEN',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CourseStatus, {
  name: 'CourseStatus',
  description: 'Where a course stands.',
  valuesConfig: {
    PLANNED: { description: 'Dự kiến' },
    OPEN: { description: 'Đang nhận đăng ký' },
    RUNNING: { description: 'Đang học' },
    COMPLETED: { description: 'Đã kết thúc' },
    CANCELLED: { description: 'Đã hủy' },
  },
});

/** A training course (khóa bồi dưỡng) of a plan. */
@Directive('@key(fields: "id")')
@ObjectType('Course', { description: 'A training course (khóa bồi dưỡng nghiệp vụ đo lường).' })
@Entity({ tableName: 'course' })
@Check({ name: 'course_dates_ordered', expression: 'end_date >= start_date' })
@Check({
  name: 'course_min_attendance_percent_range',
  expression: 'min_attendance_percent >= 0 and min_attendance_percent <= 100',
})
@Index({ properties: ['planCode', 'planYear'] })
export class Course {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @Field(() => String, { description: 'Unique code, e.g. "DL-2026-01".' })
  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Field(() => String, { description: 'Title (Vietnamese).' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => CourseKind)
  @Enum({ items: () => CourseKind, type: 'string' })
  kind!: CourseKind;

  @Field(() => MetrologyField)
  @Enum({ items: () => MetrologyField, type: 'string' })
  field!: MetrologyField;

  @Field(() => String, { description: 'Where it takes place.' })
  @Property({ type: 'string', length: 300 })
  venue!: string;

  @Field(() => LocalDateScalar)
  @Property({ type: 'date' })
  startDate!: string;

  @Field(() => LocalDateScalar)
  @Property({ type: 'date' })
  endDate!: string;

  @Field(() => Int, { description: 'Planned hours (số giờ).' })
  @Property({ type: 'smallint' })
  plannedHours!: number;

  @Field(() => Int, { description: 'Most trainees it takes.' })
  @Property({ type: 'smallint' })
  capacity!: number;

  @Field(() => String, { description: 'Code of the plan it serves, e.g. "129/KH-UBND".' })
  @Property({ type: 'string', length: 64 })
  planCode!: string;

  @Field(() => Int, { description: 'Plan year the course counts for.' })
  @Property({ type: 'smallint' })
  planYear!: number;

  @Field(() => CourseStatus)
  @Enum({ items: () => CourseStatus, type: 'string', default: CourseStatus.PLANNED })
  status!: CourseStatus;

  /** Whole percent, so that completion is decided in integers. */
  @Property({ type: 'smallint', default: 80 })
  minAttendancePercent!: number;

  @Field(() => Float, { nullable: true, description: 'Lowest exam score that passes, when the course has an exam.' })
  @Property({ type: new DecimalType('number'), precision: 5, scale: 2, nullable: true })
  passingScore!: number | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back when editing.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}

/** A trainer of a course, by the token subject of the person. */
@ObjectType('CourseTrainer', { description: 'A trainer (giảng viên) of a course.' })
@Entity({ tableName: 'course_trainer' })
@Unique({ properties: ['course', 'subject'] })
@Index({ properties: ['subject'] })
export class CourseTrainer {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Course, deleteRule: 'cascade' })
  course!: Course;

  @Field(() => String, { description: 'User id of the trainer (token subject).' })
  @Property({ type: 'string', length: 200 })
  subject!: string;

  @Field(() => String, { description: 'Display name.' })
  @Property({ type: 'string', length: 200 })
  name!: string;
}

/** A session (buổi học) of a course on one date. */
@ObjectType('CourseSession', { description: 'A session (buổi học) of a course.' })
@Entity({ tableName: 'course_session' })
@Unique({ properties: ['course', 'date', 'startTime'] })
@Check({ name: 'course_session_times_ordered', expression: 'end_time > start_time' })
export class CourseSession {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @ManyToOne({ entity: () => Course, deleteRule: 'cascade' })
  course!: Course;

  @Field(() => LocalDateScalar)
  @Property({ type: 'date' })
  date!: string;

  @Field(() => String, { description: 'Start time, HH:MM (Asia/Ho_Chi_Minh).' })
  @Property({ type: 'time' })
  startTime!: string;

  @Field(() => String, { description: 'End time, HH:MM.' })
  @Property({ type: 'time' })
  endTime!: string;

  @Field(() => String, { description: 'Topic (nội dung).' })
  @Property({ type: 'string', length: 300 })
  topic!: string;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;
}
