/**
 * Arrange helpers for the attendance tests: a class (course, sessions relative to today, enrolled
 * trainees) written straight through the ORM, marks in bulk, and small readers of the database
 * to check what a mutation did or did not write.
 */
import { addDays } from '@metrology/kit';
import type { GraphQLResponse, TestSubgraph } from '@metrology/kit/testing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AttendanceChange, AttendanceMark, type AttendanceStatus } from '../src/modules/attendance/attendance.entity';
import type { Course, CourseSession } from '../src/modules/course/course.entity';
import type { Enrolment } from '../src/modules/enrolment/enrolment.entity';
import type { Trainee } from '../src/modules/trainee/trainee.entity';
import { addSessions, createCourse, createTrainee, enrol, today } from './fixtures';

export const TRAINER = 'test-trainer';

export interface Classroom {
  course: Course;
  /** Sessions in the order of `sessionDays`. */
  sessions: CourseSession[];
  trainees: Trainee[];
  /** Enrolments in the order of `names`. */
  enrolments: Enrolment[];
}

export interface ClassroomOptions {
  /** Full names of the trainees. */
  names?: string[];
  /** Session dates as days from today (negative: past, 0: today, positive: to come). */
  sessionDays?: number[];
  course?: Partial<Course> & { trainers?: { subject: string; name: string }[] };
  /** Trainee fields per name index (subject, citizenId…). */
  trainee?: (index: number) => Partial<Trainee>;
}

/** A course taught by `test-trainer` from 10 days ago to 10 days ahead, with sessions and trainees. */
export async function classroom(em: EntityManager, options: ClassroomOptions = {}): Promise<Classroom> {
  const { names = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường'], sessionDays = [-9, -7, -5, 3] } = options;
  const course = await createCourse(em, options.course);
  const sessions = await addSessions(
    em,
    course,
    sessionDays.map((days) => addDays(today(), days)),
  );
  const trainees: Trainee[] = [];
  const enrolments: Enrolment[] = [];
  for (const [index, fullName] of names.entries()) {
    const trainee = await createTrainee(em, { fullName, ...options.trainee?.(index) });
    trainees.push(trainee);
    enrolments.push(await enrol(em, course, trainee));
  }
  return { course, sessions, trainees, enrolments };
}

/** Marks in bulk (one insert), for large rosters. */
export async function markAll(
  em: EntityManager,
  marks: { enrolment: Enrolment; session: CourseSession; status: AttendanceStatus }[],
): Promise<void> {
  await em.insertMany(
    AttendanceMark,
    marks.map(({ enrolment, session, status }) => ({
      enrolment: enrolment.id,
      session: session.id,
      status,
      note: null,
      recordedBy: 'fixture',
      recordedAt: new Date(),
      version: 1,
    })),
  );
}

/** The marks of a session as stored, by enrolment id. */
export async function storedMarks(subgraph: TestSubgraph, session: CourseSession): Promise<Map<string, AttendanceMark>> {
  const marks = await subgraph.database.orm.em.fork().find(AttendanceMark, { session: session.id });
  return new Map(marks.map((mark) => [mark.enrolment.id, mark]));
}

/** History rows of a session as stored, oldest first. */
export async function storedChanges(subgraph: TestSubgraph, session: CourseSession): Promise<AttendanceChange[]> {
  return subgraph.database.orm.em.fork().find(AttendanceChange, { session: session.id }, { orderBy: { id: 'asc' } });
}

/** The `extensions` of the first error. */
export function errorOf(result: GraphQLResponse): Record<string, unknown> | undefined {
  return result.errors?.[0]?.extensions;
}

export const RECORD_SHEET = /* GraphQL */ `
  mutation($input: AttendanceSheetInput!) {
    recordAttendanceSheet(input: $input) {
      created changed unchanged
      sheet {
        held
        session { id date }
        rows { trainee { fullName } enrolment { id } mark { status note recordedBy version } }
      }
    }
  }
`;

export const CORRECT_MARK = /* GraphQL */ `
  mutation($sessionId: ID!, $enrolmentId: ID!, $status: AttendanceStatus!, $note: String, $version: Int) {
    correctAttendanceMark(sessionId: $sessionId, enrolmentId: $enrolmentId, status: $status, note: $note, version: $version) {
      status note version sessionId enrolmentId recordedBy
    }
  }
`;

export const IMPORT_CSV = /* GraphQL */ `
  mutation($sessionId: ID!, $csv: String!, $mode: ImportMode) {
    importAttendanceCsv(sessionId: $sessionId, csv: $csv, mode: $mode) {
      mode rows imported created changed unchanged
      rejected { row name enrolmentId reason reasonEn }
    }
  }
`;

export const SUMMARY_FIELDS = 'enrolmentId held present late excused absent unmarked attended counted rate upcoming excusedAhead';
