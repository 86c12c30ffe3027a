import { AuditEvent, addDays } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { AttendanceStatus } from '../src/modules/attendance/attendance.entity';
import { Course } from '../src/modules/course/course.entity';
import { Enrolment, EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { classroom, errorOf, markAll, TRAINER } from './attendance.fixtures';
import { today } from './fixtures';

const trainer = identityOf('trainer', TRAINER);
const { PRESENT, ABSENT, EXCUSED } = AttendanceStatus;

const COMPLETE = /* GraphQL */ `
  mutation($courseId: ID!) {
    completeCourse(courseId: $courseId) { course { id status } completed notCompleted withdrawn }
  }
`;

const ROSTER = /* GraphQL */ `
  query($courseId: ID!) {
    courseRoster(courseId: $courseId) { items { trainee { fullName } completion { state reason reasonEn } } }
  }
`;

/** A course that ended yesterday, five sessions, an exam with passing score 5. */
async function endedCourse(em: () => ReturnType<TestSubgraph['database']['orm']['em']['fork']>) {
  const names = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường', 'Phạm Thị Dung', 'Hồ Văn Em'];
  const room = await classroom(em(), {
    names,
    sessionDays: [-20, -18, -16, -14, -12],
    course: { startDate: addDays(today(), -21), endDate: addDays(today(), -1), passingScore: 5 },
  });
  const [an, binh, cuong, dung, em5] = room.enrolments;
  const all = (enrolment: Enrolment, statuses: AttendanceStatus[]) =>
    statuses.map((status, index) => ({ enrolment, session: room.sessions[index], status }));
  await markAll(em(), [
    // 4/5 = 80 %, score 7: completes.
    ...all(an, [PRESENT, PRESENT, PRESENT, PRESENT, ABSENT]),
    // 4/4 with one excused, score 4.99: fails on the score.
    ...all(binh, [PRESENT, PRESENT, EXCUSED, PRESENT, PRESENT]),
    // 3/5 = 60 %, score 9: fails on attendance.
    ...all(cuong, [PRESENT, PRESENT, PRESENT, ABSENT, ABSENT]),
    // 5/5 but withdrew.
    ...all(dung, [PRESENT, PRESENT, PRESENT, PRESENT, PRESENT]),
    // 4/5 and no score: fails, the course has an exam.
    ...all(em5, [PRESENT, PRESENT, PRESENT, PRESENT, ABSENT]),
  ]);
  const fork = em();
  const scores: [Enrolment, number | null, EnrolmentStatus][] = [
    [an, 7, EnrolmentStatus.ENROLLED],
    [binh, 4.99, EnrolmentStatus.ENROLLED],
    [cuong, 9, EnrolmentStatus.ENROLLED],
    [dung, 8, EnrolmentStatus.WITHDRAWN],
    [em5, null, EnrolmentStatus.ENROLLED],
  ];
  for (const [enrolment, examScore, status] of scores) {
    fork.assign(await fork.findOneOrFail(Enrolment, { id: enrolment.id }), { examScore, status });
  }
  await fork.flush();
  return room;
}

describe('course completion', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();

  it('refuses to complete a course before its end date has passed (CONFLICT), the end date itself included', async () => {
    const running = await classroom(em());
    const endsToday = await classroom(em(), { sessionDays: [-3], course: { startDate: addDays(today(), -5), endDate: today() } });

    const before = await subgraph.execute({ query: COMPLETE, variables: { courseId: running.course.id } }, trainer);
    const onEndDate = await subgraph.execute({ query: COMPLETE, variables: { courseId: endsToday.course.id } }, trainer);

    expect(errorOf(before)?.code).toBe('CONFLICT');
    expect(errorOf(onEndDate)?.code).toBe('CONFLICT');
    const stored = await em().findOneOrFail(Course, { id: running.course.id });
    expect(stored.status).toBe('RUNNING');
    expect(await em().count(Enrolment, { course: running.course.id, status: EnrolmentStatus.ENROLLED })).toBe(3);
  });

  it('states each enrolment against the rule, with the reason, before completing', async () => {
    const room = await endedCourse(em);

    const result = await subgraph.execute<{
      courseRoster: {
        items: { trainee: { fullName: string }; completion: { state: string; reason: string; reasonEn: string } }[];
      };
    }>({ query: ROSTER, variables: { courseId: room.course.id } }, trainer);

    expect(result.errors).toBeUndefined();
    const byName = Object.fromEntries(
      result.data?.courseRoster.items.map((item) => [item.trainee.fullName, item.completion]) ?? [],
    );
    expect(byName['Nguyễn Văn An']).toMatchObject({
      state: 'ELIGIBLE',
      reasonEn: 'Eligible: attendance 80% ≥ 80%; exam score 7 ≥ 5.',
    });
    expect(byName['Trần Thị Bình']).toMatchObject({
      state: 'NOT_ELIGIBLE',
      reasonEn: 'Not eligible: exam score 4.99 is below the passing score 5.',
    });
    expect(byName['Lê Hoàng Cường']).toMatchObject({
      state: 'NOT_ELIGIBLE',
      reasonEn: 'Not eligible: attendance 60% is below the minimum 80%.',
    });
    expect(byName['Phạm Thị Dung'].state).toBe('WITHDRAWN');
    expect(byName['Hồ Văn Em']).toMatchObject({ state: 'NOT_ELIGIBLE', reasonEn: 'Not eligible: no exam score.' });
    expect(byName['Lê Hoàng Cường'].reason).toContain('thấp hơn mức tối thiểu 80%');
  });

  it('sets every enrolment not withdrawn to COMPLETED or NOT_COMPLETED, the course to COMPLETED, and audits it', async () => {
    const room = await endedCourse(em);

    const result = await subgraph.execute({ query: COMPLETE, variables: { courseId: room.course.id } }, trainer);

    expect(result.errors).toBeUndefined();
    expect(result.data?.completeCourse).toEqual({
      course: { id: room.course.id, status: 'COMPLETED' },
      completed: 1,
      notCompleted: 3,
      withdrawn: 1,
    });
    const stored = await em().find(Enrolment, { course: room.course.id });
    const statusOf = (enrolment: Enrolment) => stored.find((row) => row.id === enrolment.id)?.status;
    expect(room.enrolments.map(statusOf)).toEqual(['COMPLETED', 'NOT_COMPLETED', 'NOT_COMPLETED', 'WITHDRAWN', 'NOT_COMPLETED']);
    const audits = await em().find(AuditEvent, { entityType: 'Course', entityId: room.course.id, action: 'course.complete' });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor: TRAINER,
      changes: expect.objectContaining({ completed: 1, notCompleted: 3, withdrawn: 1 }),
    });
  });

  it("refuses another course's trainer (FORBIDDEN) and lets an administrator complete it", async () => {
    const room = await endedCourse(em);

    const other = await subgraph.execute(
      { query: COMPLETE, variables: { courseId: room.course.id } },
      identityOf('trainer', 'another'),
    );
    const admin = await subgraph.execute({ query: COMPLETE, variables: { courseId: room.course.id } }, identityOf('admin'));

    expect(errorOf(other)?.code).toBe('FORBIDDEN');
    expect(admin.errors).toBeUndefined();
  });
});
