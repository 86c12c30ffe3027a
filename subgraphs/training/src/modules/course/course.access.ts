import {
  ForbiddenActionError,
  hasAnyRole,
  type Identity,
  type Loaders,
  NotFoundError,
  type Role,
  UnauthenticatedError,
} from '@metrology/kit';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { COURSE_READERS } from '../../access';
import { enrolmentsByTraineeLoader } from '../enrolment/enrolment.loaders';
import { Trainee } from '../trainee/trainee.entity';
import { traineeBySubjectLoader } from '../trainee/trainee.loaders';
import { Course, CourseTrainer } from './course.entity';

/**
 * Roles that read every course (the role matrix's `courses` entry). A course holds no personal
 * data (its trainers are staff), so dashboard viewers, assessors and finance officers (who see
 * the money spent on a course) read them all; a trainee reads only the courses they are enrolled in.
 */
export const COURSE_READER_ROLES: readonly Role[] = COURSE_READERS;

/** Whether the caller teaches the course (is one of its trainers). */
export async function teaches(em: EntityManager, identity: Identity, courseId: string): Promise<boolean> {
  if (!identity.subject || !identity.roles.includes('trainer')) return false;
  return (await em.count(CourseTrainer, { course: courseId, subject: identity.subject })) > 0;
}

export interface ManagedCourseOptions {
  /**
   * Locks the course row until the transaction ends (only inside a transaction). `true` locks it
   * exclusively (for update), to serialise writers that check a count against the course
   * (capacity) or change what hangs on it (completion); `'share'` lets such writers of the same
   * course run side by side but not alongside an exclusive one (attendance and scores against a
   * completion).
   */
  lock?: boolean | 'share';
}

/**
 * The course, when the caller may manage it: an administrator, or a trainer of this course
 * (a trainer changes only their own courses: docs/RULES.md, "Access and personal data"). NOT_FOUND
 * when it does not exist, FORBIDDEN otherwise.
 */
export async function courseManagedBy(
  em: EntityManager,
  identity: Identity,
  courseId: string,
  options: ManagedCourseOptions = {},
): Promise<Course> {
  if (!identity.subject) throw new UnauthenticatedError();
  const course = await em.findOne(
    Course,
    { id: courseId },
    options.lock
      ? { lockMode: options.lock === 'share' ? LockMode.PESSIMISTIC_READ : LockMode.PESSIMISTIC_WRITE, refresh: true }
      : {},
  );
  if (!course) throw new NotFoundError('Course', courseId, 'khóa học');
  if (hasAnyRole(identity, ['admin'])) return course;
  if (await teaches(em, identity, courseId)) return course;
  throw new ForbiddenActionError('Only the trainers of this course and administrators may do this.');
}

/** The trainee record linked to the caller's token subject, if any. */
export function traineeOf(em: EntityManager, identity: Identity): Promise<Trainee | null> {
  if (!identity.subject) return Promise.resolve(null);
  return em.findOne(Trainee, { subject: identity.subject });
}

/**
 * Refuses a caller who may not read the course: anonymous callers (UNAUTHENTICATED), and anyone
 * outside COURSE_READER_ROLES who is not enrolled in it (FORBIDDEN). Batched through the request's
 * loaders, so that a list of courses costs the same few statements as one.
 */
export async function assertMayReadCourse(loaders: Loaders, identity: Identity, courseId: string): Promise<void> {
  if (!identity.subject) throw new UnauthenticatedError();
  if (hasAnyRole(identity, COURSE_READER_ROLES)) return;
  const trainee = await loaders.get(traineeBySubjectLoader).load(identity.subject);
  if (trainee) {
    const enrolments = await loaders.get(enrolmentsByTraineeLoader).load(trainee.id);
    if (enrolments.some((enrolment) => enrolment.course.id === courseId)) return;
  }
  throw new ForbiddenActionError('A trainee sees only the courses they are enrolled in.');
}
