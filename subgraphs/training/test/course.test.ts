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

const COURSE = /* GraphQL */ `
  query($id: ID!) {
    course(id: $id) {
      id code minAttendanceRate enrolmentCount
      trainers { subject }
      sessions { date startTime endTime topic }
    }
  }
`;

const COURSES = /* GraphQL */ `
  query($planCode: String, $year: Int, $status: CourseStatus, $search: String, $offset: Int, $limit: Int) {
    courses(planCode: $planCode, year: $year, status: $status, search: $search, offset: $offset, limit: $limit) {
      total offset limit
      items { code title }
    }
  }
`;

const trainer = identityOf('trainer');
const otherTrainer = identityOf('trainer', 'other-trainer');
const admin = identityOf('admin');
const viewer = identityOf('viewer');

describe('training subgraph: courses', () => {
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

  describe('course and courses', () => {
    it('answers a course with its sessions in calendar order (HH:MM), its trainers and the trainees not withdrawn', async () => {
      const course = await createCourse(em(), { startDate: '2026-06-01', endDate: '2026-06-30', minAttendancePercent: 70 });
      await addSessions(em(), course, ['2026-06-10', '2026-06-03']);
      await enrol(em(), course, await createTrainee(em(), { fullName: 'Bùi Thị Yến' }));
      await enrol(em(), course, await createTrainee(em(), { fullName: 'Đỗ Quốc Sơn' }), { status: EnrolmentStatus.WITHDRAWN });
      const result = await subgraph.execute({ query: COURSE, variables: { id: course.id } }, viewer);
      expect(result.errors).toBeUndefined();
      expect(result.data?.course).toEqual({
        id: course.id,
        code: course.code,
        minAttendanceRate: 0.7,
        enrolmentCount: 1,
        trainers: [{ subject: 'test-trainer' }],
        sessions: [
          { date: '2026-06-03', startTime: '08:00', endTime: '11:30', topic: 'Buổi 2' },
          { date: '2026-06-10', startTime: '08:00', endTime: '11:30', topic: 'Buổi 1' },
        ],
      });
    });

    it('shows a trainee only the courses they are enrolled in (FORBIDDEN otherwise)', async () => {
      const mine = await createCourse(em());
      const other = await createCourse(em());
      await enrol(em(), mine, await createTrainee(em(), { subject: 'trainee-course-reader' }));
      const reader = identityOf('trainee', 'trainee-course-reader');
      const own = await subgraph.execute({ query: COURSE, variables: { id: mine.id } }, reader);
      expect(own.errors).toBeUndefined();
      const foreign = await subgraph.execute({ query: COURSE, variables: { id: other.id } }, reader);
      expect(errorOf(foreign)?.code).toBe('FORBIDDEN');
      const list = await subgraph.execute({ query: COURSES, variables: {} }, reader);
      expect(errorOf(list)?.code).toBe('FORBIDDEN');
    });

    it('answers NOT_FOUND for an unknown course and UNAUTHENTICATED to an anonymous caller', async () => {
      const unknown = await subgraph.execute(
        { query: COURSE, variables: { id: '00000000-0000-4000-8000-000000000001' } },
        viewer,
      );
      expect(errorOf(unknown)?.code).toBe('NOT_FOUND');
      const anonymous = await subgraph.execute({ query: COURSE, variables: { id: '00000000-0000-4000-8000-000000000001' } });
      expect(errorOf(anonymous)?.code).toBe('UNAUTHENTICATED');
    });

    it('filters courses by plan, year and status, latest start first, with paging', async () => {
      const year = 2029;
      await createCourse(em(), { planYear: year, startDate: '2029-02-01', code: 'Y29-A', status: CourseStatus.OPEN });
      await createCourse(em(), { planYear: year, startDate: '2029-04-01', code: 'Y29-B', status: CourseStatus.OPEN });
      await createCourse(em(), { planYear: year, startDate: '2029-03-01', code: 'Y29-C', status: CourseStatus.CANCELLED });
      await createCourse(em(), {
        planYear: year,
        startDate: '2029-05-01',
        code: 'Y29-D',
        planCode: 'OTHER/KH',
        status: CourseStatus.OPEN,
      });
      const all = await subgraph.execute({ query: COURSES, variables: { planCode: '129/KH-UBND', year } }, viewer);
      expect(all.data?.courses).toMatchObject({ total: 3, items: [{ code: 'Y29-B' }, { code: 'Y29-C' }, { code: 'Y29-A' }] });
      const open = await subgraph.execute(
        { query: COURSES, variables: { planCode: '129/KH-UBND', year, status: 'OPEN', offset: 1, limit: 1 } },
        viewer,
      );
      expect(open.data?.courses).toEqual({
        total: 2,
        offset: 1,
        limit: 1,
        items: [{ code: 'Y29-A', title: expect.any(String) }],
      });
    });

    it('searches code and title without regard to accents or case', async () => {
      await createCourse(em(), { code: 'AP-SUAT-01', title: 'Hiệu chuẩn áp kế lò xo', planYear: 2030, startDate: '2030-01-05' });
      await createCourse(em(), {
        code: 'KL-88',
        title: 'ĐO LƯỜNG KHỐI LƯỢNG: CÂN ĐIỆN TỬ',
        planYear: 2030,
        startDate: '2030-02-05',
      });
      const byTitle = await subgraph.execute({ query: COURSES, variables: { year: 2030, search: 'ap ke' } }, viewer);
      expect(byTitle.data?.courses).toMatchObject({ total: 1, items: [{ code: 'AP-SUAT-01' }] });
      const byUpperTitle = await subgraph.execute({ query: COURSES, variables: { year: 2030, search: 'can dien tu' } }, viewer);
      expect(byUpperTitle.data?.courses).toMatchObject({ total: 1, items: [{ code: 'KL-88' }] });
      const byCode = await subgraph.execute({ query: COURSES, variables: { year: 2030, search: 'kl-8' } }, viewer);
      expect(byCode.data?.courses).toMatchObject({ total: 1, items: [{ code: 'KL-88' }] });
      const wildcard = await subgraph.execute({ query: COURSES, variables: { year: 2030, search: '%' } }, viewer);
      expect(wildcard.data?.courses).toMatchObject({ total: 0 });
    });

    it('lists the courses a trainer teaches in myCourses, and refuses it to a viewer', async () => {
      const taught = await createCourse(em(), { trainers: [{ subject: 'my-courses-trainer', name: 'Vũ Ngọc Trang' }] });
      await createCourse(em());
      const mine = await subgraph.execute(
        { query: '{ myCourses { total items { id } } }' },
        identityOf('trainer', 'my-courses-trainer'),
      );
      expect(mine.data).toEqual({ myCourses: { total: 1, items: [{ id: taught.id }] } });
      const asViewer = await subgraph.execute({ query: '{ myCourses { total } }' }, viewer);
      expect(errorOf(asViewer)?.code).toBe('FORBIDDEN');
    });
  });

  describe('_entities', () => {
    const ENTITIES = /* GraphQL */ `
      query($r: [_Any!]!) { _entities(representations: $r) { ... on Course { id code enrolmentCount trainers { subject } } } }
    `;

    it('resolves Course references by id in one batch, null for an unknown id', async () => {
      const first = await createCourse(em());
      const second = await createCourse(em());
      const unknown = '00000000-0000-4000-8000-000000000002';
      const result = await subgraph.execute(
        {
          query: ENTITIES,
          variables: {
            r: [
              { __typename: 'Course', id: second.id },
              { __typename: 'Course', id: unknown },
              { __typename: 'Course', id: first.id },
            ],
          },
        },
        viewer,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          { id: second.id, code: second.code, enrolmentCount: 0, trainers: [{ subject: 'test-trainer' }] },
          null,
          { id: first.id, code: first.code, enrolmentCount: 0, trainers: [{ subject: 'test-trainer' }] },
        ],
      });
    });

    it('refuses a Course reference to a trainee not enrolled in it (FORBIDDEN) and to an anonymous caller', async () => {
      const course = await createCourse(em());
      const variables = { r: [{ __typename: 'Course', id: course.id }] };
      const asTrainee = await subgraph.execute({ query: ENTITIES, variables }, identityOf('trainee', 'not-enrolled'));
      expect(errorOf(asTrainee)?.code).toBe('FORBIDDEN');
      const anonymous = await subgraph.execute({ query: ENTITIES, variables });
      expect(errorOf(anonymous)?.code).toBe('UNAUTHENTICATED');
    });
  });
});
