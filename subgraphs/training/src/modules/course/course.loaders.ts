import { defineLoader, groupByKeys, isUuid } from '@metrology/kit';
import { sql } from '@mikro-orm/core';
import { Enrolment, EnrolmentStatus } from '../enrolment/enrolment.entity';
import { Course, CourseSession, CourseTrainer } from './course.entity';

/** Courses by id; null for an unknown or malformed id (which never reaches SQL, so it cannot fail the batch). */
export const courseByIdLoader = defineLoader<string, Course | null>({
  name: 'courseById',
  async batch(em, ids) {
    const wanted = ids.filter(isUuid);
    const courses = wanted.length > 0 ? await em.find(Course, { id: { $in: wanted } }) : [];
    const byId = new Map(courses.map((course) => [course.id, course]));
    return ids.map((id) => byId.get(id) ?? null);
  },
});

export const trainersByCourseLoader = defineLoader<string, CourseTrainer[]>({
  name: 'trainersByCourse',
  async batch(em, courseIds) {
    const rows = await em.find(CourseTrainer, { course: { $in: [...courseIds] } }, { orderBy: { name: 'asc', id: 'asc' } });
    return groupByKeys(courseIds, rows, (row) => row.course.id);
  },
});

/** Sessions of each course in calendar order. */
export const sessionsByCourseLoader = defineLoader<string, CourseSession[]>({
  name: 'sessionsByCourse',
  async batch(em, courseIds) {
    const rows = await em.find(
      CourseSession,
      { course: { $in: [...courseIds] } },
      { orderBy: { date: 'asc', startTime: 'asc', id: 'asc' } },
    );
    return groupByKeys(courseIds, rows, (row) => row.course.id);
  },
});

/** Enrolments that take a seat (every status but WITHDRAWN), per course. */
export const enrolmentCountByCourseLoader = defineLoader<string, number>({
  name: 'enrolmentCountByCourse',
  async batch(em, courseIds) {
    const rows: { course_id: string; seats: string }[] = await em
      .createQueryBuilder(Enrolment, 'e')
      .select(['e.course_id', sql`count(*)`.as('seats')])
      .where({ course: { $in: [...courseIds] }, status: { $ne: EnrolmentStatus.WITHDRAWN } })
      .groupBy('e.course_id')
      .execute('all', false);
    const byCourse = new Map(rows.map((row) => [row.course_id, Number(row.seats)]));
    return courseIds.map((id) => byCourse.get(id) ?? 0);
  },
});

/** Ids of the courses each token subject teaches. */
export const taughtCourseIdsLoader = defineLoader<string, ReadonlySet<string>>({
  name: 'taughtCourseIds',
  async batch(em, subjects) {
    const rows = await em.find(CourseTrainer, { subject: { $in: [...subjects] } });
    return groupByKeys(subjects, rows, (row) => row.subject).map((group) => new Set(group.map((row) => row.course.id)));
  },
});
