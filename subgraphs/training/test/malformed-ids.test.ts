/**
 * A malformed id is BAD_USER_INPUT naming the argument, never INTERNAL_SERVER_ERROR. Each test
 * here failed before its fix (the security review of the training subgraph).
 */
import { addDays } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { errorOf } from './course.fixtures';
import { createCourse, createTrainee, today } from './fixtures';
import { ENROL, ENTITIES, SET_SCORE, UPDATE_COURSE, UPDATE_TRAINEE, WITHDRAW } from './operations.fixtures';

const admin = identityOf('admin');

describe('malformed ids', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();

  describe('a malformed id is BAD_USER_INPUT naming the argument, never INTERNAL_SERVER_ERROR', () => {
    const BAD = 'abc';

    it('answers every query and mutation taking an id with BAD_USER_INPUT on that argument', async () => {
      const course = await createCourse(em());
      const trainee = await createTrainee(em());
      const session = { date: addDays(today(), -3), startTime: '08:00', endTime: '11:00', topic: 'Buổi học' };
      const cases: [string, string, Record<string, unknown>, string][] = [
        ['course', 'query($id: ID!) { course(id: $id) { id } }', { id: BAD }, 'id'],
        ['trainee', 'query($id: ID!) { trainee(id: $id) { id } }', { id: BAD }, 'id'],
        ['updateTrainee', UPDATE_TRAINEE, { id: BAD, version: 1, input: { phone: '0912000000' } }, 'id'],
        ['updateCourse', UPDATE_COURSE, { id: BAD, version: 1, input: { capacity: 5 } }, 'id'],
        ['setCourseStatus', 'mutation($id: ID!) { setCourseStatus(id: $id, status: OPEN) { id } }', { id: BAD }, 'id'],
        ['enrol (course)', ENROL, { courseId: BAD, traineeId: trainee.id }, 'courseId'],
        ['enrol (trainee)', ENROL, { courseId: course.id, traineeId: BAD }, 'traineeId'],
        ['withdrawEnrolment', WITHDRAW, { id: BAD, version: 1 }, 'id'],
        ['setExamScore', SET_SCORE, { enrolmentId: BAD, score: 5 }, 'enrolmentId'],
        [
          'addCourseTrainer',
          'mutation($courseId: ID!) { addCourseTrainer(courseId: $courseId, subject: "s-1", name: "Giảng viên") { id } }',
          { courseId: BAD },
          'courseId',
        ],
        [
          'removeCourseTrainer',
          'mutation($courseId: ID!) { removeCourseTrainer(courseId: $courseId, subject: "s-1") { id } }',
          { courseId: BAD },
          'courseId',
        ],
        [
          'addSession',
          'mutation($courseId: ID!, $input: SessionInput!) { addSession(courseId: $courseId, input: $input) { id } }',
          { courseId: BAD, input: session },
          'courseId',
        ],
        [
          'updateSession',
          'mutation($id: ID!, $input: SessionUpdateInput!) { updateSession(id: $id, version: 1, input: $input) { id } }',
          { id: BAD, input: { topic: 'Khác' } },
          'id',
        ],
        ['removeSession', 'mutation($id: ID!) { removeSession(id: $id) { id } }', { id: BAD }, 'id'],
        [
          'linkTraineeAccount',
          'mutation($id: ID!) { linkTraineeAccount(traineeId: $id, subject: "s-2") { id } }',
          { id: BAD },
          'traineeId',
        ],
      ];

      const answers = [];
      for (const [name, query, variables] of cases) {
        const result = await subgraph.execute({ query, variables }, admin);
        answers.push([name, errorOf(result)?.code, errorOf(result)?.field]);
      }

      expect(answers).toEqual(cases.map(([name, , , field]) => [name, 'BAD_USER_INPUT', field]));
    });

    it('answers null for a malformed Course or Trainee reference, and still resolves the others of the batch', async () => {
      const course = await createCourse(em());
      const trainee = await createTrainee(em(), { fullName: 'Lê Thị Yến' });

      const result = await subgraph.execute<{ _entities: (Record<string, unknown> | null)[] }>(
        {
          query: ENTITIES,
          variables: {
            r: [
              { __typename: 'Course', id: BAD },
              { __typename: 'Course', id: course.id },
              { __typename: 'Trainee', id: BAD },
              { __typename: 'Trainee', id: trainee.id },
            ],
          },
        },
        admin,
      );

      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([
        null,
        { id: course.id, code: course.code },
        null,
        { id: trainee.id, fullName: 'Lê Thị Yến', employerTaxCode: null, position: null },
      ]);
    });
  });
});
