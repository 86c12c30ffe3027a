import { ConflictError, ForbiddenActionError, hasAnyRole, type Identity, NotFoundError, requireId } from '@metrology/kit';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { courseManagedBy } from '../course/course.access';
import { type Course, CourseSession, CourseStatus } from '../course/course.entity';
import type { EnrolmentViewers } from './attendance.loaders';

/** The session and its course, when the caller may manage the course (its trainers, administrators). */
export async function managedSession(
  em: EntityManager,
  identity: Identity,
  sessionId: string,
): Promise<{ session: CourseSession; course: Course }> {
  const session = await em.findOne(CourseSession, { id: requireId('sessionId', sessionId) });
  if (!session) throw new NotFoundError('Session', sessionId, 'buổi học');
  const course = await courseManagedBy(em, identity, session.course.id);
  return { session, course };
}

/**
 * The session and its course for a writer of marks (inside its transaction), while marks may
 * still change. The session row is locked, so that two writers of one session (a sheet sent
 * twice, a retry) run one after the other and the second finds the first's marks instead of
 * colliding with them; the course row is share-locked, so that a completion runs wholly before
 * or after. A COMPLETED course's marks are final (completion and certificates rest on them),
 * and a CANCELLED course takes none: CONFLICT.
 */
export async function sessionOpenForMarks(
  tx: EntityManager,
  identity: Identity,
  sessionId: string,
): Promise<{ session: CourseSession; course: Course }> {
  const session = await tx.findOne(
    CourseSession,
    { id: requireId('sessionId', sessionId) },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!session) throw new NotFoundError('Session', sessionId, 'buổi học');
  const course = await courseManagedBy(tx, identity, session.course.id, { lock: 'share' });
  if (course.status === CourseStatus.COMPLETED) {
    throw new ConflictError(
      'Khóa học đã kết thúc: không thể thay đổi điểm danh.',
      'The course is COMPLETED: its attendance marks can no longer change.',
      { status: course.status },
    );
  }
  if (course.status === CourseStatus.CANCELLED) {
    throw new ConflictError(
      'Khóa học đã bị hủy: không thể điểm danh.',
      'The course is CANCELLED: no attendance can be recorded.',
      { status: course.status },
    );
  }
  return { session, course };
}

/** Who recorded a change, as people read it in the history. */
export function displayName(identity: Identity): string {
  return identity.name ?? identity.subject ?? '';
}

/**
 * An enrolment's attendance is visible to its trainee, its course's trainers and administrators
 * (docs/RULES.md, "Access and personal data").
 */
export function canSeeEnrolment(identity: Identity, viewers: EnrolmentViewers): boolean {
  if (!identity.subject) return false;
  if (hasAnyRole(identity, ['admin'])) return true;
  if (identity.roles.includes('trainer') && viewers.trainerSubjects.includes(identity.subject)) return true;
  return viewers.ownerSubject === identity.subject;
}

export function assertCanSeeEnrolment(identity: Identity, viewers: EnrolmentViewers): void {
  if (!canSeeEnrolment(identity, viewers)) {
    throw new ForbiddenActionError("Only the trainee, the course's trainers and administrators may see this attendance.");
  }
}
