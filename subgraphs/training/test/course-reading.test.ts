import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { CourseStatus } from '../src/modules/course/course.entity';
import { EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { errorOf } from './course.fixtures';
import { addSessions, createCourse, createTrainee, enrol } from './fixtures';

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

const viewer = identityOf('viewer');

describe('training subgraph: reading courses', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();

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
