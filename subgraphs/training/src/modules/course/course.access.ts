import { ForbiddenActionError, hasAnyRole, type Identity, NotFoundError, UnauthenticatedError } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Trainee } from '../trainee/trainee.entity';
import { Course, CourseTrainer } from './course.entity';

/** Whether the caller teaches the course (is one of its trainers). */
export async function teaches(em: EntityManager, identity: Identity, courseId: string): Promise<boolean> {
  if (!identity.subject || !identity.roles.includes('trainer')) return false;
  return (await em.count(CourseTrainer, { course: courseId, subject: identity.subject })) > 0;
}

/**
 * The course, when the caller may manage it: an administrator, or a trainer of this course
 * (SPEC §8: a trainer changes only their own courses). NOT_FOUND when it does not exist,
 * FORBIDDEN otherwise.
 */
export async function courseManagedBy(em: EntityManager, identity: Identity, courseId: string): Promise<Course> {
  if (!identity.subject) throw new UnauthenticatedError();
  const course = await em.findOne(Course, { id: courseId });
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
