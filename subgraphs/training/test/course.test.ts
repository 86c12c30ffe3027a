import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { Course, CourseStatus } from '../src/modules/course/course.entity';
import { EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { auditOf, courseInput, errorOf } from './course.fixtures';
import { addSessions, createCourse, createTrainee, enrol } from './fixtures';

const CREATE = /* GraphQL */ `
  mutation($input: CourseInput!) {
    createCourse(input: $input) {
      id code title status planYear minAttendanceRate passingScore version
      trainers { subject name }
      sessions { id }
      enrolmentCount
    }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation($id: ID!, $version: Int!, $input: CourseUpdateInput!) {
    updateCourse(id: $id, version: $version, input: $input) { id code title endDate capacity minAttendanceRate passingScore version }
  }
`;

const SET_STATUS = /* GraphQL */ `
  mutation($id: ID!, $status: CourseStatus!) { setCourseStatus(id: $id, status: $status) { id status } }
`;

const trainer = identityOf('trainer');
const otherTrainer = identityOf('trainer', 'other-trainer');
const admin = identityOf('admin');
const viewer = identityOf('viewer');

describe('training subgraph: planning courses', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();

  describe('createCourse', () => {
    it('plans a course as PLANNED with the creating trainer as its trainer, the default 0.8 attendance rate, and an audit event', async () => {
      const input = courseInput({ passingScore: 5 });
      const result = await subgraph.execute<{ createCourse: Record<string, unknown> & { id: string } }>(
        { query: CREATE, variables: { input } },
        trainer,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.createCourse).toMatchObject({
        code: input.code,
        status: 'PLANNED',
        planYear: 2026,
        minAttendanceRate: 0.8,
        passingScore: 5,
        version: 1,
        trainers: [{ subject: 'test-trainer', name: 'Test trainer' }],
        sessions: [],
        enrolmentCount: 0,
      });
      const events = await auditOf(subgraph, result.data?.createCourse.id ?? '');
      expect(events.map((event) => [event.entityType, event.action, event.actor])).toEqual([
        ['Course', 'CREATED', 'test-trainer'],
      ]);
    });

    it('stores the minimum attendance rate as a whole percent and lets an administrator create a course without becoming its trainer', async () => {
      const result = await subgraph.execute<{ createCourse: { id: string; minAttendanceRate: number; trainers: unknown[] } }>(
        { query: CREATE, variables: { input: courseInput({ minAttendanceRate: 0.75, planYear: 2027 }) } },
        admin,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.createCourse).toMatchObject({ minAttendanceRate: 0.75, planYear: 2027, trainers: [] });
      const stored = await em().findOneOrFail(Course, { id: result.data?.createCourse.id ?? '' });
      expect(stored.minAttendancePercent).toBe(75);
    });

    it.each([
      ['a code with a space', { code: 'DL 2026' }, 'code'],
      ['a one-character code', { code: 'D' }, 'code'],
      ['a code longer than 32 characters', { code: 'D'.repeat(33) }, 'code'],
      ['a code with diacritics', { code: 'ĐL-2026' }, 'code'],
      ['an empty title', { title: '   ' }, 'title'],
      ['an end date before the start date', { startDate: '2026-03-10', endDate: '2026-03-09' }, 'endDate'],
      ['zero planned hours', { plannedHours: 0 }, 'plannedHours'],
      ['2001 planned hours', { plannedHours: 2001 }, 'plannedHours'],
      ['a capacity of 0', { capacity: 0 }, 'capacity'],
      ['a capacity of 1001', { capacity: 1001 }, 'capacity'],
      ['a minimum attendance rate above 1', { minAttendanceRate: 1.2 }, 'minAttendanceRate'],
      ['a negative minimum attendance rate', { minAttendanceRate: -0.1 }, 'minAttendanceRate'],
      ['a passing score above 100', { passingScore: 100.5 }, 'passingScore'],
      ['a plan without training targets', { planCode: '999/KH-UBND' }, 'planCode'],
    ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_label, overrides, field) => {
      const input = courseInput(overrides);
      const result = await subgraph.execute({ query: CREATE, variables: { input } }, trainer);
      expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toBeTruthy();
      expect(errorOf(result)?.messageEn).toBeTruthy();
      expect(await em().count(Course, { code: String(input.code) })).toBe(0);
    });

    it('refuses a code already in use with CONFLICT', async () => {
      const existing = await createCourse(em());
      const result = await subgraph.execute(
        { query: CREATE, variables: { input: courseInput({ code: existing.code }) } },
        trainer,
      );
      expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', field: 'code', courseId: existing.id });
    });

    it('refuses a viewer with FORBIDDEN and an anonymous caller with UNAUTHENTICATED', async () => {
      const input = courseInput();
      const asViewer = await subgraph.execute({ query: CREATE, variables: { input } }, viewer);
      expect(errorOf(asViewer)?.code).toBe('FORBIDDEN');
      const anonymous = await subgraph.execute({ query: CREATE, variables: { input } });
      expect(errorOf(anonymous)?.code).toBe('UNAUTHENTICATED');
      expect(await em().count(Course, { code: String(input.code) })).toBe(0);
    });
  });

  describe('updateCourse', () => {
    it('changes the given fields, bumps the version and audits what changed', async () => {
      const course = await createCourse(em(), { passingScore: 5 });
      const result = await subgraph.execute<{ updateCourse: Record<string, unknown> }>(
        {
          query: UPDATE,
          variables: {
            id: course.id,
            version: course.version,
            input: { title: 'Hiệu chuẩn cân', minAttendanceRate: 0.9, passingScore: null },
          },
        },
        trainer,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.updateCourse).toMatchObject({
        code: course.code,
        title: 'Hiệu chuẩn cân',
        minAttendanceRate: 0.9,
        passingScore: null,
        version: course.version + 1,
      });
      const [event] = await auditOf(subgraph, course.id);
      expect(event).toMatchObject({ entityType: 'Course', action: 'UPDATED' });
      expect(event?.changes).toEqual({
        title: { from: course.title, to: 'Hiệu chuẩn cân' },
        minAttendancePercent: { from: 80, to: 90 },
        passingScore: { from: 5, to: null },
      });
    });

    it('refuses a stale version with CONFLICT and changes nothing', async () => {
      const course = await createCourse(em());
      const first = await subgraph.execute(
        { query: UPDATE, variables: { id: course.id, version: course.version, input: { capacity: 40 } } },
        trainer,
      );
      expect(first.errors).toBeUndefined();
      const stale = await subgraph.execute(
        { query: UPDATE, variables: { id: course.id, version: course.version, input: { capacity: 50 } } },
        trainer,
      );
      expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', currentVersion: course.version + 1 });
      expect((await em().findOneOrFail(Course, { id: course.id })).capacity).toBe(40);
    });

    it("refuses a trainer editing another trainer's course with FORBIDDEN, and lets an administrator edit any course", async () => {
      const course = await createCourse(em());
      const variables = { id: course.id, version: course.version, input: { venue: 'Trung tâm Kỹ thuật TĐC' } };
      const forbidden = await subgraph.execute({ query: UPDATE, variables }, otherTrainer);
      expect(errorOf(forbidden)?.code).toBe('FORBIDDEN');
      const byAdmin = await subgraph.execute({ query: UPDATE, variables }, admin);
      expect(byAdmin.errors).toBeUndefined();
      expect((await em().findOneOrFail(Course, { id: course.id })).venue).toBe('Trung tâm Kỹ thuật TĐC');
    });

    it('refuses dates in the wrong order with BAD_USER_INPUT', async () => {
      const course = await createCourse(em(), { startDate: '2026-05-04', endDate: '2026-05-20' });
      const result = await subgraph.execute(
        { query: UPDATE, variables: { id: course.id, version: course.version, input: { endDate: '2026-05-01' } } },
        trainer,
      );
      expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endDate' });
    });

    it('refuses new dates that would leave a session outside the course with CONFLICT naming the session', async () => {
      const course = await createCourse(em(), { startDate: '2026-05-04', endDate: '2026-05-20' });
      const [, late] = await addSessions(em(), course, ['2026-05-05', '2026-05-18']);
      const result = await subgraph.execute(
        { query: UPDATE, variables: { id: course.id, version: course.version, input: { endDate: '2026-05-15' } } },
        trainer,
      );
      expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', sessionIds: [late?.id] });
      expect((await em().findOneOrFail(Course, { id: course.id })).endDate).toBe('2026-05-20');
    });

    it('refuses a capacity below the trainees enrolled with CONFLICT (withdrawn trainees do not count)', async () => {
      const course = await createCourse(em(), { capacity: 10 });
      await enrol(em(), course, await createTrainee(em(), { fullName: 'Lê Thị Lan' }));
      await enrol(em(), course, await createTrainee(em(), { fullName: 'Trần Văn Bình' }));
      await enrol(em(), course, await createTrainee(em(), { fullName: 'Phạm Thu Hằng' }), { status: EnrolmentStatus.WITHDRAWN });
      const tooSmall = await subgraph.execute(
        { query: UPDATE, variables: { id: course.id, version: course.version, input: { capacity: 1 } } },
        trainer,
      );
      expect(errorOf(tooSmall)).toMatchObject({ code: 'CONFLICT', enrolled: 2 });
      const enough = await subgraph.execute(
        { query: UPDATE, variables: { id: course.id, version: course.version, input: { capacity: 2 } } },
        trainer,
      );
      expect(enough.errors).toBeUndefined();
    });

    it('refuses a code taken by another course with CONFLICT', async () => {
      const taken = await createCourse(em());
      const course = await createCourse(em());
      const result = await subgraph.execute(
        { query: UPDATE, variables: { id: course.id, version: course.version, input: { code: taken.code } } },
        trainer,
      );
      expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', field: 'code' });
    });
  });

  describe('setCourseStatus', () => {
    it('moves a course PLANNED → OPEN → RUNNING → COMPLETED, auditing each move', async () => {
      const course = await createCourse(em(), { status: CourseStatus.PLANNED });
      for (const status of ['OPEN', 'RUNNING', 'COMPLETED']) {
        const result = await subgraph.execute({ query: SET_STATUS, variables: { id: course.id, status } }, trainer);
        expect(result.errors).toBeUndefined();
        expect(result.data).toEqual({ setCourseStatus: { id: course.id, status } });
      }
      const events = await auditOf(subgraph, course.id);
      expect(events.map((event) => event.changes)).toEqual([
        { from: 'PLANNED', to: 'OPEN' },
        { from: 'OPEN', to: 'RUNNING' },
        { from: 'RUNNING', to: 'COMPLETED' },
      ]);
    });

    it.each([
      [CourseStatus.PLANNED, 'CANCELLED'],
      [CourseStatus.OPEN, 'CANCELLED'],
      [CourseStatus.RUNNING, 'CANCELLED'],
    ])('cancels a %s course', async (from, status) => {
      const course = await createCourse(em(), { status: from });
      const result = await subgraph.execute({ query: SET_STATUS, variables: { id: course.id, status } }, trainer);
      expect(result.data).toEqual({ setCourseStatus: { id: course.id, status: 'CANCELLED' } });
    });

    it.each([
      [CourseStatus.PLANNED, 'RUNNING'],
      [CourseStatus.PLANNED, 'COMPLETED'],
      [CourseStatus.OPEN, 'PLANNED'],
      [CourseStatus.RUNNING, 'OPEN'],
      [CourseStatus.COMPLETED, 'CANCELLED'],
      [CourseStatus.CANCELLED, 'OPEN'],
      [CourseStatus.OPEN, 'OPEN'],
    ])('refuses the illegal move %s → %s with CONFLICT', async (from, status) => {
      const course = await createCourse(em(), { status: from });
      const result = await subgraph.execute({ query: SET_STATUS, variables: { id: course.id, status } }, trainer);
      expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', from, to: status });
      expect((await em().findOneOrFail(Course, { id: course.id })).status).toBe(from);
    });

    it("refuses a trainer changing another trainer's course with FORBIDDEN", async () => {
      const course = await createCourse(em(), { status: CourseStatus.PLANNED });
      const result = await subgraph.execute({ query: SET_STATUS, variables: { id: course.id, status: 'OPEN' } }, otherTrainer);
      expect(errorOf(result)?.code).toBe('FORBIDDEN');
    });

    it('answers NOT_FOUND for an unknown course', async () => {
      const result = await subgraph.execute(
        { query: SET_STATUS, variables: { id: '00000000-0000-4000-8000-000000000000', status: 'OPEN' } },
        admin,
      );
      expect(errorOf(result)?.code).toBe('NOT_FOUND');
    });
  });

  describe('trainers', () => {
    const ADD = /* GraphQL */ `
      mutation($courseId: ID!, $subject: String!, $name: String!) {
        addCourseTrainer(courseId: $courseId, subject: $subject, name: $name) { trainers { subject name } }
      }
    `;
    const REMOVE = /* GraphQL */ `
      mutation($courseId: ID!, $subject: String!) { removeCourseTrainer(courseId: $courseId, subject: $subject) { trainers { subject } } }
    `;

    it('lets an administrator add and remove trainers; the added trainer may then edit the course', async () => {
      const course = await createCourse(em());
      const added = await subgraph.execute(
        { query: ADD, variables: { courseId: course.id, subject: 'other-trainer', name: 'Hoàng Minh Tuấn' } },
        admin,
      );
      expect(added.data).toEqual({
        addCourseTrainer: {
          trainers: [
            { subject: 'other-trainer', name: 'Hoàng Minh Tuấn' },
            { subject: 'test-trainer', name: 'Test trainer' },
          ],
        },
      });
      const edit = await subgraph.execute(
        { query: UPDATE, variables: { id: course.id, version: course.version, input: { plannedHours: 60 } } },
        otherTrainer,
      );
      expect(edit.errors).toBeUndefined();
      const removed = await subgraph.execute(
        { query: REMOVE, variables: { courseId: course.id, subject: 'test-trainer' } },
        admin,
      );
      expect(removed.data).toEqual({ removeCourseTrainer: { trainers: [{ subject: 'other-trainer' }] } });
      expect((await auditOf(subgraph, course.id)).map((event) => event.action)).toEqual([
        'TRAINER_ADDED',
        'UPDATED',
        'TRAINER_REMOVED',
      ]);
    });

    it('refuses a trainer already on the course with CONFLICT, an unknown one with NOT_FOUND, and a trainer caller with FORBIDDEN', async () => {
      const course = await createCourse(em());
      const twice = await subgraph.execute(
        { query: ADD, variables: { courseId: course.id, subject: 'test-trainer', name: 'Test trainer' } },
        admin,
      );
      expect(errorOf(twice)?.code).toBe('CONFLICT');
      const unknown = await subgraph.execute({ query: REMOVE, variables: { courseId: course.id, subject: 'nobody' } }, admin);
      expect(errorOf(unknown)?.code).toBe('NOT_FOUND');
      const byTrainer = await subgraph.execute(
        { query: ADD, variables: { courseId: course.id, subject: 'friend', name: 'Bạn' } },
        trainer,
      );
      expect(errorOf(byTrainer)?.code).toBe('FORBIDDEN');
    });
  });
});
