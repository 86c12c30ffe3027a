import {
  BadInputError,
  ForbiddenActionError,
  formatDate,
  hasAnyRole,
  type Identity,
  NotFoundError,
  type Page,
  requireId,
  todayInVietnam,
} from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { courseManagedBy, teaches, traineeOf } from '../course/course.access';
import { Course, CourseSession } from '../course/course.entity';
import { Enrolment, EnrolmentStatus } from '../enrolment/enrolment.entity';
import type { Trainee } from '../trainee/trainee.entity';
import { managedSession } from './attendance.access';
import { AttendanceChange, AttendanceMark, AttendanceStatus } from './attendance.entity';
import { attendanceFacts } from './attendance.loaders';
import {
  AttendanceRisk,
  type AttendanceSummaryValue,
  type CompletionValue,
  decideCompletion,
  type RiskValue,
  riskOf,
  summarize,
} from './attendance.rules';

/** Reading attendance for trainers and trainees. Knows no GraphQL. */

export interface SheetRow {
  enrolment: Enrolment;
  trainee: Trainee;
  mark: AttendanceMark | null;
}

export interface SheetValue {
  session: CourseSession;
  held: boolean;
  rows: SheetRow[];
}

export interface RosterItem {
  enrolment: Enrolment;
  trainee: Trainee;
}

export interface AtRiskValue extends RiskValue {
  enrolment: Enrolment;
  trainee: Trainee;
  attendance: AttendanceSummaryValue;
}

export interface TraineeAttendanceValue {
  enrolment: Enrolment;
  course: Course;
  sessions: { session: CourseSession; mark: AttendanceMark | null; counts: boolean }[];
  attendance: AttendanceSummaryValue;
  completion: CompletionValue;
}

/** Trainees in name order (searchName: accent-free, so "Đặng" sorts with "Dang"), stable by id. */
const BY_TRAINEE_NAME = { trainee: { searchName: 'asc', fullName: 'asc' }, id: 'asc' } as const;

/**
 * The trainees of the session's course enrolled (not withdrawn) on or before its date, with their
 * mark for it: those who enrolled later cannot be marked on it (./enrolment-window.ts).
 */
export async function readSheet(em: EntityManager, session: CourseSession, today: string): Promise<SheetValue> {
  const enrolments = await em.find(
    Enrolment,
    { course: session.course.id, status: { $ne: EnrolmentStatus.WITHDRAWN }, enrolledOn: { $lte: session.date } },
    { populate: ['trainee'], orderBy: BY_TRAINEE_NAME },
  );
  const marks =
    enrolments.length === 0 ? [] : await em.find(AttendanceMark, { session: session.id, enrolment: { $in: enrolments } });
  const markOf = new Map(marks.map((mark) => [mark.enrolment.id, mark]));
  return {
    session,
    held: session.date <= today,
    rows: enrolments.map((enrolment) => ({ enrolment, trainee: enrolment.trainee, mark: markOf.get(enrolment.id) ?? null })),
  };
}

export async function sessionSheet(
  em: EntityManager,
  identity: Identity,
  sessionId: string,
  today: string = todayInVietnam(),
): Promise<SheetValue> {
  const { session } = await managedSession(em, identity, sessionId);
  return readSheet(em, session, today);
}

/** Trainees marked ABSENT or not marked at all for a held session, among those enrolled by then. */
export async function absentees(
  em: EntityManager,
  identity: Identity,
  sessionId: string,
  today: string = todayInVietnam(),
): Promise<SheetRow[]> {
  const { session } = await managedSession(em, identity, sessionId);
  if (session.date > today) {
    throw new BadInputError(
      'sessionId',
      `Buổi học ngày ${formatDate(session.date)} chưa diễn ra.`,
      `The session of ${session.date} has not taken place yet.`,
    );
  }
  const sheet = await readSheet(em, session, today);
  return sheet.rows.filter((row) => row.mark === null || row.mark.status === AttendanceStatus.ABSENT);
}

/** Every enrolment of the course (withdrawn ones too), in name order, one page. */
export async function courseRoster(
  em: EntityManager,
  identity: Identity,
  courseId: string,
  page: { offset: number; limit: number },
): Promise<Page<RosterItem>> {
  await courseManagedBy(em, identity, requireId('courseId', courseId));
  const [enrolments, total] = await em.findAndCount(
    Enrolment,
    { course: courseId },
    { populate: ['trainee'], orderBy: BY_TRAINEE_NAME, offset: page.offset, limit: page.limit },
  );
  return {
    items: enrolments.map((enrolment) => ({ enrolment, trainee: enrolment.trainee })),
    total,
    offset: page.offset,
    limit: page.limit,
  };
}

/** Enrolled trainees below the minimum rate, or who can no longer reach it; those who cannot first. */
export async function traineesAtRisk(
  em: EntityManager,
  identity: Identity,
  courseId: string,
  today: string = todayInVietnam(),
): Promise<AtRiskValue[]> {
  await courseManagedBy(em, identity, requireId('courseId', courseId));
  const enrolments = await em.find(
    Enrolment,
    { course: courseId, status: { $ne: EnrolmentStatus.WITHDRAWN } },
    { populate: ['trainee'], orderBy: BY_TRAINEE_NAME },
  );
  const facts = await attendanceFacts(
    em,
    enrolments.map((enrolment) => enrolment.id),
    today,
  );
  const atRisk: AtRiskValue[] = [];
  for (const enrolment of enrolments) {
    const row = facts.get(enrolment.id);
    const risk = row ? riskOf(row) : null;
    if (row && risk) atRisk.push({ enrolment, trainee: enrolment.trainee, attendance: summarize(row), ...risk });
  }
  // A stable sort keeps name order within each kind of risk.
  return atRisk.sort((a, b) => (a.risk === b.risk ? 0 : a.risk === AttendanceRisk.CANNOT_REACH_MINIMUM ? -1 : 1));
}

async function attendanceOf(em: EntityManager, enrolment: Enrolment, today: string): Promise<TraineeAttendanceValue> {
  const course = await em.findOneOrFail(Course, { id: enrolment.course.id });
  const sessions = await em.find(CourseSession, { course: course.id }, { orderBy: { date: 'asc', startTime: 'asc' } });
  const marks = await em.find(AttendanceMark, { enrolment: enrolment.id });
  const markOf = new Map(marks.map((mark) => [mark.session.id, mark]));
  const facts = (await attendanceFacts(em, [enrolment.id], today)).get(enrolment.id);
  if (!facts) throw new NotFoundError('Enrolment', enrolment.id, 'ghi danh');
  return {
    enrolment,
    course,
    sessions: sessions.map((session) => ({
      session,
      mark: markOf.get(session.id) ?? null,
      counts: session.date <= today && session.date >= enrolment.enrolledOn,
    })),
    attendance: summarize(facts),
    completion: decideCompletion(facts, today),
  };
}

/** The caller's own attendance in a course: FORBIDDEN without a trainee record, NOT_FOUND when not enrolled. */
export async function myAttendance(
  em: EntityManager,
  identity: Identity,
  courseId: string,
  today: string = todayInVietnam(),
): Promise<TraineeAttendanceValue> {
  requireId('courseId', courseId);
  const trainee = await traineeOf(em, identity);
  if (!trainee) throw new ForbiddenActionError('Your account is not linked to a trainee record.');
  const enrolment = await em.findOne(Enrolment, { course: courseId, trainee });
  if (!enrolment) throw new NotFoundError('Enrolment in course', courseId, 'ghi danh của bạn trong khóa học');
  return attendanceOf(em, enrolment, today);
}

/** One enrolment's attendance, for its trainee, its course's trainers and administrators. */
export async function enrolmentAttendance(
  em: EntityManager,
  identity: Identity,
  enrolmentId: string,
  today: string = todayInVietnam(),
): Promise<TraineeAttendanceValue> {
  const enrolment = await em.findOne(Enrolment, { id: requireId('enrolmentId', enrolmentId) }, { populate: ['trainee'] });
  if (!enrolment) throw new NotFoundError('Enrolment', enrolmentId, 'ghi danh');
  const allowed =
    hasAnyRole(identity, ['admin']) ||
    (identity.subject !== null && enrolment.trainee.subject === identity.subject) ||
    (await teaches(em, identity, enrolment.course.id));
  if (!allowed) {
    throw new ForbiddenActionError("Only the trainee, the course's trainers and administrators may see this attendance.");
  }
  return attendanceOf(em, enrolment, today);
}

/** Every change of an enrolment's marks (optionally of one session), oldest first. */
export async function attendanceHistory(
  em: EntityManager,
  identity: Identity,
  enrolmentId: string,
  sessionId?: string | null,
): Promise<AttendanceChange[]> {
  const enrolment = await em.findOne(Enrolment, { id: requireId('enrolmentId', enrolmentId) });
  if (!enrolment) throw new NotFoundError('Enrolment', enrolmentId, 'ghi danh');
  await courseManagedBy(em, identity, enrolment.course.id);
  return em.find(
    AttendanceChange,
    { enrolment: enrolment.id, ...(sessionId ? { session: requireId('sessionId', sessionId) } : {}) },
    { orderBy: { changedAt: 'asc', id: 'asc' } },
  );
}
