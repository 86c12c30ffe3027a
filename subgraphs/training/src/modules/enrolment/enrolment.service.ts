import { randomUUID } from 'node:crypto';
import {
  assertVersion,
  audit,
  BadInputError,
  ConflictError,
  type Identity,
  inTransaction,
  isLocalDate,
  NotFoundError,
  type Page,
  requireId,
  todayInVietnam,
  UnauthenticatedError,
} from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertEnrolmentDateKeepsMarks, earliestMarkedSession } from '../attendance/enrolment-window';
import { courseManagedBy, type ManagedCourseOptions, traineeOf } from '../course/course.access';
import { type Course, CourseStatus } from '../course/course.entity';
import { CLOSED_COURSE_STATUSES, requireScore } from '../course/course.rules';
import { Trainee } from '../trainee/trainee.entity';
import { Enrolment, EnrolmentStatus } from './enrolment.entity';

export interface PageRequest {
  offset: number;
  limit: number;
}

/** Today, or the course's first day when it starts later, or its last day when it is over. */
function defaultEnrolmentDate(course: Course, today: string): string {
  if (today < course.startDate) return course.startDate;
  if (today > course.endDate) return course.endDate;
  return today;
}

function checkEnrolmentDate(course: Course, date: string): string {
  if (!isLocalDate(date) || date < course.startDate || date > course.endDate) {
    throw new BadInputError(
      'enrolledOn',
      `Ngày ghi danh phải nằm trong thời gian của khóa học (${course.startDate} đến ${course.endDate}).`,
      `The enrolment date must lie within the course dates (${course.startDate} to ${course.endDate}).`,
      { startDate: course.startDate, endDate: course.endDate },
    );
  }
  return date;
}

async function enrolmentWithManagedCourse(
  em: EntityManager,
  identity: Identity,
  enrolmentId: string,
  options: ManagedCourseOptions = {},
) {
  if (!identity.subject) throw new UnauthenticatedError();
  const enrolment = await em.findOne(Enrolment, { id: enrolmentId });
  if (!enrolment) throw new NotFoundError('Enrolment', enrolmentId, 'ghi danh');
  const course = await courseManagedBy(em, identity, enrolment.course.id, options);
  return { enrolment, course };
}

/** Enrolments (ghi danh): a trainee in a course, withdrawal, exam score. Knows no GraphQL. */
export const enrolmentService = {
  /**
   * Enrols a trainee in a course (its trainers or an administrator). Refused with CONFLICT for a
   * completed or cancelled course, a full course, and a trainee already in it; a withdrawn
   * trainee is taken back on the same enrolment, from a date no later than the first session
   * they already have a mark on (a later date given is CONFLICT; the default stops there). The
   * course row stays locked until the end of the transaction, so that two trainers cannot both
   * take the last seat, and no mark is written while the date is checked.
   */
  enrol(
    em: EntityManager,
    identity: Identity,
    courseId: string,
    traineeId: string,
    enrolledOn: string | null | undefined,
  ): Promise<Enrolment> {
    requireId('courseId', courseId);
    requireId('traineeId', traineeId);
    return inTransaction(em, async (tx) => {
      const course = await courseManagedBy(tx, identity, courseId, { lock: true });
      if (CLOSED_COURSE_STATUSES.includes(course.status)) {
        throw new ConflictError(
          'Khóa học đã kết thúc hoặc đã hủy: không thể ghi danh.',
          `The course is ${course.status}: no one can be enrolled.`,
          { status: course.status },
        );
      }
      const trainee = await tx.findOne(Trainee, { id: traineeId });
      if (!trainee) throw new NotFoundError('Trainee', traineeId, 'học viên');
      const existing = await tx.findOne(Enrolment, { course, trainee });
      if (existing && existing.status !== EnrolmentStatus.WITHDRAWN) {
        throw new ConflictError(
          'Học viên đã được ghi danh vào khóa học này.',
          'The trainee is already enrolled in this course.',
          {
            enrolmentId: existing.id,
          },
        );
      }
      const seats = await tx.count(Enrolment, { course, status: { $ne: EnrolmentStatus.WITHDRAWN } });
      if (seats >= course.capacity) {
        throw new ConflictError(
          `Khóa học đã đủ ${course.capacity} học viên.`,
          `The course is full (${course.capacity} trainees).`,
          { capacity: course.capacity },
        );
      }
      const given = enrolledOn === null || enrolledOn === undefined ? null : checkEnrolmentDate(course, enrolledOn);
      let date = given ?? defaultEnrolmentDate(course, todayInVietnam());
      if (existing) {
        // Marks from before the withdrawal stay counted: the new date may not pass them (given),
        // and the default stops at the first of them (attendance/enrolment-window.ts).
        const earliestMarked = await earliestMarkedSession(tx, existing.id);
        if (given === null && earliestMarked !== null && earliestMarked < date) date = earliestMarked;
        assertEnrolmentDateKeepsMarks(existing, trainee.fullName, date, earliestMarked);
        existing.status = EnrolmentStatus.ENROLLED;
        existing.enrolledOn = date;
        audit(tx, identity, {
          entityType: 'Enrolment',
          entityId: existing.id,
          action: 'RE_ENROLLED',
          changes: { courseId: course.id, traineeId: trainee.id, enrolledOn: date },
        });
        return existing;
      }
      const enrolment = tx.create(Enrolment, {
        id: randomUUID(),
        course,
        trainee,
        enrolledOn: date,
        status: EnrolmentStatus.ENROLLED,
        examScore: null,
        version: 1,
      });
      audit(tx, identity, {
        entityType: 'Enrolment',
        entityId: enrolment.id,
        action: 'ENROLLED',
        changes: { courseId: course.id, traineeId: trainee.id, enrolledOn: date },
      });
      return enrolment;
    });
  },

  /** Withdraws a trainee who is still ENROLLED (from the version the caller saw). */
  withdraw(em: EntityManager, identity: Identity, enrolmentId: string, version: number): Promise<Enrolment> {
    requireId('id', enrolmentId);
    return inTransaction(em, async (tx) => {
      const { enrolment } = await enrolmentWithManagedCourse(tx, identity, enrolmentId);
      assertVersion(enrolment, version, 'Ghi danh', 'enrolment');
      if (enrolment.status !== EnrolmentStatus.ENROLLED) {
        throw new ConflictError(
          `Chỉ rút được học viên đang học (trạng thái hiện tại: ${enrolment.status}).`,
          `Only an ENROLLED trainee can be withdrawn (status: ${enrolment.status}).`,
          { status: enrolment.status },
        );
      }
      enrolment.status = EnrolmentStatus.WITHDRAWN;
      audit(tx, identity, {
        entityType: 'Enrolment',
        entityId: enrolment.id,
        action: 'WITHDRAWN',
        changes: { from: EnrolmentStatus.ENROLLED, to: EnrolmentStatus.WITHDRAWN },
      });
      return enrolment;
    });
  },

  /**
   * Records the exam score (0..100) of a trainee in a course that has an exam. A COMPLETED
   * course's scores are final: completion and the certificates issued rest on them. The course
   * row is share-locked, so that a completion (which locks it exclusively) runs before or after,
   * never in between.
   */
  setExamScore(em: EntityManager, identity: Identity, enrolmentId: string, score: number): Promise<Enrolment> {
    requireId('enrolmentId', enrolmentId);
    const value = requireScore('score', score);
    return inTransaction(em, async (tx) => {
      const { enrolment, course } = await enrolmentWithManagedCourse(tx, identity, enrolmentId, { lock: 'share' });
      if (course.status === CourseStatus.COMPLETED) {
        throw new ConflictError(
          'Khóa học đã kết thúc: không thể thay đổi điểm kiểm tra.',
          'The course is COMPLETED: exam scores can no longer change.',
          { status: course.status },
        );
      }
      if (course.passingScore === null) {
        throw new ConflictError(
          'Khóa học không có bài kiểm tra (chưa đặt điểm đạt).',
          'The course has no exam (no passing score is set).',
        );
      }
      if (enrolment.status === EnrolmentStatus.WITHDRAWN) {
        throw new ConflictError('Học viên đã rút khỏi khóa học.', 'The trainee has withdrawn from the course.', {
          status: enrolment.status,
        });
      }
      const from = enrolment.examScore;
      if (from !== value) {
        enrolment.examScore = value;
        audit(tx, identity, {
          entityType: 'Enrolment',
          entityId: enrolment.id,
          action: 'EXAM_SCORE_SET',
          changes: { from, to: value },
        });
      }
      return enrolment;
    });
  },

  /** The enrolments of the caller's own trainee record, latest first (empty when none is linked). */
  async mine(em: EntityManager, identity: Identity, page: PageRequest): Promise<Page<Enrolment>> {
    const trainee = await traineeOf(em, identity);
    if (!trainee) return { items: [], total: 0, offset: page.offset, limit: page.limit };
    const [items, total] = await em.findAndCount(
      Enrolment,
      { trainee },
      { orderBy: { enrolledOn: 'desc', id: 'asc' }, offset: page.offset, limit: page.limit },
    );
    return { items, total, offset: page.offset, limit: page.limit };
  },
};
