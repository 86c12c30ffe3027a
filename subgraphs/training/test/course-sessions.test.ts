import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { AttendanceStatus } from '../src/modules/attendance/attendance.entity';
import { CourseSession, CourseStatus } from '../src/modules/course/course.entity';
import { auditOf, errorOf } from './course.fixtures';
import { addSessions, createCourse, createTrainee, enrol, mark } from './fixtures';

const ADD = /* GraphQL */ `
  mutation($courseId: ID!, $input: SessionInput!) {
    addSession(courseId: $courseId, input: $input) { id date startTime endTime topic version course { id } }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation($id: ID!, $version: Int!, $input: SessionUpdateInput!) {
    updateSession(id: $id, version: $version, input: $input) { id date startTime endTime topic version }
  }
`;

const REMOVE = /* GraphQL */ `
  mutation($id: ID!) { removeSession(id: $id) { id sessions { id } } }
`;

const trainer = identityOf('trainer');

function session(overrides: Record<string, unknown> = {}) {
  return { date: '2026-04-08', startTime: '08:00', endTime: '11:30', topic: 'Đo lường pháp định', ...overrides };
}

describe('training subgraph: course sessions', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();
  const aprilCourse = (overrides: Parameters<typeof createCourse>[1] = {}) =>
    createCourse(em(), { startDate: '2026-04-06', endDate: '2026-04-17', status: CourseStatus.OPEN, ...overrides });

  it('adds a session inside the course dates, answers times as HH:MM, and audits it on the course', async () => {
    const course = await aprilCourse();
    const result = await subgraph.execute({ query: ADD, variables: { courseId: course.id, input: session() } }, trainer);
    expect(result.errors).toBeUndefined();
    expect(result.data?.addSession).toMatchObject({ ...session(), version: 1, course: { id: course.id } });
    const [event] = await auditOf(subgraph, course.id);
    expect(event).toMatchObject({ entityType: 'Course', action: 'SESSION_ADDED' });
  });

  it.each([
    ['a date before the course', { date: '2026-04-05' }, 'date'],
    ['a date after the course', { date: '2026-04-18' }, 'date'],
    ['a start time that is not HH:MM', { startTime: '8h' }, 'startTime'],
    ['an hour past 23', { startTime: '24:00' }, 'startTime'],
    ['an end time before the start', { startTime: '13:30', endTime: '13:00' }, 'endTime'],
    ['an end time equal to the start', { startTime: '13:30', endTime: '13:30' }, 'endTime'],
    ['an empty topic', { topic: ' ' }, 'topic'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_label, overrides, field) => {
    const course = await aprilCourse();
    const result = await subgraph.execute({ query: ADD, variables: { courseId: course.id, input: session(overrides) } }, trainer);
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await em().count(CourseSession, { course: course.id })).toBe(0);
  });

  it('refuses a second session at the same date and start time with CONFLICT naming the first', async () => {
    const course = await aprilCourse();
    const first = await subgraph.execute<{ addSession: { id: string } }>(
      { query: ADD, variables: { courseId: course.id, input: session() } },
      trainer,
    );
    const second = await subgraph.execute(
      { query: ADD, variables: { courseId: course.id, input: session({ endTime: '10:00', topic: 'Khác' }) } },
      trainer,
    );
    expect(errorOf(second)).toMatchObject({ code: 'CONFLICT', sessionId: first.data?.addSession.id });
    const afternoon = await subgraph.execute(
      { query: ADD, variables: { courseId: course.id, input: session({ startTime: '13:30', endTime: '17:00' }) } },
      trainer,
    );
    expect(afternoon.errors).toBeUndefined();
  });

  it.each([CourseStatus.COMPLETED, CourseStatus.CANCELLED])('refuses a session for a %s course with CONFLICT', async (status) => {
    const course = await aprilCourse({ status });
    const result = await subgraph.execute({ query: ADD, variables: { courseId: course.id, input: session() } }, trainer);
    expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', status });
  });

  it("refuses a trainer adding a session to another trainer's course (FORBIDDEN), a viewer (FORBIDDEN) and an anonymous caller", async () => {
    const course = await aprilCourse();
    const variables = { courseId: course.id, input: session() };
    expect(errorOf(await subgraph.execute({ query: ADD, variables }, identityOf('trainer', 'other-trainer')))?.code).toBe(
      'FORBIDDEN',
    );
    expect(errorOf(await subgraph.execute({ query: ADD, variables }, identityOf('viewer')))?.code).toBe('FORBIDDEN');
    expect(errorOf(await subgraph.execute({ query: ADD, variables }))?.code).toBe('UNAUTHENTICATED');
    expect(await em().count(CourseSession, { course: course.id })).toBe(0);
  });

  it('updates a session from its version, and refuses a stale version with CONFLICT', async () => {
    const course = await aprilCourse();
    const [row] = await addSessions(em(), course, ['2026-04-07']);
    const id = row?.id;
    const moved = await subgraph.execute(
      { query: UPDATE, variables: { id, version: 1, input: { date: '2026-04-09', startTime: '07:30', topic: 'Cân phân tích' } } },
      trainer,
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data?.updateSession).toEqual({
      id,
      date: '2026-04-09',
      startTime: '07:30',
      endTime: '11:30',
      topic: 'Cân phân tích',
      version: 2,
    });
    const stale = await subgraph.execute({ query: UPDATE, variables: { id, version: 1, input: { topic: 'Cũ' } } }, trainer);
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('refuses moving a session outside the course dates (BAD_USER_INPUT) or onto another session (CONFLICT)', async () => {
    const course = await aprilCourse();
    const [first, second] = await addSessions(em(), course, ['2026-04-07', '2026-04-08']);
    const outside = await subgraph.execute(
      { query: UPDATE, variables: { id: first?.id, version: 1, input: { date: '2026-04-30' } } },
      trainer,
    );
    expect(errorOf(outside)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
    const onto = await subgraph.execute(
      { query: UPDATE, variables: { id: first?.id, version: 1, input: { date: '2026-04-08' } } },
      trainer,
    );
    expect(errorOf(onto)).toMatchObject({ code: 'CONFLICT', sessionId: second?.id });
  });

  it('removes a session without attendance marks and answers the course without it', async () => {
    const course = await aprilCourse();
    const [keep, drop] = await addSessions(em(), course, ['2026-04-07', '2026-04-08']);
    const result = await subgraph.execute({ query: REMOVE, variables: { id: drop?.id } }, trainer);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ removeSession: { id: course.id, sessions: [{ id: keep?.id }] } });
    expect((await auditOf(subgraph, course.id)).map((event) => event.action)).toEqual(['SESSION_REMOVED']);
  });

  it('refuses removing a session that has attendance marks with CONFLICT, and keeps it', async () => {
    const course = await aprilCourse();
    const [row] = await addSessions(em(), course, ['2026-04-07']);
    if (!row) throw new Error('no session');
    const enrolment = await enrol(em(), course, await createTrainee(em()));
    await mark(em(), enrolment, row, AttendanceStatus.PRESENT);
    const result = await subgraph.execute({ query: REMOVE, variables: { id: row.id } }, trainer);
    expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', marks: 1 });
    expect(await em().count(CourseSession, { id: row.id })).toBe(1);
  });

  it('answers NOT_FOUND for an unknown session', async () => {
    const result = await subgraph.execute({ query: REMOVE, variables: { id: '00000000-0000-4000-8000-000000000003' } }, trainer);
    expect(errorOf(result)?.code).toBe('NOT_FOUND');
  });
});
