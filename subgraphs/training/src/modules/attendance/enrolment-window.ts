import { ConflictError, formatDate } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CourseSession } from '../course/course.entity';
import type { Enrolment } from '../enrolment/enrolment.entity';
import { AttendanceMark } from './attendance.entity';

/**
 * One rule for attendance and the enrolment date (docs/ARCHITECTURE.md, "Attendance and the
 * enrolment date"): a trainee is marked only on sessions held on or after the day they enrolled.
 * Every write path keeps it (marks by sheet, correction or CSV import; moving a session; changing
 * an enrolment's date on re-enrolment), and every count (rates, completion, participations, first
 * attended dates) ignores a mark before enrolment, so that a mark written before the rule or by
 * direct SQL is counted by no figure rather than by some.
 */

/** Whether a mark of this enrolment on this session would fall before its enrolment date. */
export function beforeEnrolment(enrolment: Pick<Enrolment, 'enrolledOn'>, session: Pick<CourseSession, 'date'>): boolean {
  return session.date < enrolment.enrolledOn;
}

/** Why a mark before enrolment is refused, naming the trainee and the session. */
export function beforeEnrolmentReason(
  traineeName: string,
  enrolledOn: string,
  sessionDate: string,
): { reason: string; reasonEn: string } {
  return {
    reason: `học viên ${traineeName} ghi danh ngày ${formatDate(enrolledOn)}, sau buổi học ngày ${formatDate(sessionDate)}: không điểm danh buổi học trước ngày ghi danh`,
    reasonEn: `${traineeName} enrolled on ${enrolledOn}, after the session of ${sessionDate}: no mark on a session held before the enrolment date`,
  };
}

/**
 * Refuses to move a session to a date before the enrolment date of a trainee already marked on
 * it (CONFLICT naming them). Call with the session row locked, as mark writers lock it.
 */
export async function assertSessionMoveKeepsMarks(tx: EntityManager, session: CourseSession, date: string): Promise<void> {
  const stranded = await tx.find(
    AttendanceMark,
    { session: session.id, enrolment: { enrolledOn: { $gt: date } } },
    { populate: ['enrolment', 'enrolment.trainee'], orderBy: { enrolment: { enrolledOn: 'asc', id: 'asc' } } },
  );
  if (stranded.length === 0) return;
  const trainees = stranded.map((mark) => ({
    enrolmentId: mark.enrolment.id,
    name: mark.enrolment.trainee.fullName,
    enrolledOn: mark.enrolment.enrolledOn,
  }));
  const vi = trainees.map((t) => `${t.name} (ghi danh ngày ${formatDate(t.enrolledOn)})`).join(', ');
  const en = trainees.map((t) => `${t.name} (enrolled on ${t.enrolledOn})`).join(', ');
  throw new ConflictError(
    `Không thể dời buổi học ngày ${formatDate(session.date)} sang ngày ${formatDate(date)}: buổi học đã có điểm danh của ${trainees.length} học viên ghi danh sau ngày đó: ${vi}.`,
    `The session of ${session.date} cannot move to ${date}: it holds marks of ${trainees.length} trainee(s) who enrolled after that date: ${en}.`,
    { reason: 'MARKS_BEFORE_ENROLMENT', sessionId: session.id, date, trainees },
  );
}

/** The date of the earliest session this enrolment has a mark on (of any status), or null. */
export async function earliestMarkedSession(tx: EntityManager, enrolmentId: string): Promise<string | null> {
  const [row] = await tx.execute<{ date: string | null }[]>(
    `select to_char(min(s.date), 'YYYY-MM-DD') as date
     from attendance_mark m join course_session s on s.id = m.session_id
     where m.enrolment_id = ?`,
    [enrolmentId],
  );
  return row?.date ?? null;
}

/** Refuses an enrolment date after a session the enrolment already has a mark on (CONFLICT). */
export function assertEnrolmentDateKeepsMarks(
  enrolment: Pick<Enrolment, 'id'>,
  traineeName: string,
  date: string,
  earliestMarked: string | null,
): void {
  if (earliestMarked === null || earliestMarked >= date) return;
  throw new ConflictError(
    `Không thể ghi danh học viên ${traineeName} từ ngày ${formatDate(date)}: học viên đã có điểm danh buổi học ngày ${formatDate(earliestMarked)}. Chọn ngày ghi danh không muộn hơn ngày đó.`,
    `${traineeName} cannot be enrolled from ${date}: they already have a mark on the session of ${earliestMarked}. Choose an enrolment date on or before it.`,
    { reason: 'MARKS_BEFORE_ENROLMENT', enrolmentId: enrolment.id, enrolledOn: date, earliestMarkedSession: earliestMarked },
  );
}
