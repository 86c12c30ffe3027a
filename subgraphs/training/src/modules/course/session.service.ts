import { randomUUID } from 'node:crypto';
import {
  assertVersion,
  audit,
  ConflictError,
  type Identity,
  inTransaction,
  NotFoundError,
  requireId,
  UnauthenticatedError,
} from '@metrology/kit';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AttendanceMark } from '../attendance/attendance.entity';
import { assertSessionMoveKeepsMarks } from '../attendance/enrolment-window';
import { courseManagedBy } from './course.access';
import { type Course, CourseSession } from './course.entity';
import { CLOSED_COURSE_STATUSES, checkSessionFields, type SessionFields, timeOfDay } from './course.rules';

/** Changes to a session: absent (or null) fields stay. */
export type SessionChanges = { [K in keyof SessionFields]?: SessionFields[K] | null };

function assertCourseOpenForChanges(course: Course): void {
  if (CLOSED_COURSE_STATUSES.includes(course.status)) {
    throw new ConflictError(
      'Khóa học đã kết thúc hoặc đã hủy: không thể thay đổi buổi học.',
      `The course is ${course.status}: its sessions can no longer change.`,
      { status: course.status },
    );
  }
}

async function assertNoSessionAt(em: EntityManager, course: Course, date: string, startTime: string, exceptId?: string) {
  const existing = await em.findOne(CourseSession, { course, date, startTime });
  if (existing && existing.id !== exceptId) {
    throw new ConflictError(
      `Khóa học đã có buổi học ngày ${date} lúc ${startTime}.`,
      `The course already has a session on ${date} at ${startTime}.`,
      { sessionId: existing.id },
    );
  }
}

/**
 * The session and its course, when the caller may manage the course. With `lock`, the session
 * row is locked for update and the course row share-locked, as writers of marks lock them
 * (attendance.access.ts), so that a check of the session's marks holds until the end.
 */
async function sessionWithManagedCourse(em: EntityManager, identity: Identity, sessionId: string, lock = false) {
  if (!identity.subject) throw new UnauthenticatedError();
  requireId('id', sessionId);
  const session = await em.findOne(
    CourseSession,
    { id: sessionId },
    lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {},
  );
  if (!session) throw new NotFoundError('Session', sessionId, 'buổi học');
  const course = await courseManagedBy(em, identity, session.course.id, lock ? { lock: 'share' } : {});
  return { session, course };
}
/** A course's sessions: adding, moving and removing them. Knows no GraphQL. */
export const sessionService = {
  /** Adds a session inside the course dates; a second session at the same date and start is CONFLICT. */
  add(em: EntityManager, identity: Identity, courseId: string, input: SessionFields): Promise<CourseSession> {
    requireId('courseId', courseId);
    return inTransaction(em, async (tx) => {
      const course = await courseManagedBy(tx, identity, courseId);
      assertCourseOpenForChanges(course);
      const fields = checkSessionFields(input, course);
      await assertNoSessionAt(tx, course, fields.date, fields.startTime);
      const session = tx.create(CourseSession, { id: randomUUID(), course, ...fields, version: 1 });
      audit(tx, identity, {
        entityType: 'Course',
        entityId: course.id,
        action: 'SESSION_ADDED',
        changes: { sessionId: session.id, ...fields },
      });
      return session;
    });
  },

  /**
   * Changes a session from the version the caller saw. A session holding marks cannot move to a
   * date before the enrolment date of a trainee marked on it (CONFLICT: see enrolment-window.ts).
   */
  update(
    em: EntityManager,
    identity: Identity,
    sessionId: string,
    version: number,
    changes: SessionChanges,
  ): Promise<CourseSession> {
    return inTransaction(em, async (tx) => {
      const { session, course } = await sessionWithManagedCourse(tx, identity, sessionId, true);
      assertVersion(session, version, 'Buổi học', 'session');
      assertCourseOpenForChanges(course);
      const before = { date: session.date, startTime: timeOfDay(session.startTime), endTime: timeOfDay(session.endTime) };
      const fields = checkSessionFields(
        {
          date: changes.date ?? before.date,
          startTime: changes.startTime ?? before.startTime,
          endTime: changes.endTime ?? before.endTime,
          topic: changes.topic ?? session.topic,
        },
        course,
      );
      if (fields.date !== before.date || fields.startTime !== before.startTime) {
        await assertNoSessionAt(tx, course, fields.date, fields.startTime, session.id);
      }
      if (fields.date < before.date) await assertSessionMoveKeepsMarks(tx, session, fields.date);
      tx.assign(session, fields);
      audit(tx, identity, {
        entityType: 'Course',
        entityId: course.id,
        action: 'SESSION_UPDATED',
        changes: {
          sessionId: session.id,
          from: before,
          to: { date: fields.date, startTime: fields.startTime, endTime: fields.endTime },
        },
      });
      return session;
    });
  },

  /** Removes a session that has no attendance marks yet (marks are history: CONFLICT). */
  remove(em: EntityManager, identity: Identity, sessionId: string): Promise<Course> {
    return inTransaction(em, async (tx) => {
      const { session, course } = await sessionWithManagedCourse(tx, identity, sessionId);
      assertCourseOpenForChanges(course);
      const marks = await tx.count(AttendanceMark, { session });
      if (marks > 0) {
        throw new ConflictError(
          `Buổi học đã có ${marks} điểm danh: không thể xóa.`,
          `The session has ${marks} attendance mark(s) and cannot be removed.`,
          { marks },
        );
      }
      const removed = { sessionId: session.id, date: session.date, startTime: timeOfDay(session.startTime) };
      tx.remove(session);
      audit(tx, identity, { entityType: 'Course', entityId: course.id, action: 'SESSION_REMOVED', changes: removed });
      return course;
    });
  },
};
