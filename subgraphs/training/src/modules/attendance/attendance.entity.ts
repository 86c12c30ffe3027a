import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { CourseSession } from '../course/course.entity';
import { Enrolment } from '../enrolment/enrolment.entity';

export enum AttendanceStatus {
  PRESENT = 'PRESENT',
  LATE = 'LATE',
  EXCUSED = 'EXCUSED',
  ABSENT = 'ABSENT',
}
registerEnumType(AttendanceStatus, {
  name: 'AttendanceStatus',
  description: 'A mark on the attendance sheet.',
  valuesConfig: {
    PRESENT: { description: 'Có mặt' },
    LATE: { description: 'Đi muộn (counts as attended)' },
    EXCUSED: { description: 'Vắng có phép (may be given ahead; not counted against the rate)' },
    ABSENT: { description: 'Vắng' },
  },
});

export enum AttendanceChangeSource {
  SHEET = 'SHEET',
  CORRECTION = 'CORRECTION',
  IMPORT = 'IMPORT',
}
registerEnumType(AttendanceChangeSource, {
  name: 'AttendanceChangeSource',
  description: 'How a mark was changed.',
  valuesConfig: {
    SHEET: { description: 'A whole session sheet (bảng điểm danh).' },
    CORRECTION: { description: 'A single correction (sửa điểm danh).' },
    IMPORT: { description: 'A CSV sign-in sheet import.' },
  },
});

/** One mark per enrolment and session (điểm danh). */
@ObjectType('AttendanceMark', { description: 'The mark of one trainee for one session.' })
@Entity({ tableName: 'attendance_mark' })
@Unique({ properties: ['enrolment', 'session'] })
@Index({ properties: ['session'] })
export class AttendanceMark {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne({ entity: () => Enrolment, deleteRule: 'cascade' })
  enrolment!: Enrolment;

  @ManyToOne({ entity: () => CourseSession, deleteRule: 'cascade' })
  session!: CourseSession;

  @Field(() => AttendanceStatus, { description: 'The mark.' })
  @Enum({ items: () => AttendanceStatus, type: 'string' })
  status!: AttendanceStatus;

  @Field(() => String, { nullable: true, description: 'Note (ghi chú).' })
  @Property({ type: 'string', length: 500, nullable: true })
  note!: string | null;

  @Field(() => String, { description: 'Who recorded it (display name).' })
  @Property({ type: 'string', length: 200 })
  recordedBy!: string;

  @Field(() => Date, { description: 'When it was last recorded.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  recordedAt!: Date;

  @Property({ type: 'integer', version: true })
  version!: number;
}

/** Every change of a mark: who, when, from, to (docs/RULES.md, "Attendance"). */
@ObjectType('AttendanceChange', { description: 'One change of an attendance mark.' })
@Entity({ tableName: 'attendance_change' })
@Index({ properties: ['enrolment', 'session'] })
export class AttendanceChange {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne({ entity: () => Enrolment, deleteRule: 'cascade' })
  enrolment!: Enrolment;

  @ManyToOne({ entity: () => CourseSession, deleteRule: 'cascade' })
  session!: CourseSession;

  @Field(() => AttendanceStatus, { nullable: true, description: 'The mark before; null when there was none.' })
  @Enum({ items: () => AttendanceStatus, type: 'string', nullable: true })
  fromStatus!: AttendanceStatus | null;

  @Field(() => AttendanceStatus, { description: 'The mark after the change.' })
  @Enum({ items: () => AttendanceStatus, type: 'string' })
  toStatus!: AttendanceStatus;

  @Field(() => String, { nullable: true, description: 'The note before.' })
  @Property({ type: 'string', length: 500, nullable: true })
  fromNote!: string | null;

  @Field(() => String, { nullable: true, description: 'The note after.' })
  @Property({ type: 'string', length: 500, nullable: true })
  toNote!: string | null;

  @Field(() => AttendanceChangeSource, { description: 'Sheet, single correction or file import.' })
  @Enum({ items: () => AttendanceChangeSource, type: 'string' })
  source!: AttendanceChangeSource;

  /** Token subject of who changed it. */
  @Property({ type: 'string', length: 200, nullable: true })
  changedBySubject!: string | null;

  @Field(() => String, { description: 'Who changed it (display name).' })
  @Property({ type: 'string', length: 200 })
  changedBy!: string;

  @Field(() => Date, { description: 'When it changed.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  changedAt!: Date;
}
