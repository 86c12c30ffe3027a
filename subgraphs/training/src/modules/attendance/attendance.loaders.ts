import { defineLoader, todayInVietnam } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CourseSession } from '../course/course.entity';
import type { EnrolmentStatus } from '../enrolment/enrolment.entity';
import {
  type AttendanceFacts,
  type AttendanceSummaryValue,
  type CompletionValue,
  decideCompletion,
  summarize,
} from './attendance.rules';

interface FactsRow {
  enrolmentId: string;
  enrolmentStatus: EnrolmentStatus;
  examScore: string | null;
  courseEndDate: string;
  minAttendancePercent: number;
  passingScore: string | null;
  held: number;
  present: number;
  late: number;
  excused: number;
  absent: number;
  unmarked: number;
  upcoming: number;
  excusedAhead: number;
}

/**
 * One aggregate over sessions and marks, whatever the number of enrolments: the sessions that
 * count for an enrolment are those of its course from its enrolment date on; a session is held
 * when its date has come. Marks are never loaded into memory.
 */
const FACTS_SQL = `
select e.id as "enrolmentId", e.status as "enrolmentStatus", e.exam_score as "examScore",
  c.end_date::text as "courseEndDate", c.min_attendance_percent as "minAttendancePercent",
  c.passing_score as "passingScore",
  count(s.id) filter (where s.date <= t.today)::int as "held",
  count(m.id) filter (where s.date <= t.today and m.status = 'PRESENT')::int as "present",
  count(m.id) filter (where s.date <= t.today and m.status = 'LATE')::int as "late",
  count(m.id) filter (where s.date <= t.today and m.status = 'EXCUSED')::int as "excused",
  count(m.id) filter (where s.date <= t.today and m.status = 'ABSENT')::int as "absent",
  count(s.id) filter (where s.date <= t.today and m.id is null)::int as "unmarked",
  count(s.id) filter (where s.date > t.today)::int as "upcoming",
  count(m.id) filter (where s.date > t.today and m.status = 'EXCUSED')::int as "excusedAhead"
from enrolment e
cross join (select ?::date as today) t
join course c on c.id = e.course_id
left join course_session s on s.course_id = e.course_id and s.date >= e.enrolled_on
left join attendance_mark m on m.enrolment_id = e.id and m.session_id = s.id
where e.id in (?)
group by e.id, c.id, t.today`;

/** Attendance counts and completion inputs of each enrolment, as of `today`, in one statement. */
export async function attendanceFacts(
  em: EntityManager,
  enrolmentIds: readonly string[],
  today: string = todayInVietnam(),
): Promise<Map<string, AttendanceFacts>> {
  if (enrolmentIds.length === 0) return new Map();
  const rows = await em.execute<FactsRow[]>(FACTS_SQL, [today, [...enrolmentIds]]);
  return new Map(
    rows.map((row) => [
      row.enrolmentId,
      {
        ...row,
        examScore: row.examScore === null ? null : Number(row.examScore),
        passingScore: row.passingScore === null ? null : Number(row.passingScore),
      },
    ]),
  );
}

function missing(enrolmentId: string): Error {
  return new Error(`enrolment ${enrolmentId} not found`);
}

/** Attendance summary (held, present, late, excused, absent, unmarked, rate) by enrolment id. */
export const attendanceSummaryLoader = defineLoader<string, AttendanceSummaryValue>({
  name: 'attendanceSummary',
  async batch(em, enrolmentIds) {
    const facts = await attendanceFacts(em, enrolmentIds);
    return enrolmentIds.map((id) => {
      const row = facts.get(id);
      return row ? summarize(row) : missing(id);
    });
  },
});

/** Completion state and its reason by enrolment id, as of today. */
export const completionLoader = defineLoader<string, CompletionValue>({
  name: 'attendanceCompletion',
  async batch(em, enrolmentIds) {
    const today = todayInVietnam();
    const facts = await attendanceFacts(em, enrolmentIds, today);
    return enrolmentIds.map((id) => {
      const row = facts.get(id);
      return row ? decideCompletion(row, today) : missing(id);
    });
  },
});

/** Who may read an enrolment's attendance besides administrators: its trainee and its course's trainers. */
export interface EnrolmentViewers {
  ownerSubject: string | null;
  trainerSubjects: string[];
}

interface ViewersRow {
  enrolmentId: string;
  ownerSubject: string | null;
  trainerSubjects: string[] | null;
}

export const enrolmentViewersLoader = defineLoader<string, EnrolmentViewers>({
  name: 'attendanceEnrolmentViewers',
  async batch(em, enrolmentIds) {
    const rows = await em.execute<ViewersRow[]>(
      `select e.id as "enrolmentId", t.subject as "ownerSubject",
         array_remove(array_agg(ct.subject), null) as "trainerSubjects"
       from enrolment e
       join trainee t on t.id = e.trainee_id
       left join course_trainer ct on ct.course_id = e.course_id
       where e.id in (?)
       group by e.id, t.id`,
      [[...enrolmentIds]],
    );
    const byId = new Map(rows.map((row) => [row.enrolmentId, row]));
    return enrolmentIds.map((id) => {
      const row = byId.get(id);
      return row ? { ownerSubject: row.ownerSubject, trainerSubjects: row.trainerSubjects ?? [] } : missing(id);
    });
  },
});

/** Sessions by id (the session of a history entry). */
export const attendanceSessionLoader = defineLoader<string, CourseSession>({
  name: 'attendanceSession',
  async batch(em, sessionIds) {
    const sessions = await em.find(CourseSession, { id: { $in: [...sessionIds] } });
    const byId = new Map(sessions.map((session) => [session.id, session]));
    return sessionIds.map((id) => byId.get(id) ?? new Error(`session ${id} not found`));
  },
});
