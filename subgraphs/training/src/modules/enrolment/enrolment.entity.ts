import { LocalDateScalar } from '@metrology/kit';
import { DecimalType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Course } from '../course/course.entity';
import { Trainee } from '../trainee/trainee.entity';

export enum EnrolmentStatus {
  ENROLLED = 'ENROLLED',
  WITHDRAWN = 'WITHDRAWN',
  COMPLETED = 'COMPLETED',
  NOT_COMPLETED = 'NOT_COMPLETED',
}
registerEnumType(EnrolmentStatus, {
  name: 'EnrolmentStatus',
  valuesConfig: {
    ENROLLED: { description: 'Đang học' },
    WITHDRAWN: { description: 'Đã rút' },
    COMPLETED: { description: 'Hoàn thành' },
    NOT_COMPLETED: { description: 'Không hoàn thành' },
  },
});

/** A trainee in a course (ghi danh): one per trainee and course. */
@ObjectType('Enrolment', { description: 'A trainee in a course (ghi danh).' })
@Entity({ tableName: 'enrolment' })
@Unique({ properties: ['course', 'trainee'] })
@Index({ properties: ['trainee'] })
export class Enrolment {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @ManyToOne({ entity: () => Course, deleteRule: 'cascade' })
  course!: Course;

  @ManyToOne({ entity: () => Trainee })
  trainee!: Trainee;

  @Field(() => LocalDateScalar, { description: 'Sessions from this date on count for the attendance rate.' })
  @Property({ type: 'date' })
  enrolledOn!: string;

  @Field(() => EnrolmentStatus)
  @Enum({ items: () => EnrolmentStatus, type: 'string', default: EnrolmentStatus.ENROLLED })
  status!: EnrolmentStatus;

  @Field(() => Float, { nullable: true, description: 'Exam score, when the course has an exam.' })
  @Property({ type: new DecimalType('number'), precision: 5, scale: 2, nullable: true })
  examScore!: number | null;

  /**
   * Date of the first session of its course the trainee attended (PRESENT or LATE): the date the
   * enrolment counts as a participation (docs/RULES.md, "Counting rules"). Kept by the database's
   * triggers on attendance marks and sessions (migration `*_first_attendance`), never written by
   * the application.
   */
  @Property({ type: 'date', nullable: true, lazy: false })
  firstAttendedOn?: string | null;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;
}
