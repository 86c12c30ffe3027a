import { randomUUID } from 'node:crypto';
import {
  assertVersion,
  audit,
  BadInputError,
  ConflictError,
  type Identity,
  inTransaction,
  isServiceIdentity,
  type Loaders,
  likeEscape,
  type MetrologyField,
  NotFoundError,
  type Page,
  PlanTarget,
  requireId,
  searchKey,
  UnauthenticatedError,
  yearOf,
} from '@metrology/kit';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Enrolment, EnrolmentStatus } from '../enrolment/enrolment.entity';
import { assertMayReadCourse, courseManagedBy } from './course.access';
import { Course, type CourseKind, CourseSession, CourseStatus, CourseTrainer } from './course.entity';
import { courseByIdLoader } from './course.loaders';
import {
  attendancePercentOf,
  CLOSED_COURSE_STATUSES,
  type CourseFields,
  canMoveCourse,
  checkCourseFields,
  SEARCH_FOLD,
} from './course.rules';

/** A new course as a caller describes it. */
export interface NewCourse {
  code: string;
  title: string;
  kind: CourseKind;
  field: MetrologyField;
  venue: string;
  startDate: string;
  endDate: string;
  plannedHours: number;
  capacity: number;
  planCode: string;
  planYear?: number | null;
  minAttendanceRate?: number | null;
  passingScore?: number | null;
}

/** Changes to a course: absent (or null) fields stay, except `passingScore: null`, which removes the exam. */
export type CourseChanges = { [K in keyof NewCourse]?: NewCourse[K] | null };

export interface CourseFilter {
  planCode?: string | null;
  year?: number | null;
  status?: CourseStatus | null;
  search?: string | null;
  offset: number;
  limit: number;
}

export interface PageRequest {
  offset: number;
  limit: number;
}

const DEFAULT_MIN_ATTENDANCE_PERCENT = 80;

/** The fields compared and audited on update (never personal data: a course holds none). */
const AUDITED_FIELDS = [
  'code',
  'title',
  'kind',
  'field',
  'venue',
  'startDate',
  'endDate',
  'plannedHours',
  'capacity',
  'planCode',
  'planYear',
  'minAttendancePercent',
  'passingScore',
] as const;

async function assertPlanKnown(em: EntityManager, planCode: string): Promise<void> {
  if ((await em.count(PlanTarget, { planCode })) === 0) {
    throw new BadInputError(
      'planCode',
      `Không có kế hoạch "${planCode}" với chỉ tiêu bồi dưỡng.`,
      `There is no plan "${planCode}" with training targets.`,
    );
  }
}

async function assertCodeFree(em: EntityManager, code: string, exceptId?: string): Promise<void> {
  const existing = await em.findOne(Course, { code });
  if (existing && existing.id !== exceptId) {
    throw new ConflictError(`Mã khóa học "${code}" đã được dùng.`, `The course code "${code}" is already in use.`, {
      field: 'code',
      courseId: existing.id,
    });
  }
}

/** What may still be corrected on a COMPLETED or CANCELLED course: its wording, nothing it is counted or judged by. */
const CLOSED_COURSE_EDITABLE: readonly string[] = ['title', 'venue'];

/**
 * A closed course's dates, plan, completion rule and the rest are final: completions,
 * certificates and the TRAINING indicator rest on them. Its title and venue may still be
 * corrected.
 */
function assertClosedCourseChanges(course: Course, changedFields: readonly string[]): void {
  if (!CLOSED_COURSE_STATUSES.includes(course.status)) return;
  const refused = changedFields.filter((field) => !CLOSED_COURSE_EDITABLE.includes(field));
  if (refused.length === 0) return;
  throw new ConflictError(
    'Khóa học đã kết thúc hoặc đã hủy: chỉ có thể sửa tên và địa điểm.',
    `The course is ${course.status}: only its title and venue can still change (refused: ${refused.join(', ')}).`,
    { status: course.status, fields: refused },
  );
}
/** Courses: planning, listing, status and trainers (their sessions: `session.service.ts`). Knows no GraphQL. */
export const courseService = {
  /** A course the caller may read (NOT_FOUND, or FORBIDDEN for a trainee not enrolled in it). */
  async get(loaders: Loaders, identity: Identity, id: string): Promise<Course> {
    if (!identity.subject) throw new UnauthenticatedError();
    requireId('id', id);
    const course = await loaders.get(courseByIdLoader).load(id);
    if (!course) throw new NotFoundError('Course', id, 'khóa học');
    await assertMayReadCourse(loaders, identity, id);
    return course;
  },

  /** A course by a federation reference: null when it does not exist (or the id is malformed), refused like `get` otherwise. */
  async reference(loaders: Loaders, identity: Identity, id: string): Promise<Course | null> {
    if (!identity.subject) throw new UnauthenticatedError();
    const course = await loaders.get(courseByIdLoader).load(id);
    // A service identity only ever asks whether the course exists (the kit refuses it any other query).
    if (course && !isServiceIdentity(identity)) await assertMayReadCourse(loaders, identity, id);
    return course;
  },

  /** Courses matching the filter, latest first. */
  async list(em: EntityManager, filter: CourseFilter): Promise<Page<Course>> {
    const where: FilterQuery<Course> = {};
    if (filter.planCode) where.planCode = filter.planCode;
    if (filter.year !== null && filter.year !== undefined) where.planYear = filter.year;
    if (filter.status) where.status = filter.status;
    const qb = em.createQueryBuilder(Course, 'c').where(where);
    const key = filter.search ? searchKey(filter.search) : '';
    if (key) {
      const pattern = `%${likeEscape(key)}%`;
      const { from, to } = SEARCH_FOLD;
      qb.andWhere('(translate(c.code, ?, ?) like ? or translate(c.title, ?, ?) like ?)', [from, to, pattern, from, to, pattern]);
    }
    qb.orderBy({ startDate: 'desc', code: 'asc' }).offset(filter.offset).limit(filter.limit);
    const [items, total] = await qb.getResultAndCount();
    return { items, total, offset: filter.offset, limit: filter.limit };
  },

  /** The courses a trainer teaches, latest first. */
  async taughtBy(em: EntityManager, identity: Identity, page: PageRequest): Promise<Page<Course>> {
    if (!identity.subject) throw new UnauthenticatedError();
    const taught = await em.find(CourseTrainer, { subject: identity.subject });
    const [items, total] = await em.findAndCount(
      Course,
      { id: { $in: taught.map((trainer) => trainer.course.id) } },
      { orderBy: { startDate: 'desc', code: 'asc' }, offset: page.offset, limit: page.limit },
    );
    return { items, total, offset: page.offset, limit: page.limit };
  },

  /** Plans a course (status PLANNED). A trainer who creates it becomes one of its trainers. */
  create(em: EntityManager, identity: Identity, input: NewCourse): Promise<Course> {
    if (!identity.subject) throw new UnauthenticatedError();
    const subject = identity.subject;
    return inTransaction(em, async (tx) => {
      const fields = checkCourseFields({
        code: input.code,
        title: input.title,
        venue: input.venue,
        startDate: input.startDate,
        endDate: input.endDate,
        plannedHours: input.plannedHours,
        capacity: input.capacity,
        planCode: input.planCode,
        planYear: input.planYear ?? yearOf(input.startDate),
        minAttendancePercent:
          input.minAttendanceRate === null || input.minAttendanceRate === undefined
            ? DEFAULT_MIN_ATTENDANCE_PERCENT
            : attendancePercentOf(input.minAttendanceRate),
        passingScore: input.passingScore ?? null,
      });
      await assertPlanKnown(tx, fields.planCode);
      await assertCodeFree(tx, fields.code);
      const course = tx.create(Course, {
        id: randomUUID(),
        ...fields,
        kind: input.kind,
        field: input.field,
        status: CourseStatus.PLANNED,
        createdAt: new Date(),
        version: 1,
      });
      if (identity.roles.includes('trainer')) {
        tx.create(CourseTrainer, { course, subject, name: identity.name ?? subject });
      }
      audit(tx, identity, {
        entityType: 'Course',
        entityId: course.id,
        action: 'CREATED',
        changes: { code: course.code, status: course.status, startDate: course.startDate, endDate: course.endDate },
      });
      return course;
    });
  },

  /**
   * Changes a course (its trainers or an administrator), from the version the caller saw. The
   * sessions must still fit the dates and the enrolled trainees the capacity: the course row is
   * locked as `enrol` locks it, so that no trainee takes a seat between the count and the change.
   */
  update(em: EntityManager, identity: Identity, id: string, version: number, changes: CourseChanges): Promise<Course> {
    requireId('id', id);
    return inTransaction(em, async (tx) => {
      const course = await courseManagedBy(tx, identity, id, { lock: true });
      assertVersion(course, version, 'Khóa học', 'course');
      const next = checkCourseFields({
        code: changes.code ?? course.code,
        title: changes.title ?? course.title,
        venue: changes.venue ?? course.venue,
        startDate: changes.startDate ?? course.startDate,
        endDate: changes.endDate ?? course.endDate,
        plannedHours: changes.plannedHours ?? course.plannedHours,
        capacity: changes.capacity ?? course.capacity,
        planCode: changes.planCode ?? course.planCode,
        planYear: changes.planYear ?? course.planYear,
        minAttendancePercent:
          changes.minAttendanceRate === null || changes.minAttendanceRate === undefined
            ? course.minAttendancePercent
            : attendancePercentOf(changes.minAttendanceRate),
        passingScore: changes.passingScore === undefined ? course.passingScore : changes.passingScore,
      });
      const after: CourseFields & { kind: CourseKind; field: MetrologyField } = {
        ...next,
        kind: changes.kind ?? course.kind,
        field: changes.field ?? course.field,
      };
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      for (const name of AUDITED_FIELDS) {
        if (course[name] !== after[name]) changed[name] = { from: course[name], to: after[name] };
      }
      assertClosedCourseChanges(course, Object.keys(changed));
      if (next.code !== course.code) await assertCodeFree(tx, next.code, course.id);
      if (next.planCode !== course.planCode) await assertPlanKnown(tx, next.planCode);
      if (next.startDate !== course.startDate || next.endDate !== course.endDate) {
        const outside = await tx.find(
          CourseSession,
          { course, $or: [{ date: { $lt: next.startDate } }, { date: { $gt: next.endDate } }] },
          { orderBy: { date: 'asc' } },
        );
        if (outside.length > 0) {
          throw new ConflictError(
            `Có ${outside.length} buổi học nằm ngoài thời gian mới của khóa học; hãy dời hoặc xóa các buổi đó trước.`,
            `${outside.length} session(s) would fall outside the new course dates; move or remove them first.`,
            { sessionIds: outside.map((session) => session.id) },
          );
        }
      }
      if (next.capacity < course.capacity) {
        const seats = await tx.count(Enrolment, { course, status: { $ne: EnrolmentStatus.WITHDRAWN } });
        if (next.capacity < seats) {
          throw new ConflictError(
            `Khóa học đã có ${seats} học viên, nhiều hơn số tối đa mới (${next.capacity}).`,
            `The course already has ${seats} trainees, more than the new capacity (${next.capacity}).`,
            { enrolled: seats },
          );
        }
      }
      if (Object.keys(changed).length > 0) {
        tx.assign(course, after);
        audit(tx, identity, { entityType: 'Course', entityId: course.id, action: 'UPDATED', changes: changed });
      }
      return course;
    });
  },

  /** Moves a course along PLANNED → OPEN → RUNNING → COMPLETED, or to CANCELLED; anything else is CONFLICT. */
  setStatus(em: EntityManager, identity: Identity, id: string, status: CourseStatus): Promise<Course> {
    requireId('id', id);
    return inTransaction(em, async (tx) => {
      const course = await courseManagedBy(tx, identity, id);
      const from = course.status;
      if (!canMoveCourse(from, status)) {
        throw new ConflictError(
          `Không thể chuyển khóa học từ trạng thái ${from} sang ${status}.`,
          `A course cannot move from ${from} to ${status}.`,
          { from, to: status },
        );
      }
      course.status = status;
      audit(tx, identity, { entityType: 'Course', entityId: course.id, action: 'STATUS_CHANGED', changes: { from, to: status } });
      return course;
    });
  },

  /** Adds a trainer (by token subject) to a course. */
  addTrainer(em: EntityManager, identity: Identity, courseId: string, subject: string, name: string): Promise<Course> {
    requireId('courseId', courseId);
    return inTransaction(em, async (tx) => {
      const course = await tx.findOne(Course, { id: courseId });
      if (!course) throw new NotFoundError('Course', courseId, 'khóa học');
      const trainerSubject = subject.trim();
      const trainerName = name.trim();
      if (trainerSubject.length === 0 || trainerSubject.length > 200) {
        throw new BadInputError('subject', 'Mã người dùng của giảng viên không hợp lệ.', 'The trainer subject is not valid.');
      }
      if (trainerName.length === 0 || trainerName.length > 200) {
        throw new BadInputError(
          'name',
          'Tên giảng viên phải có từ 1 đến 200 ký tự.',
          'The trainer name must have 1 to 200 characters.',
        );
      }
      if (await tx.findOne(CourseTrainer, { course, subject: trainerSubject })) {
        throw new ConflictError('Người này đã là giảng viên của khóa học.', 'This person already teaches the course.', {
          subject: trainerSubject,
        });
      }
      tx.create(CourseTrainer, { course, subject: trainerSubject, name: trainerName });
      audit(tx, identity, {
        entityType: 'Course',
        entityId: course.id,
        action: 'TRAINER_ADDED',
        changes: { subject: trainerSubject },
      });
      return course;
    });
  },

  removeTrainer(em: EntityManager, identity: Identity, courseId: string, subject: string): Promise<Course> {
    requireId('courseId', courseId);
    return inTransaction(em, async (tx) => {
      const course = await tx.findOne(Course, { id: courseId });
      if (!course) throw new NotFoundError('Course', courseId, 'khóa học');
      const trainer = await tx.findOne(CourseTrainer, { course, subject });
      if (!trainer) throw new NotFoundError('Course trainer', subject, 'giảng viên của khóa học');
      tx.remove(trainer);
      audit(tx, identity, { entityType: 'Course', entityId: course.id, action: 'TRAINER_REMOVED', changes: { subject } });
      return course;
    });
  },
};
