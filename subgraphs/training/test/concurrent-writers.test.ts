/**
 * Concurrent writers: each gets success or CONFLICT, never INTERNAL_SERVER_ERROR; capacity holds
 * against a concurrent enrolment; a sheet sent twice at once is recorded once. Races are forced
 * (`rivals.fixtures.ts`). Each test here failed before its fix (the security review of the
 * training subgraph).
 */
import { randomUUID } from 'node:crypto';
import { addDays } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { AttendanceChange } from '../src/modules/attendance/attendance.entity';
import { Certificate } from '../src/modules/certificate/certificate.entity';
import { Course, CourseStatus } from '../src/modules/course/course.entity';
import { Enrolment, EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { classroom, RECORD_SHEET, TRAINER } from './attendance.fixtures';
import { ISSUE, type IssuedCertificate } from './certificate.fixtures';
import { errorOf } from './course.fixtures';
import { createCourse, createTrainee, enrol, today, vietnameseNames } from './fixtures';
import { BULK, COMPLETE, ENROL, UPDATE_COURSE } from './operations.fixtures';
import { insertRivalCertificate, rivals } from './rivals.fixtures';

const admin = identityOf('admin');
const trainer = identityOf('trainer', TRAINER);

describe('concurrent writers', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();
  const { againstRival } = rivals(em);

  describe('a concurrent writer gets CONFLICT or success, never INTERNAL_SERVER_ERROR', () => {
    /** A RUNNING course that ended yesterday with a few trainees, ready to complete. */
    async function endedCourse(trainees: number) {
      return classroom(em(), {
        names: vietnameseNames(trainees),
        sessionDays: [-6, -4],
        course: { startDate: addDays(today(), -7), endDate: addDays(today(), -1) },
      });
    }

    it('completes a course asked twice at the same time: one succeeds, the other succeeds or gets CONFLICT', async () => {
      const { course } = await endedCourse(30);

      const results = await Promise.all(
        [trainer, admin].map((caller) => subgraph.execute({ query: COMPLETE, variables: { courseId: course.id } }, caller)),
      );

      const codes = results.map((result) => errorOf(result)?.code ?? 'OK');
      expect(codes).toContain('OK');
      for (const code of codes) expect(['OK', 'CONFLICT']).toContain(code);
      expect((await em().findOneOrFail(Course, { id: course.id })).status).toBe(CourseStatus.COMPLETED);
      expect(await em().count(Enrolment, { course: course.id, status: EnrolmentStatus.NOT_COMPLETED })).toBe(30);
    });

    it('completes a course after a concurrent writer of the course row commits, instead of failing on its version', async () => {
      const { course } = await endedCourse(3);

      const result = await againstRival(
        async (rival) => {
          // Another completion, at its end: the course row locked and its version moved on.
          await rival.execute("update course set status = 'COMPLETED', version = version + 1 where id = ?", [course.id]);
        },
        () => subgraph.execute({ query: COMPLETE, variables: { courseId: course.id } }, trainer),
      );

      expect(result.errors).toBeUndefined();
      expect(result.data).toMatchObject({ completeCourse: { course: { status: 'COMPLETED' }, notCompleted: 3 } });
    });

    it('answers bulk issuing that meets a certificate inserted by a rival writer with CONFLICT (the constraint named), issuing nothing', async () => {
      const course = await createCourse(em());
      const enrolment = await enrol(em(), course, await createTrainee(em()), { status: EnrolmentStatus.COMPLETED });

      const result = await againstRival(
        async (rival) => {
          await insertRivalCertificate(rival, enrolment.id);
        },
        () => subgraph.execute({ query: BULK, variables: { courseId: course.id } }, trainer),
      );

      expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', constraint: 'certificate_one_valid_per_enrolment' });
      // The rival's certificate only: the transaction that met it wrote nothing.
      expect(await em().count(Certificate, { enrolment: enrolment.id })).toBe(1);
    });

    it('still answers a single issue that meets a rival certificate with that certificate', async () => {
      const course = await createCourse(em());
      const enrolment = await enrol(em(), course, await createTrainee(em()), { status: EnrolmentStatus.COMPLETED });
      let serial = '';

      const result = await againstRival(
        async (rival) => {
          serial = await insertRivalCertificate(rival, enrolment.id);
        },
        () =>
          subgraph.execute<{ issueCertificate: IssuedCertificate }>(
            { query: ISSUE, variables: { enrolmentId: enrolment.id } },
            trainer,
          ),
      );

      expect(result.errors).toBeUndefined();
      expect(result.data?.issueCertificate.serial).toBe(serial);
    });
  });

  describe('capacity cannot drop below the trainees enrolled, even against a concurrent enrolment', () => {
    const seatsOf = (courseId: string) => em().count(Enrolment, { course: courseId, status: { $ne: EnrolmentStatus.WITHDRAWN } });

    it('refuses a capacity reduction made while an enrolment takes the last seat (CONFLICT), once that enrolment commits', async () => {
      const course = await createCourse(em(), { capacity: 3 });
      for (let i = 0; i < 2; i++) await enrol(em(), course, await createTrainee(em()));
      const third = await createTrainee(em());

      const result = await againstRival(
        async (rival) => {
          // What `enrol` does: lock the course row, count the seats, insert the enrolment.
          await rival.execute('select id from course where id = ? for update', [course.id]);
          await rival.execute(
            "insert into enrolment (id, course_id, trainee_id, enrolled_on, status, version) values (?, ?, ?, ?, 'ENROLLED', 1)",
            [randomUUID(), course.id, third.id, course.startDate],
          );
        },
        () =>
          subgraph.execute(
            { query: UPDATE_COURSE, variables: { id: course.id, version: course.version, input: { capacity: 2 } } },
            trainer,
          ),
      );

      expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', enrolled: 3 });
      expect((await em().findOneOrFail(Course, { id: course.id })).capacity).toBe(3);
      expect(await seatsOf(course.id)).toBe(3);
    });

    it('never leaves more trainees enrolled than the capacity when capacity reductions and enrolments race', async () => {
      for (let round = 0; round < 5; round++) {
        const course = await createCourse(em(), { capacity: 3 });
        for (let i = 0; i < 2; i++) await enrol(em(), course, await createTrainee(em()));
        const trainee = await createTrainee(em());

        await Promise.all([
          subgraph.execute({ query: ENROL, variables: { courseId: course.id, traineeId: trainee.id } }, trainer),
          subgraph.execute(
            { query: UPDATE_COURSE, variables: { id: course.id, version: course.version, input: { capacity: 2 } } },
            trainer,
          ),
        ]);

        const stored = await em().findOneOrFail(Course, { id: course.id });
        expect(await seatsOf(course.id)).toBeLessThanOrEqual(stored.capacity);
      }
    });
  });

  describe('a sheet sent twice at the same time (a retry)', () => {
    it('records both: the first creates the marks, the second changes nothing, no CONFLICT', async () => {
      const { sessions, enrolments } = await classroom(em(), { names: vietnameseNames(40), sessionDays: [-2] });
      const [session] = sessions;
      const input = {
        sessionId: session.id,
        rows: enrolments.map((enrolment, index) => ({ enrolmentId: enrolment.id, status: index % 4 === 0 ? 'LATE' : 'PRESENT' })),
      };

      const results = await Promise.all(
        [0, 1, 2].map(() =>
          subgraph.execute<{ recordAttendanceSheet: { created: number; unchanged: number } }>(
            { query: RECORD_SHEET, variables: { input } },
            trainer,
          ),
        ),
      );

      expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
      const counts = results
        .map((result) => result.data?.recordAttendanceSheet)
        .sort((a, b) => (b?.created ?? 0) - (a?.created ?? 0));
      expect(counts).toEqual([
        expect.objectContaining({ created: 40, unchanged: 0 }),
        expect.objectContaining({ created: 0, unchanged: 40 }),
        expect.objectContaining({ created: 0, unchanged: 40 }),
      ]);
      expect(await em().count(AttendanceChange, { session: session.id })).toBe(40);
    });

    it('records the second sheet after the first commits, when the first is still writing as the second arrives', async () => {
      const { sessions, enrolments } = await classroom(em(), { names: vietnameseNames(3), sessionDays: [-2] });
      const [session] = sessions;
      const input = {
        sessionId: session.id,
        rows: enrolments.map((enrolment) => ({ enrolmentId: enrolment.id, status: 'PRESENT' })),
      };

      const result = await againstRival(
        async (rival) => {
          // The first sheet, inside its transaction: the session locked, its marks written.
          await rival.execute('select id from course_session where id = ? for update', [session.id]);
          for (const enrolment of enrolments) {
            await rival.execute(
              "insert into attendance_mark (enrolment_id, session_id, status, recorded_by, recorded_at, version) values (?, ?, 'PRESENT', 'first', now(), 1)",
              [enrolment.id, session.id],
            );
          }
        },
        () =>
          subgraph.execute<{ recordAttendanceSheet: { created: number; unchanged: number } }>(
            { query: RECORD_SHEET, variables: { input } },
            trainer,
          ),
      );

      expect(result.errors).toBeUndefined();
      expect(result.data?.recordAttendanceSheet).toMatchObject({ created: 0, unchanged: 3 });
    });
  });
});
