import { addDays } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { AttendanceStatus } from '../src/modules/attendance/attendance.entity';
import { classroom, errorOf, SUMMARY_FIELDS, TRAINER } from './attendance.fixtures';
import { createTrainee, enrol, mark, today } from './fixtures';

const trainer = identityOf('trainer', TRAINER);
const { PRESENT, LATE, EXCUSED, ABSENT } = AttendanceStatus;

const ROSTER = /* GraphQL */ `
  query($courseId: ID!, $offset: Int, $limit: Int) {
    courseRoster(courseId: $courseId, offset: $offset, limit: $limit) {
      total offset limit
      items {
        trainee { fullName }
        enrolment { id status attendance { rate } }
        attendance { ${SUMMARY_FIELDS} }
        completion { state reason reasonEn }
      }
    }
  }
`;

const ABSENTEES = /* GraphQL */ `
  query($sessionId: ID!) { absentees(sessionId: $sessionId) { trainee { fullName } mark { status } } }
`;

const AT_RISK = /* GraphQL */ `
  query($courseId: ID!) {
    traineesAtRisk(courseId: $courseId) { trainee { fullName } risk bestPossibleRate attendance { rate } }
  }
`;

const TRAINEE_ATTENDANCE = `
  enrolment { id }
  course { id }
  sessions { session { id date } mark { status } counts }
  attendance { ${SUMMARY_FIELDS} }
  completion { state }
`;
const MY_ATTENDANCE = /* GraphQL */ `query($courseId: ID!) { myAttendance(courseId: $courseId) { ${TRAINEE_ATTENDANCE} } }`;
const ENROLMENT_ATTENDANCE = /* GraphQL */ `query($id: ID!) { enrolmentAttendance(enrolmentId: $id) { ${TRAINEE_ATTENDANCE} } }`;

type Summary = Record<string, number | string | null>;
type RosterData = {
  courseRoster: {
    total: number;
    items: {
      trainee: { fullName: string };
      enrolment: { id: string; status: string; attendance: { rate: number | null } };
      attendance: Summary;
      completion: { state: string; reason: string; reasonEn: string };
    }[];
  };
};

describe('attendance rate, roster, absentees, risk and own attendance', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();
  const roster = async (courseId: string) => {
    const result = await subgraph.execute<RosterData>({ query: ROSTER, variables: { courseId } }, trainer);
    expect(result.errors).toBeUndefined();
    return result.data?.courseRoster.items ?? [];
  };

  it('counts a held session without a mark as absent: 2 present of 4 held is 0.5', async () => {
    const fork = em();
    const { course, sessions, enrolments } = await classroom(fork, {
      names: ['Nguyễn Văn An'],
      sessionDays: [-9, -7, -5, -3, 4],
    });
    await mark(fork, enrolments[0], sessions[0], PRESENT);
    await mark(fork, enrolments[0], sessions[1], LATE);
    await mark(fork, enrolments[0], sessions[2], ABSENT);

    const [entry] = await roster(course.id);

    expect(entry.attendance).toMatchObject({
      held: 4,
      present: 1,
      late: 1,
      absent: 1,
      unmarked: 1,
      attended: 2,
      counted: 4,
      rate: 0.5,
    });
    expect(entry.attendance).toMatchObject({ upcoming: 1, excusedAhead: 0 });
    expect(entry.enrolment.attendance.rate).toBe(0.5);
  });

  it('leaves the rate null, not zero, when no session has been held yet', async () => {
    const fork = em();
    const { course, sessions, enrolments } = await classroom(fork, {
      names: ['Trần Thị Bình'],
      sessionDays: [2, 3],
      course: { startDate: addDays(today(), 1), endDate: addDays(today(), 5) },
    });
    await mark(fork, enrolments[0], sessions[0], EXCUSED);

    const [entry] = await roster(course.id);

    expect(entry.attendance).toMatchObject({ held: 0, counted: 0, rate: null, upcoming: 2, excusedAhead: 1 });
    expect(entry.completion.state).toBe('IN_PROGRESS');
  });

  it('takes EXCUSED out of the denominator: 2 present, 1 excused, 1 absent of 4 held is 2/3', async () => {
    const fork = em();
    const { course, sessions, enrolments } = await classroom(fork, { names: ['Lê Văn Cường'], sessionDays: [-9, -7, -5, -3] });
    await mark(fork, enrolments[0], sessions[0], PRESENT);
    await mark(fork, enrolments[0], sessions[1], PRESENT);
    await mark(fork, enrolments[0], sessions[2], EXCUSED);
    await mark(fork, enrolments[0], sessions[3], ABSENT);

    const [entry] = await roster(course.id);

    expect(entry.attendance).toMatchObject({ held: 4, excused: 1, counted: 3, attended: 2, rate: 0.6667 });
  });

  it('is null when every held session is excused, and counts only sessions from the enrolment date on', async () => {
    const fork = em();
    const { course, sessions, enrolments } = await classroom(fork, { names: ['Phạm Thị Dung'], sessionDays: [-9, -7, -2] });
    await mark(fork, enrolments[0], sessions[0], EXCUSED);
    await mark(fork, enrolments[0], sessions[1], EXCUSED);
    await mark(fork, enrolments[0], sessions[2], EXCUSED);
    const late = await createTrainee(fork, { fullName: 'Vũ Văn Em' });
    await enrol(fork, course, late, { enrolledOn: addDays(today(), -3) });

    const entries = await roster(course.id);

    expect(entries.find((e) => e.trainee.fullName === 'Phạm Thị Dung')?.attendance).toMatchObject({
      held: 3,
      counted: 0,
      rate: null,
    });
    expect(entries.find((e) => e.trainee.fullName === 'Vũ Văn Em')?.attendance).toMatchObject({ held: 1, unmarked: 1, rate: 0 });
  });

  it('pages the roster in name order with the total', async () => {
    const { course } = await classroom(em(), { names: ['Trần C', 'Đỗ B', 'An A', 'Bùi D'] });
    const result = await subgraph.execute<RosterData>(
      { query: ROSTER, variables: { courseId: course.id, offset: 1, limit: 2 } },
      trainer,
    );
    expect(result.data?.courseRoster.total).toBe(4);
    expect(result.data?.courseRoster.items.map((item) => item.trainee.fullName)).toEqual(['Bùi D', 'Đỗ B']);
  });

  it('lists as absentees of a held session those marked ABSENT and those not marked; a session to come is BAD_USER_INPUT', async () => {
    const fork = em();
    const { sessions, enrolments } = await classroom(fork, {
      names: ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường', 'Hồ Thu Hà'],
    });
    await mark(fork, enrolments[0], sessions[0], PRESENT);
    await mark(fork, enrolments[1], sessions[0], ABSENT);
    await mark(fork, enrolments[3], sessions[0], EXCUSED);

    const result = await subgraph.execute<{ absentees: { trainee: { fullName: string }; mark: { status: string } | null }[] }>(
      { query: ABSENTEES, variables: { sessionId: sessions[0].id } },
      trainer,
    );
    const future = await subgraph.execute({ query: ABSENTEES, variables: { sessionId: sessions[3].id } }, trainer);

    expect(result.data?.absentees).toEqual([
      { trainee: { fullName: 'Lê Hoàng Cường' }, mark: null },
      { trainee: { fullName: 'Trần Thị Bình' }, mark: { status: 'ABSENT' } },
    ]);
    expect(errorOf(future)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sessionId' });
  });

  it('says who is below the minimum and who can no longer reach it', async () => {
    const fork = em();
    // 4 held, 2 to come; minimum 80 %.
    const { course, sessions, enrolments } = await classroom(fork, {
      names: ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường'],
      sessionDays: [-9, -7, -5, -3, 2, 4],
    });
    for (const session of sessions.slice(0, 4)) await mark(fork, enrolments[0], session, PRESENT);
    // 3/4 now (below), 5/6 at best (reachable).
    for (const session of sessions.slice(0, 3)) await mark(fork, enrolments[1], session, PRESENT);
    await mark(fork, enrolments[1], sessions[3], ABSENT);
    // 2/4 now, 4/6 at best: cannot reach 80 %.
    await mark(fork, enrolments[2], sessions[0], PRESENT);
    await mark(fork, enrolments[2], sessions[1], PRESENT);

    const result = await subgraph.execute<{
      traineesAtRisk: { trainee: { fullName: string }; risk: string; bestPossibleRate: number; attendance: { rate: number } }[];
    }>({ query: AT_RISK, variables: { courseId: course.id } }, trainer);

    expect(result.errors).toBeUndefined();
    expect(result.data?.traineesAtRisk).toEqual([
      {
        trainee: { fullName: 'Lê Hoàng Cường' },
        risk: 'CANNOT_REACH_MINIMUM',
        bestPossibleRate: 0.6667,
        attendance: { rate: 0.5 },
      },
      { trainee: { fullName: 'Trần Thị Bình' }, risk: 'BELOW_MINIMUM', bestPossibleRate: 0.8333, attendance: { rate: 0.75 } },
    ]);
  });

  it('lets a trainee read their own attendance per session, and refuses them another trainee’s (FORBIDDEN)', async () => {
    const fork = em();
    const { course, sessions, enrolments } = await classroom(fork, {
      names: ['Nguyễn Văn An', 'Trần Thị Bình'],
      trainee: (index) => ({ subject: `trainee-${index}-${Date.now()}` }),
    });
    await mark(fork, enrolments[0], sessions[0], PRESENT);
    const owner = identityOf('trainee', enrolments[0].trainee.subject ?? '');

    const mine = await subgraph.execute<{
      myAttendance: {
        enrolment: { id: string };
        sessions: { mark: { status: string } | null; counts: boolean }[];
        attendance: Summary;
        completion: { state: string };
      };
    }>({ query: MY_ATTENDANCE, variables: { courseId: course.id } }, owner);
    const ownById = await subgraph.execute({ query: ENROLMENT_ATTENDANCE, variables: { id: enrolments[0].id } }, owner);
    const others = await subgraph.execute({ query: ENROLMENT_ATTENDANCE, variables: { id: enrolments[1].id } }, owner);
    const byTrainer = await subgraph.execute({ query: ENROLMENT_ATTENDANCE, variables: { id: enrolments[1].id } }, trainer);

    expect(mine.errors).toBeUndefined();
    expect(mine.data?.myAttendance.enrolment.id).toBe(enrolments[0].id);
    expect(mine.data?.myAttendance.sessions.map((s) => [s.mark?.status ?? null, s.counts])).toEqual([
      ['PRESENT', true],
      [null, true],
      [null, true],
      [null, false],
    ]);
    expect(mine.data?.myAttendance.attendance).toMatchObject({ held: 3, attended: 1, unmarked: 2, rate: 0.3333 });
    expect(mine.data?.myAttendance.completion.state).toBe('IN_PROGRESS');
    expect(ownById.errors).toBeUndefined();
    expect(errorOf(others)?.code).toBe('FORBIDDEN');
    expect(byTrainer.errors).toBeUndefined();
  });

  it('answers myAttendance with NOT_FOUND for a course the trainee is not in, FORBIDDEN without a trainee record', async () => {
    const fork = em();
    const { course } = await classroom(fork, { names: ['Nguyễn Văn An'] });
    const outsider = await createTrainee(fork, { fullName: 'Đỗ Văn Khách', subject: `outsider-${Date.now()}` });

    const notEnrolled = await subgraph.execute(
      { query: MY_ATTENDANCE, variables: { courseId: course.id } },
      identityOf('trainee', outsider.subject ?? ''),
    );
    const noRecord = await subgraph.execute(
      { query: MY_ATTENDANCE, variables: { courseId: course.id } },
      identityOf('trainee', 'nobody'),
    );

    expect(errorOf(notEnrolled)?.code).toBe('NOT_FOUND');
    expect(errorOf(noRecord)?.code).toBe('FORBIDDEN');
  });

  it('keeps rosters, sheets and risks to the course’s trainers and administrators', async () => {
    const { course, sessions } = await classroom(em(), { names: ['Nguyễn Văn An'] });
    const other = identityOf('trainer', 'another-trainer');

    const rosterByOther = await subgraph.execute({ query: ROSTER, variables: { courseId: course.id } }, other);
    const riskByOther = await subgraph.execute({ query: AT_RISK, variables: { courseId: course.id } }, other);
    const absenteesByViewer = await subgraph.execute(
      { query: ABSENTEES, variables: { sessionId: sessions[0].id } },
      identityOf('viewer'),
    );
    const rosterByAdmin = await subgraph.execute({ query: ROSTER, variables: { courseId: course.id } }, identityOf('admin'));

    expect(errorOf(rosterByOther)?.code).toBe('FORBIDDEN');
    expect(errorOf(riskByOther)?.code).toBe('FORBIDDEN');
    expect(errorOf(absenteesByViewer)?.code).toBe('FORBIDDEN');
    expect(rosterByAdmin.errors).toBeUndefined();
  });
});
