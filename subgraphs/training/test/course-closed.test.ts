/**
 * A COMPLETED course is final: its marks and scores no longer change, and a completion never leaves
 * a valid certificate behind. Each test here failed before its fix (the security review of the
 * training subgraph).
 */
import { addDays } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { AttendanceChange, AttendanceMark, AttendanceStatus } from '../src/modules/attendance/attendance.entity';
import { Course, CourseStatus } from '../src/modules/course/course.entity';
import { Enrolment, EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { CORRECT_MARK, classroom, IMPORT_CSV, RECORD_SHEET, TRAINER } from './attendance.fixtures';
import { issueAsTrainer } from './certificate.fixtures';
import { errorOf } from './course.fixtures';
import { mark, today } from './fixtures';
import { COMPLETE, REVOKE, SET_SCORE, UPDATE_COURSE } from './operations.fixtures';
import { insertRivalCertificate, rivals } from './rivals.fixtures';

const admin = identityOf('admin');
const trainer = identityOf('trainer', TRAINER);

describe('a completed course', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();
  const { againstRival } = rivals(em);

  describe('marks and scores are final once a course is COMPLETED, and a completion never leaves a valid certificate behind', () => {
    /** A course that ended yesterday and is COMPLETED, one trainee COMPLETED with every session attended. */
    async function completedCourse() {
      const room = await classroom(em(), {
        names: ['Hồ Văn Em'],
        sessionDays: [-12, -10],
        course: {
          startDate: addDays(today(), -14),
          endDate: addDays(today(), -1),
          status: CourseStatus.COMPLETED,
          passingScore: 5,
        },
      });
      for (const session of room.sessions) await mark(em(), room.enrolments[0], session, AttendanceStatus.PRESENT);
      const fork = em();
      fork.assign(await fork.findOneOrFail(Enrolment, { id: room.enrolments[0].id }), {
        status: EnrolmentStatus.COMPLETED,
        examScore: 8,
      });
      await fork.flush();
      return room;
    }

    async function writtenMarks(courseId: string): Promise<{ marks: unknown[]; changes: number }> {
      const fork = em();
      const marks = await fork.find(
        AttendanceMark,
        { session: { course: courseId } },
        { orderBy: { id: 'asc' }, fields: ['status', 'note', 'version'] },
      );
      return {
        marks: marks.map((row) => [row.status, row.note, row.version]),
        changes: await fork.count(AttendanceChange, { session: { course: courseId } }),
      };
    }

    it('refuses an attendance sheet, a correction and a CSV import on a COMPLETED course with CONFLICT, writing nothing', async () => {
      const { course, sessions, enrolments } = await completedCourse();
      const before = await writtenMarks(course.id);
      const [session] = sessions;

      const sheet = await subgraph.execute(
        {
          query: RECORD_SHEET,
          variables: { input: { sessionId: session.id, rows: [{ enrolmentId: enrolments[0].id, status: 'ABSENT' }] } },
        },
        trainer,
      );
      const correction = await subgraph.execute(
        { query: CORRECT_MARK, variables: { sessionId: session.id, enrolmentId: enrolments[0].id, status: 'ABSENT' } },
        trainer,
      );
      const csv = await subgraph.execute(
        { query: IMPORT_CSV, variables: { sessionId: session.id, csv: 'Họ và tên,Trạng thái\nHồ Văn Em,Vắng\n' } },
        admin,
      );

      for (const result of [sheet, correction, csv]) {
        expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', status: 'COMPLETED' });
        expect(result.errors?.[0]?.message).toMatch(/^Khóa học đã kết thúc/);
      }
      expect(await writtenMarks(course.id)).toEqual(before);
    });

    it('refuses an attendance sheet, a correction and a CSV import on a CANCELLED course with CONFLICT, writing nothing', async () => {
      const room = await classroom(em(), {
        names: ['Đỗ Thị Giang'],
        sessionDays: [-5],
        course: { startDate: addDays(today(), -7), endDate: addDays(today(), 7), status: CourseStatus.CANCELLED },
      });
      await mark(em(), room.enrolments[0], room.sessions[0], AttendanceStatus.PRESENT);
      const before = await writtenMarks(room.course.id);
      const [session] = room.sessions;
      const [enrolment] = room.enrolments;

      const results = [
        await subgraph.execute(
          {
            query: RECORD_SHEET,
            variables: { input: { sessionId: session.id, rows: [{ enrolmentId: enrolment.id, status: 'ABSENT' }] } },
          },
          trainer,
        ),
        await subgraph.execute(
          { query: CORRECT_MARK, variables: { sessionId: session.id, enrolmentId: enrolment.id, status: 'ABSENT' } },
          trainer,
        ),
        await subgraph.execute(
          { query: IMPORT_CSV, variables: { sessionId: session.id, csv: 'Họ và tên,Trạng thái\nĐỗ Thị Giang,Vắng\n' } },
          admin,
        ),
      ];

      for (const result of results) {
        expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', status: 'CANCELLED' });
        expect(result.errors?.[0]?.message).toMatch(/^Khóa học đã bị hủy/);
      }
      expect(await writtenMarks(room.course.id)).toEqual(before);
    });

    it("refuses to change a COMPLETED course's completion rule, dates or plan (CONFLICT naming the fields), while its title and venue may still be corrected", async () => {
      const { course } = await completedCourse();
      const current = await em().findOneOrFail(Course, { id: course.id });

      const refused = await subgraph.execute(
        {
          query: UPDATE_COURSE,
          variables: {
            id: course.id,
            version: current.version,
            input: { passingScore: 9, minAttendanceRate: 0.5, planYear: 2027 },
          },
        },
        trainer,
      );
      expect(errorOf(refused)).toMatchObject({
        code: 'CONFLICT',
        status: 'COMPLETED',
        fields: ['planYear', 'minAttendancePercent', 'passingScore'],
      });
      expect(refused.errors?.[0]?.message).toMatch(/^Khóa học đã kết thúc hoặc đã hủy/);
      const unchanged = await em().findOneOrFail(Course, { id: course.id });
      expect([unchanged.passingScore, unchanged.minAttendancePercent, unchanged.planYear, unchanged.version]).toEqual([
        current.passingScore,
        current.minAttendancePercent,
        current.planYear,
        current.version,
      ]);

      const corrected = await subgraph.execute(
        {
          query: UPDATE_COURSE,
          variables: {
            id: course.id,
            version: current.version,
            input: { title: 'Bồi dưỡng kiểm định cân (đã sửa tên)', venue: 'Hội trường Sở KH&CN' },
          },
        },
        trainer,
      );
      expect(corrected.errors).toBeUndefined();
      const renamed = await em().findOneOrFail(Course, { id: course.id });
      expect([renamed.title, renamed.venue]).toEqual(['Bồi dưỡng kiểm định cân (đã sửa tên)', 'Hội trường Sở KH&CN']);
    });

    it('refuses an exam score on a COMPLETED course with CONFLICT and keeps the score', async () => {
      const { enrolments } = await completedCourse();

      const result = await subgraph.execute(
        { query: SET_SCORE, variables: { enrolmentId: enrolments[0].id, score: 2 } },
        trainer,
      );

      expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', status: 'COMPLETED' });
      expect(result.errors?.[0]?.message).toMatch(/^Khóa học đã kết thúc/);
      expect((await em().findOneOrFail(Enrolment, { id: enrolments[0].id })).examScore).toBe(8);
    });

    it('refuses to complete again a course whose rule now fails a COMPLETED enrolment holding a valid certificate (CONFLICT naming the serial); after revocation it applies', async () => {
      const { course, enrolments } = await completedCourse();
      const certificate = await issueAsTrainer(subgraph, enrolments[0].id, trainer);
      // The rule changes after completion (a stricter passing score): the trainee would now fail.
      const fork = em();
      fork.assign(await fork.findOneOrFail(Course, { id: course.id }), { passingScore: 9 });
      await fork.flush();

      const refused = await subgraph.execute({ query: COMPLETE, variables: { courseId: course.id } }, trainer);

      expect(errorOf(refused)).toMatchObject({
        code: 'CONFLICT',
        reason: 'VALID_CERTIFICATE',
        serials: [certificate.serial],
        enrolmentIds: [enrolments[0].id],
      });
      expect(refused.errors?.[0]?.message).toContain(certificate.serial);
      expect((await em().findOneOrFail(Enrolment, { id: enrolments[0].id })).status).toBe(EnrolmentStatus.COMPLETED);

      const revoked = await subgraph.execute(
        { query: REVOKE, variables: { id: certificate.id, reason: 'Điểm đạt của khóa học được nâng' } },
        admin,
      );
      expect(revoked.errors).toBeUndefined();
      const applied = await subgraph.execute({ query: COMPLETE, variables: { courseId: course.id } }, trainer);
      expect(applied.errors).toBeUndefined();
      expect((await em().findOneOrFail(Enrolment, { id: enrolments[0].id })).status).toBe(EnrolmentStatus.NOT_COMPLETED);
    });

    it('a completion waits for an issuer holding the enrolment, then sees its certificate and refuses the downgrade', async () => {
      const { course, enrolments } = await completedCourse();
      const fork = em();
      fork.assign(await fork.findOneOrFail(Course, { id: course.id }), { passingScore: 9 });
      await fork.flush();
      let serial = '';

      const result = await againstRival(
        async (rival) => {
          // What an issuer does: lock the enrolment, then insert its certificate.
          await rival.execute('select id from enrolment where id = ? for no key update', [enrolments[0].id]);
          serial = await insertRivalCertificate(rival, enrolments[0].id);
        },
        () => subgraph.execute({ query: COMPLETE, variables: { courseId: course.id } }, trainer),
      );

      expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', serials: [serial] });
      expect((await em().findOneOrFail(Enrolment, { id: enrolments[0].id })).status).toBe(EnrolmentStatus.COMPLETED);
    });
  });
});
