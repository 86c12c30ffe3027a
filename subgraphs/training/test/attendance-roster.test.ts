import { identityOf, StatementCounter, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { AttendanceStatus } from '../src/modules/attendance/attendance.entity';
import { type Classroom, classroom, markAll, SUMMARY_FIELDS, TRAINER } from './attendance.fixtures';
import { today, vietnameseNames } from './fixtures';

const trainer = identityOf('trainer', TRAINER);
const STATUSES = [AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED];

const ROSTER = /* GraphQL */ `
  query($courseId: ID!) {
    courseRoster(courseId: $courseId, limit: 200) {
      total
      items {
        trainee { id fullName }
        enrolment { id status attendance { rate } completion { state } }
        attendance { ${SUMMARY_FIELDS} }
        completion { state reason }
      }
    }
  }
`;

const SHEET = /* GraphQL */ `
  query($sessionId: ID!) {
    sessionSheet(sessionId: $sessionId) { held rows { trainee { fullName } enrolment { id } mark { status version } } }
  }
`;

const AT_RISK = /* GraphQL */ `
  query($courseId: ID!) { traineesAtRisk(courseId: $courseId) { trainee { fullName } risk attendance { rate } } }
`;

/** A class of `trainees` × `sessions` (sessions from 9 days ago on, one a day), every held session marked. */
async function markedClass(subgraph: TestSubgraph, trainees: number, sessions: number): Promise<Classroom> {
  const room = await classroom(subgraph.database.orm.em.fork(), {
    names: vietnameseNames(trainees),
    sessionDays: Array.from({ length: sessions }, (_, i) => i - 9),
  });
  const held = room.sessions.filter((session) => session.date <= today());
  await markAll(
    subgraph.database.orm.em.fork(),
    room.enrolments.flatMap((enrolment, t) =>
      held.map((session, s) => ({ enrolment, session, status: STATUSES[(t + s) % STATUSES.length] })),
    ),
  );
  return room;
}

describe('attendance reads cost a constant number of SQL statements (no N+1)', () => {
  const counter = new StatementCounter();
  let subgraph: TestSubgraph;
  let small: Classroom;
  let large: Classroom;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph, { onQuery: counter.onQuery });
    small = await markedClass(subgraph, 5, 3);
    large = await markedClass(subgraph, 40, 20);
  });
  afterAll(() => subgraph?.stop());

  async function statements(query: string, variables: Record<string, unknown>): Promise<{ count: number; data: unknown }> {
    counter.reset();
    const result = await subgraph.execute({ query, variables }, trainer);
    expect(result.errors).toBeUndefined();
    return { count: counter.count, data: result.data };
  }

  it('courseRoster with trainee names, summaries and completion: 40 × 20 costs what 5 × 3 costs', async () => {
    const few = await statements(ROSTER, { courseId: small.course.id });
    const many = await statements(ROSTER, { courseId: large.course.id });

    const items = (many.data as { courseRoster: { total: number; items: { attendance: { held: number; upcoming: number } }[] } })
      .courseRoster;
    expect(items.total).toBe(40);
    expect(items.items.every((item) => item.attendance.held === 10 && item.attendance.upcoming === 10)).toBe(true);
    expect(many.count).toBe(few.count);
    // Course, trainer check, enrolments with trainees, total, who may see, summaries, completion: 7 today.
    expect(few.count).toBeGreaterThan(0);
    expect(few.count).toBeLessThanOrEqual(8);
  });

  it('sessionSheet and traineesAtRisk: the same number of statements for 40 trainees as for 5', async () => {
    const sheetFew = await statements(SHEET, { sessionId: small.sessions[0].id });
    const sheetMany = await statements(SHEET, { sessionId: large.sessions[0].id });
    const riskFew = await statements(AT_RISK, { courseId: small.course.id });
    const riskMany = await statements(AT_RISK, { courseId: large.course.id });

    expect(sheetMany.count).toBe(sheetFew.count);
    expect(riskMany.count).toBe(riskFew.count);
  });
});
