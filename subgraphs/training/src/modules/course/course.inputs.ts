import { LocalDateScalar, MetrologyField, PageArgs, pageType } from '@metrology/kit';
import { ArgsType, Field, Float, InputType, Int } from 'type-graphql';
import { Course, CourseKind, CourseStatus } from './course.entity';

/** A page of courses. */
export const CoursePage = pageType(Course, 'CoursePage');

@InputType('CourseInput', { description: 'A new course (khóa bồi dưỡng). It starts PLANNED.' })
export class CourseInput {
  @Field(() => String, { description: 'Unique code: 2 to 32 ASCII letters, digits and - _ . / (e.g. "DL-2026-01").' })
  code!: string;

  @Field(() => String, { description: 'Title (tên khóa học), Vietnamese.' })
  title!: string;

  @Field(() => CourseKind, { description: 'Kind of course (loại khóa).' })
  kind!: CourseKind;

  @Field(() => MetrologyField, { description: 'Metrology field (lĩnh vực đo).' })
  field!: MetrologyField;

  @Field(() => String, { description: 'Where it takes place (địa điểm).' })
  venue!: string;

  @Field(() => LocalDateScalar, { description: 'First day (ngày bắt đầu).' })
  startDate!: string;

  @Field(() => LocalDateScalar, { description: 'Last day (ngày kết thúc), not before the first.' })
  endDate!: string;

  @Field(() => Int, { description: 'Planned hours (số giờ), 1 to 2000.' })
  plannedHours!: number;

  @Field(() => Int, { description: 'Most trainees it takes (số học viên tối đa), 1 to 1000.' })
  capacity!: number;

  @Field(() => String, { description: 'Code of the plan it serves, e.g. "129/KH-UBND": a plan with training targets.' })
  planCode!: string;

  @Field(() => Int, { nullable: true, description: 'Plan year it counts for; defaults to the year of the start date.' })
  planYear?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Minimum attendance rate to complete (tỷ lệ chuyên cần tối thiểu), 0 to 1 in whole percent; default 0.8.',
  })
  minAttendanceRate?: number | null;

  @Field(() => Float, { nullable: true, description: 'Lowest exam score that passes (điểm đạt), 0 to 100; none: no exam.' })
  passingScore?: number | null;
}

@InputType('CourseUpdateInput', {
  description: 'Changes to a course: only the fields given change. `passingScore: null` removes the exam.',
})
export class CourseUpdateInput {
  @Field(() => String, { nullable: true, description: 'Unique code.' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'Title (tên khóa học).' })
  title?: string | null;

  @Field(() => CourseKind, { nullable: true, description: 'Kind of course.' })
  kind?: CourseKind | null;

  @Field(() => MetrologyField, { nullable: true, description: 'Metrology field.' })
  field?: MetrologyField | null;

  @Field(() => String, { nullable: true, description: 'Where it takes place.' })
  venue?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day; every session must stay inside the dates.' })
  startDate?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day; every session must stay inside the dates.' })
  endDate?: string | null;

  @Field(() => Int, { nullable: true, description: 'Planned hours, 1 to 2000.' })
  plannedHours?: number | null;

  @Field(() => Int, { nullable: true, description: 'Capacity, 1 to 1000, not below the trainees enrolled.' })
  capacity?: number | null;

  @Field(() => String, { nullable: true, description: 'Code of the plan it serves.' })
  planCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Plan year it counts for.' })
  planYear?: number | null;

  @Field(() => Float, { nullable: true, description: 'Minimum attendance rate, 0 to 1 in whole percent.' })
  minAttendanceRate?: number | null;

  @Field(() => Float, { nullable: true, description: 'Lowest passing exam score, 0 to 100; null removes the exam.' })
  passingScore?: number | null;
}

@InputType('SessionInput', { description: 'A session (buổi học) of a course.' })
export class SessionInput {
  @Field(() => LocalDateScalar, { description: 'Date, inside the course dates.' })
  date!: string;

  @Field(() => String, { description: 'Start time, HH:MM (Asia/Ho_Chi_Minh).' })
  startTime!: string;

  @Field(() => String, { description: 'End time, HH:MM, after the start.' })
  endTime!: string;

  @Field(() => String, { description: 'Topic (nội dung).' })
  topic!: string;
}

@InputType('SessionUpdateInput', { description: 'Changes to a session: only the fields given change.' })
export class SessionUpdateInput {
  @Field(() => LocalDateScalar, { nullable: true, description: 'Date, inside the course dates.' })
  date?: string | null;

  @Field(() => String, { nullable: true, description: 'Start time, HH:MM.' })
  startTime?: string | null;

  @Field(() => String, { nullable: true, description: 'End time, HH:MM, after the start.' })
  endTime?: string | null;

  @Field(() => String, { nullable: true, description: 'Topic (nội dung).' })
  topic?: string | null;
}

@ArgsType()
export class CourseListArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only courses of this plan, e.g. "129/KH-UBND".' })
  planCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only courses counting for this plan year.' })
  year?: number | null;

  @Field(() => CourseStatus, { nullable: true, description: 'Only courses in this status.' })
  status?: CourseStatus | null;

  @Field(() => String, {
    nullable: true,
    description: 'Words in the code or title, without regard to accents or case ("do luong" finds "Đo lường").',
  })
  search?: string | null;
}
