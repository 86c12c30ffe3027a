import { addDays } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { CourseStatus } from '../src/modules/course/course.entity';
import { Enrolment, EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { auditOf, errorOf } from './course.fixtures';
import { createCourse, createTrainee, enrol, today } from './fixtures';

const ENROL = /* GraphQL */ `
  mutation($courseId: ID!, $traineeId: ID!, $enrolledOn: LocalDate) {
    enrol(courseId: $courseId, traineeId: $traineeId, enrolledOn: $enrolledOn) {
      id enrolledOn status examScore version
      course { id enrolmentCount }
      trainee { id fullName }
    }
  }
`;

const WITHDRAW = /* GraphQL */ `
  mutation($id: ID!, $version: Int!) { withdrawEnrolment(id: $id, version: $version) { id status version course { enrolmentCount } } }
`;

const SCORE = /* GraphQL */ `
  mutation($enrolmentId: ID!, $score: Float!) { setExamScore(enrolmentId: $enrolmentId, score: $score) { id examScore } }
`;

const admin = identityOf('admin');
const trainer = identityOf('trainer');
const otherTrainer = identityOf('trainer', 'other-trainer');

describe('training subgraph: enrolments', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();

  describe('enrol', () => {
    it('enrols a trainee from today when the course is running, and audits it', async () => {
      const course = await createCourse(em(), { startDate: addDays(today(), -3), endDate: addDays(today(), 10) });
      const trainee = await createTrainee(em(), { fullName: 'Nguyễn Thị Thu' });
      const result = await subgraph.execute<{ enrol: { id: string } }>(
        { query: ENROL, variables: { courseId: course.id, traineeId: trainee.id } },
        trainer,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.enrol).toMatchObject({
        enrolledOn: today(),
        status: 'ENROLLED',
        examScore: null,
        version: 1,
        course: { id: course.id, enrolmentCount: 1 },
        trainee: { id: trainee.id, fullName: 'Nguyễn Thị Thu' },
      });
      const [event] = await auditOf(subgraph, result.data?.enrol.id ?? '');
      expect(event).toMatchObject({
        entityType: 'Enrolment',
        action: 'ENROLLED',
        changes: { courseId: course.id, traineeId: trainee.id, enrolledOn: today() },
      });
    });

    it('enrols from the first day of a course that has not started, and from a given date inside the course', async () => {
      const start = addDays(today(), 5);
      const course = await createCourse(em(), { startDate: start, endDate: addDays(start, 10), status: CourseStatus.OPEN });
      const early = await subgraph.execute(
        { query: ENROL, variables: { courseId: course.id, traineeId: (await createTrainee(em())).id } },
        trainer,
      );
      expect(early.data?.enrol).toMatchObject({ enrolledOn: start });
      const given = await subgraph.execute(
        {
          query: ENROL,
          variables: { courseId: course.id, traineeId: (await createTrainee(em())).id, enrolledOn: addDays(start, 2) },
        },
        admin,
      );
      expect(given.data?.enrol).toMatchObject({ enrolledOn: addDays(start, 2) });
    });

    it('refuses an enrolment date outside the course with BAD_USER_INPUT', async () => {
      const course = await createCourse(em(), { startDate: '2026-08-03', endDate: '2026-08-14' });
      const trainee = await createTrainee(em());
      const result = await subgraph.execute(
        { query: ENROL, variables: { courseId: course.id, traineeId: trainee.id, enrolledOn: '2026-08-15' } },
        trainer,
      );
      expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enrolledOn' });
      expect(await em().count(Enrolment, { course: course.id })).toBe(0);
    });

    it('refuses the same trainee twice with CONFLICT naming the existing enrolment', async () => {
      const course = await createCourse(em());
      const trainee = await createTrainee(em());
      const existing = await enrol(em(), course, trainee);
      const result = await subgraph.execute({ query: ENROL, variables: { courseId: course.id, traineeId: trainee.id } }, trainer);
      expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', enrolmentId: existing.id });
    });

    it('refuses a full course with CONFLICT (withdrawn trainees free their seat)', async () => {
      const course = await createCourse(em(), { capacity: 2 });
      await enrol(em(), course, await createTrainee(em()));
      await enrol(em(), course, await createTrainee(em()), { status: EnrolmentStatus.WITHDRAWN });
      const second = await subgraph.execute(
        { query: ENROL, variables: { courseId: course.id, traineeId: (await createTrainee(em())).id } },
        trainer,
      );
      expect(second.errors).toBeUndefined();
      const third = await subgraph.execute(
        { query: ENROL, variables: { courseId: course.id, traineeId: (await createTrainee(em())).id } },
        trainer,
      );
      expect(errorOf(third)).toMatchObject({ code: 'CONFLICT', capacity: 2 });
      expect(await em().count(Enrolment, { course: course.id, status: { $ne: EnrolmentStatus.WITHDRAWN } })).toBe(2);
    });

    it('takes the last seat only once when two trainers enrol at the same time', async () => {
      const course = await createCourse(em(), { capacity: 1 });
      const [a, b] = [await createTrainee(em()), await createTrainee(em())];
      const results = await Promise.all(
        [a, b].map((trainee) =>
          subgraph.execute({ query: ENROL, variables: { courseId: course.id, traineeId: trainee.id } }, trainer),
        ),
      );
      expect(results.map((result) => errorOf(result)?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
      expect(await em().count(Enrolment, { course: course.id })).toBe(1);
    });

    it.each([CourseStatus.COMPLETED, CourseStatus.CANCELLED])(
      'refuses enrolment in a %s course with CONFLICT',
      async (status) => {
        const course = await createCourse(em(), { status });
        const result = await subgraph.execute(
          { query: ENROL, variables: { courseId: course.id, traineeId: (await createTrainee(em())).id } },
          trainer,
        );
        expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', status });
      },
    );

    it("refuses a trainer enrolling into another trainer's course (FORBIDDEN), a viewer (FORBIDDEN) and an anonymous caller", async () => {
      const course = await createCourse(em());
      const variables = { courseId: course.id, traineeId: (await createTrainee(em())).id };
      expect(errorOf(await subgraph.execute({ query: ENROL, variables }, otherTrainer))?.code).toBe('FORBIDDEN');
      expect(errorOf(await subgraph.execute({ query: ENROL, variables }, identityOf('viewer')))?.code).toBe('FORBIDDEN');
      expect(errorOf(await subgraph.execute({ query: ENROL, variables }))?.code).toBe('UNAUTHENTICATED');
      expect(await em().count(Enrolment, { course: course.id })).toBe(0);
    });

    it('answers NOT_FOUND for an unknown trainee', async () => {
      const course = await createCourse(em());
      const result = await subgraph.execute(
        { query: ENROL, variables: { courseId: course.id, traineeId: '00000000-0000-4000-8000-000000000006' } },
        trainer,
      );
      expect(errorOf(result)?.code).toBe('NOT_FOUND');
    });

    it('takes a withdrawn trainee back on the same enrolment', async () => {
      const course = await createCourse(em());
      const trainee = await createTrainee(em());
      const withdrawn = await enrol(em(), course, trainee, { status: EnrolmentStatus.WITHDRAWN });
      const result = await subgraph.execute({ query: ENROL, variables: { courseId: course.id, traineeId: trainee.id } }, trainer);
      expect(result.data?.enrol).toMatchObject({ id: withdrawn.id, status: 'ENROLLED', version: 2 });
      expect((await auditOf(subgraph, withdrawn.id)).map((event) => event.action)).toEqual(['RE_ENROLLED']);
    });
  });

  describe('withdrawEnrolment', () => {
    it('withdraws an enrolled trainee, frees the seat and audits it', async () => {
      const course = await createCourse(em());
      const enrolment = await enrol(em(), course, await createTrainee(em()));
      const result = await subgraph.execute(
        { query: WITHDRAW, variables: { id: enrolment.id, version: enrolment.version } },
        trainer,
      );
      expect(result.data).toEqual({
        withdrawEnrolment: {
          id: enrolment.id,
          status: 'WITHDRAWN',
          version: enrolment.version + 1,
          course: { enrolmentCount: 0 },
        },
      });
      expect(await auditOf(subgraph, enrolment.id)).toMatchObject([
        { action: 'WITHDRAWN', changes: { from: 'ENROLLED', to: 'WITHDRAWN' } },
      ]);
    });

    it('refuses a stale version and a second withdrawal with CONFLICT', async () => {
      const course = await createCourse(em());
      const enrolment = await enrol(em(), course, await createTrainee(em()));
      const stale = await subgraph.execute(
        { query: WITHDRAW, variables: { id: enrolment.id, version: enrolment.version + 5 } },
        trainer,
      );
      expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', currentVersion: enrolment.version });
      await subgraph.execute({ query: WITHDRAW, variables: { id: enrolment.id, version: enrolment.version } }, trainer);
      const again = await subgraph.execute(
        { query: WITHDRAW, variables: { id: enrolment.id, version: enrolment.version + 1 } },
        trainer,
      );
      expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', status: 'WITHDRAWN' });
    });

    it('refuses a trainer of another course with FORBIDDEN', async () => {
      const enrolment = await enrol(em(), await createCourse(em()), await createTrainee(em()));
      const result = await subgraph.execute(
        { query: WITHDRAW, variables: { id: enrolment.id, version: enrolment.version } },
        otherTrainer,
      );
      expect(errorOf(result)?.code).toBe('FORBIDDEN');
    });
  });

  describe('setExamScore', () => {
    it('records a score with two decimals and audits the change', async () => {
      const enrolment = await enrol(em(), await createCourse(em(), { passingScore: 5 }), await createTrainee(em()));
      const result = await subgraph.execute({ query: SCORE, variables: { enrolmentId: enrolment.id, score: 7.25 } }, trainer);
      expect(result.data).toEqual({ setExamScore: { id: enrolment.id, examScore: 7.25 } });
      expect(await auditOf(subgraph, enrolment.id)).toMatchObject([
        { action: 'EXAM_SCORE_SET', changes: { from: null, to: 7.25 } },
      ]);
    });

    it.each([-1, 100.01, 7.125])('refuses the score %s with BAD_USER_INPUT', async (score) => {
      const enrolment = await enrol(em(), await createCourse(em(), { passingScore: 5 }), await createTrainee(em()));
      const result = await subgraph.execute({ query: SCORE, variables: { enrolmentId: enrolment.id, score } }, trainer);
      expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'score' });
    });

    it('refuses a score in a course without an exam, and for a withdrawn trainee, with CONFLICT', async () => {
      const noExam = await enrol(em(), await createCourse(em(), { passingScore: null }), await createTrainee(em()));
      expect(
        errorOf(await subgraph.execute({ query: SCORE, variables: { enrolmentId: noExam.id, score: 8 } }, trainer))?.code,
      ).toBe('CONFLICT');
      const withdrawn = await enrol(em(), await createCourse(em(), { passingScore: 5 }), await createTrainee(em()), {
        status: EnrolmentStatus.WITHDRAWN,
      });
      expect(
        errorOf(await subgraph.execute({ query: SCORE, variables: { enrolmentId: withdrawn.id, score: 8 } }, trainer)),
      ).toMatchObject({
        code: 'CONFLICT',
        status: 'WITHDRAWN',
      });
    });

    it('refuses a trainer of another course with FORBIDDEN and answers NOT_FOUND for an unknown enrolment', async () => {
      const enrolment = await enrol(em(), await createCourse(em(), { passingScore: 5 }), await createTrainee(em()));
      expect(
        errorOf(await subgraph.execute({ query: SCORE, variables: { enrolmentId: enrolment.id, score: 8 } }, otherTrainer))?.code,
      ).toBe('FORBIDDEN');
      const unknown = await subgraph.execute(
        { query: SCORE, variables: { enrolmentId: '00000000-0000-4000-8000-000000000007', score: 8 } },
        trainer,
      );
      expect(errorOf(unknown)?.code).toBe('NOT_FOUND');
    });
  });

  describe('reading enrolments', () => {
    it("answers myEnrolments with the signed-in trainee's courses only, and an empty page without a linked record", async () => {
      const me = await createTrainee(em(), { subject: 'my-enrolments' });
      const first = await createCourse(em(), { title: 'Khóa một' });
      const second = await createCourse(em(), { title: 'Khóa hai' });
      await enrol(em(), first, me, { enrolledOn: '2026-01-05' });
      await enrol(em(), second, me, { enrolledOn: '2026-02-05' });
      await enrol(em(), first, await createTrainee(em()));
      const query = '{ myEnrolments { total items { enrolledOn course { title } trainee { id } } } }';
      const mine = await subgraph.execute({ query }, identityOf('trainee', 'my-enrolments'));
      expect(mine.data).toEqual({
        myEnrolments: {
          total: 2,
          items: [
            { enrolledOn: '2026-02-05', course: { title: 'Khóa hai' }, trainee: { id: me.id } },
            { enrolledOn: '2026-01-05', course: { title: 'Khóa một' }, trainee: { id: me.id } },
          ],
        },
      });
      const none = await subgraph.execute({ query }, identityOf('trainee', 'unlinked'));
      expect(none.data).toEqual({ myEnrolments: { total: 0, items: [] } });
    });

    it('shows a trainer only the enrolments of their own courses on Trainee.enrolments, and the roster of their course only', async () => {
      const trainee = await createTrainee(em(), { fullName: 'Trần Quốc Hùng' });
      const mine = await createCourse(em());
      const theirs = await createCourse(em(), { trainers: [{ subject: 'other-trainer', name: 'Khác' }] });
      const inMine = await enrol(em(), mine, trainee);
      await enrol(em(), theirs, trainee);
      const query = /* GraphQL */ `
        query($trainee: ID!, $mine: ID!, $theirs: ID!) {
          trainee(id: $trainee) { enrolments { id } }
          mine: course(id: $mine) { enrolments { id trainee { fullName } } }
          theirs: course(id: $theirs) { enrolments { id } }
        }
      `;
      const result = await subgraph.execute(
        { query, variables: { trainee: trainee.id, mine: mine.id, theirs: theirs.id } },
        trainer,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        trainee: { enrolments: [{ id: inMine.id }] },
        mine: { enrolments: [{ id: inMine.id, trainee: { fullName: 'Trần Quốc Hùng' } }] },
        theirs: { enrolments: null },
      });
      const asAdmin = await subgraph.execute(
        { query, variables: { trainee: trainee.id, mine: mine.id, theirs: theirs.id } },
        admin,
      );
      expect(asAdmin.data).toMatchObject({ trainee: { enrolments: [{}, {}] }, theirs: { enrolments: [{}] } });
      const asViewer = await subgraph.execute(
        { query: 'query($id: ID!) { course(id: $id) { enrolmentCount enrolments { id } } }', variables: { id: mine.id } },
        identityOf('viewer'),
      );
      expect(asViewer.data).toEqual({ course: { enrolmentCount: 1, enrolments: null } });
    });
  });
});
