/**
 * The defects found by the security review of the training subgraph, one `describe` each: every
 * test here failed before its fix. Races are forced where they can be: a rival transaction holds
 * the row the operation under test needs, the test waits until the operation waits on it, and
 * only then lets the rival commit.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { addDays } from '@metrology/kit';
import { type GraphQLResponse, identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { AttendanceChange, AttendanceMark, AttendanceStatus } from '../src/modules/attendance/attendance.entity';
import { Certificate } from '../src/modules/certificate/certificate.entity';
import { Course, CourseStatus } from '../src/modules/course/course.entity';
import { Enrolment, EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { Trainee } from '../src/modules/trainee/trainee.entity';
import { CORRECT_MARK, classroom, IMPORT_CSV, RECORD_SHEET, TRAINER } from './attendance.fixtures';
import { ISSUE, type IssuedCertificate, issueAsTrainer } from './certificate.fixtures';
import { errorOf } from './course.fixtures';
import { createCourse, createTrainee, enrol, mark, today, vietnameseNames } from './fixtures';

const admin = identityOf('admin');
const trainer = identityOf('trainer', TRAINER);
const viewer = identityOf('viewer');

const TRAINEE = /* GraphQL */ `
  query($id: ID!) { trainee(id: $id) { id fullName citizenId dateOfBirth email phone } }
`;

const TRAINEES = /* GraphQL */ `
  query($search: String) { trainees(search: $search) { items { id citizenId dateOfBirth email phone } } }
`;

const UPDATE_TRAINEE = /* GraphQL */ `
  mutation($id: ID!, $version: Int!, $input: TraineeUpdateInput!) {
    updateTrainee(id: $id, version: $version, input: $input) {
      id fullName citizenId dateOfBirth email phone position employerTaxCode version
    }
  }
`;

const ENROL = /* GraphQL */ `
  mutation($courseId: ID!, $traineeId: ID!) { enrol(courseId: $courseId, traineeId: $traineeId) { id status version } }
`;

const WITHDRAW = /* GraphQL */ `
  mutation($id: ID!, $version: Int!) { withdrawEnrolment(id: $id, version: $version) { id status } }
`;

const ENTITIES = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Trainee { id fullName employerTaxCode position }
      ... on Course { id code }
    }
  }
`;

const COMPLETE = /* GraphQL */ `
  mutation($courseId: ID!) {
    completeCourse(courseId: $courseId) { course { id status } completed notCompleted withdrawn }
  }
`;

const SET_SCORE = /* GraphQL */ `
  mutation($enrolmentId: ID!, $score: Float!) { setExamScore(enrolmentId: $enrolmentId, score: $score) { id examScore } }
`;

const REVOKE = /* GraphQL */ `
  mutation($id: ID!, $reason: String!) { revokeCertificate(id: $id, reason: $reason) { id status } }
`;

const REISSUE = /* GraphQL */ `
  mutation($id: ID!, $reason: String!) { reissueCertificate(id: $id, reason: $reason) { id serial holderName } }
`;

const BULK = /* GraphQL */ `
  mutation($courseId: ID!) { issueCertificates(courseId: $courseId) { issued { id } skipped { enrolmentId code } } }
`;

const UPDATE_COURSE = /* GraphQL */ `
  mutation($id: ID!, $version: Int!, $input: CourseUpdateInput!) {
    updateCourse(id: $id, version: $version, input: $input) { id capacity version }
  }
`;

/** Unique 12-digit citizen IDs for this file. */
let citizenSeq = 0;
const nextCitizenId = () => `0020${String(Date.now() % 1e5).padStart(5, '0')}${String(citizenSeq++).padStart(3, '0')}`;

/** Rival certificates take year 1999, numbered in this file. */
let rivalSequence = 0;

/** Inserts a valid certificate the way a writer that bypasses the issuers' protocol would; its serial. */
async function insertRivalCertificate(rival: EntityManager, enrolmentId: string): Promise<string> {
  rivalSequence++;
  const serial = `RIVAL-1999-${String(rivalSequence).padStart(5, '0')}`;
  await rival.execute(
    'insert into certificate (id, enrolment_id, serial, year, sequence, verification_code, holder_name, course_title, ' +
      'course_code, course_hours, course_start_date, course_end_date, issuer_name, signer_name, signer_title, issued_on, ' +
      "issued_at, pdf, sha256) values (?, ?, ?, 1999, ?, ?, 'Nguyễn Văn Hải', 'Khóa bồi dưỡng', 'K-1', 40, " +
      "'2026-01-05', '2026-01-09', 'Sở', 'Người ký', 'Giám đốc', '2026-01-10', now(), ?, repeat('0', 64))",
    [randomUUID(), enrolmentId, serial, rivalSequence, randomBytes(32).toString('base64url'), Buffer.from('%PDF-')],
  );
  return serial;
}

describe('security review fixes', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();

  /** Resolves once a statement of this database waits on a lock (the operation met the rival's row). */
  async function untilSomeoneWaitsOnALock(): Promise<void> {
    const probe = em();
    for (let attempt = 0; attempt < 400; attempt++) {
      const [row] = await probe.execute<{ waiting: number }[]>(
        "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      if (row.waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the operation never waited on the rival row');
  }

  /**
   * Runs `operation` while a rival transaction (arranged by `hold`) holds what it needs, and
   * commits the rival once the operation waits on it.
   */
  async function againstRival<T>(
    hold: (rival: EntityManager) => Promise<void>,
    operation: () => Promise<GraphQLResponse<T>>,
  ): Promise<GraphQLResponse<T>> {
    let running: Promise<GraphQLResponse<T>> | undefined;
    await em().transactional(async (rival) => {
      await hold(rival);
      running = operation();
      await untilSomeoneWaitsOnALock();
    });
    if (!running) throw new Error('the operation did not start');
    return running;
  }

  /** A trainee with every personal field, for the access tests. */
  function personalTrainee(fullName: string, subject: string | null = null): Promise<Trainee> {
    return createTrainee(em(), {
      fullName,
      citizenId: nextCitizenId(),
      email: `${randomUUID().slice(0, 8)}@example.vn`,
      phone: '0912345678',
      dateOfBirth: '1985-04-12',
      employerTaxCode: '4900123456',
      position: 'Kỹ thuật viên',
      subject,
    });
  }

  describe('1. a trainer reaches a trainee only through an enrolment not withdrawn; identity fields are for administrators', () => {
    it('enrolling a trainee and withdrawing them gives the trainer no lasting access: trainee(id) and updateTrainee FORBIDDEN, personal fields hidden', async () => {
      const trainee = await personalTrainee('Vũ Thị Hằng');
      const course = await createCourse(em());
      const enrolled = await subgraph.execute<{ enrol: { id: string; version: number } }>(
        { query: ENROL, variables: { courseId: course.id, traineeId: trainee.id } },
        trainer,
      );
      const enrolment = enrolled.data?.enrol;
      if (!enrolment) throw new Error(`enrol failed: ${JSON.stringify(enrolled.errors)}`);
      const withdrawn = await subgraph.execute(
        { query: WITHDRAW, variables: { id: enrolment.id, version: enrolment.version } },
        trainer,
      );
      expect(withdrawn.errors).toBeUndefined();

      const read = await subgraph.execute({ query: TRAINEE, variables: { id: trainee.id } }, trainer);
      const update = await subgraph.execute(
        { query: UPDATE_TRAINEE, variables: { id: trainee.id, version: trainee.version, input: { phone: '0900000001' } } },
        trainer,
      );
      const search = await subgraph.execute<{ trainees: { items: Record<string, unknown>[] } }>(
        { query: TRAINEES, variables: { search: 'Vũ Thị Hằng' } },
        trainer,
      );

      expect(errorOf(read)?.code).toBe('FORBIDDEN');
      expect(errorOf(update)?.code).toBe('FORBIDDEN');
      expect(search.data?.trainees.items.find((item) => item.id === trainee.id)).toEqual({
        id: trainee.id,
        citizenId: `********${trainee.citizenId?.slice(-4)}`,
        dateOfBirth: null,
        email: null,
        phone: null,
      });
      expect((await em().findOneOrFail(Trainee, { id: trainee.id })).phone).toBe('0912345678');
    });

    it('refuses a trainer of their course and the person a change of full name, citizen ID or date of birth (FORBIDDEN naming the fields), and lets them change the contact fields', async () => {
      const trainee = await personalTrainee('Bùi Văn Sơn', 'identity-self');
      await enrol(em(), await createCourse(em()), trainee);
      const self = identityOf('trainee', 'identity-self');
      const attempts: [Record<string, unknown>, string][] = [
        [{ fullName: 'Bùi Văn Sơn Khác' }, 'fullName'],
        [{ citizenId: nextCitizenId() }, 'citizenId'],
        [{ dateOfBirth: '1990-01-01' }, 'dateOfBirth'],
        [{ citizenId: null }, 'citizenId'],
      ];
      for (const caller of [trainer, self]) {
        for (const [input, field] of attempts) {
          const result = await subgraph.execute(
            { query: UPDATE_TRAINEE, variables: { id: trainee.id, version: trainee.version, input } },
            caller,
          );
          expect(errorOf(result), `${caller.subject} changing ${field}`).toMatchObject({ code: 'FORBIDDEN', fields: [field] });
          expect(result.errors?.[0]?.message).toContain('Chỉ quản trị viên');
        }
      }
      const stored = await em().findOneOrFail(Trainee, { id: trainee.id });
      expect(stored).toMatchObject({ fullName: 'Bùi Văn Sơn', citizenId: trainee.citizenId, dateOfBirth: '1985-04-12' });

      const byTrainer = await subgraph.execute<{ updateTrainee: Record<string, unknown> }>(
        {
          query: UPDATE_TRAINEE,
          variables: {
            id: trainee.id,
            version: trainee.version,
            // The name sent back as it stands is no change: a form may send the whole record.
            input: { fullName: 'Bùi Văn Sơn', position: 'Trưởng phòng', employerTaxCode: '4900123456-001' },
          },
        },
        trainer,
      );
      expect(byTrainer.errors).toBeUndefined();
      const bySelf = await subgraph.execute<{ updateTrainee: Record<string, unknown> }>(
        {
          query: UPDATE_TRAINEE,
          variables: {
            id: trainee.id,
            version: trainee.version + 1,
            input: { email: 'Son.Bui@Example.vn', phone: '0987000111', position: 'Phó phòng', employerTaxCode: '4900123456' },
          },
        },
        self,
      );
      expect(bySelf.errors).toBeUndefined();
      expect(bySelf.data?.updateTrainee).toMatchObject({
        email: 'son.bui@example.vn',
        phone: '0987000111',
        position: 'Phó phòng',
        employerTaxCode: '4900123456',
      });
    });

    it('lets an administrator correct the name, and the certificate reissued afterwards prints the corrected name', async () => {
      const trainee = await personalTrainee('Nguyen Van Hai');
      const enrolment = await enrol(em(), await createCourse(em()), trainee, { status: EnrolmentStatus.COMPLETED });
      const issued = await issueAsTrainer(subgraph, enrolment.id, trainer);

      const renamed = await subgraph.execute<{ updateTrainee: { fullName: string } }>(
        { query: UPDATE_TRAINEE, variables: { id: trainee.id, version: trainee.version, input: { fullName: 'Nguyễn Văn Hải' } } },
        admin,
      );
      const reissued = await subgraph.execute<{ reissueCertificate: { holderName: string } }>(
        { query: REISSUE, variables: { id: issued.id, reason: 'Đính chính họ và tên có dấu' } },
        trainer,
      );

      expect(renamed.data?.updateTrainee.fullName).toBe('Nguyễn Văn Hải');
      expect(reissued.errors).toBeUndefined();
      expect(reissued.data?.reissueCertificate.holderName).toBe('Nguyễn Văn Hải');
    });
  });

  describe('2. Trainee references follow the read rule of trainee(id)', () => {
    it('answers null, not an error for the batch, for a Trainee the caller may not read; the record for the person, administrators and the trainers of a course they are in', async () => {
      const trainee = await personalTrainee('Đặng Thu Trang', 'reference-self');
      await enrol(em(), await createCourse(em()), trainee);
      const formerTrainer = identityOf('trainer', 'reference-former-trainer');
      await enrol(em(), await createCourse(em(), { trainers: [{ subject: 'reference-former-trainer', name: 'Cũ' }] }), trainee, {
        status: EnrolmentStatus.WITHDRAWN,
      });
      const representations = [
        { __typename: 'Trainee', id: trainee.id },
        { __typename: 'Trainee', id: '00000000-0000-4000-8000-000000000009' },
      ];
      const entitiesAs = (caller: ReturnType<typeof identityOf>) =>
        subgraph.execute<{ _entities: (Record<string, unknown> | null)[] }>(
          { query: ENTITIES, variables: { r: representations } },
          caller,
        );
      const record = { id: trainee.id, fullName: 'Đặng Thu Trang', employerTaxCode: '4900123456', position: 'Kỹ thuật viên' };

      for (const caller of [identityOf('trainee', 'reference-other'), viewer, formerTrainer]) {
        const result = await entitiesAs(caller);
        expect(result.errors, caller.subject ?? '').toBeUndefined();
        expect(result.data?._entities, caller.subject ?? '').toEqual([null, null]);
      }
      for (const caller of [identityOf('trainee', 'reference-self'), admin, trainer]) {
        const result = await entitiesAs(caller);
        expect(result.errors, caller.subject ?? '').toBeUndefined();
        expect(result.data?._entities, caller.subject ?? '').toEqual([record, null]);
      }
    });
  });

  describe('3. marks and scores are final once a course is COMPLETED, and a completion never leaves a valid certificate behind', () => {
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

  describe('4. a concurrent writer gets CONFLICT or success, never INTERNAL_SERVER_ERROR', () => {
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

  describe('5. capacity cannot drop below the trainees enrolled, even against a concurrent enrolment', () => {
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

  describe('6. a malformed id is BAD_USER_INPUT naming the argument, never INTERNAL_SERVER_ERROR', () => {
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

  describe('7. a person editing their own record is not told whose another email is', () => {
    it("answers a trainee taking someone else's email with a CONFLICT that names no other record; staff still get the holder's id", async () => {
      const holder = await createTrainee(em(), { fullName: 'Phạm Quốc Khoa', email: 'khoa.pham@example.vn' });
      const trainee = await personalTrainee('Ngô Minh Linh', 'email-self');

      const own = await subgraph.execute(
        {
          query: UPDATE_TRAINEE,
          variables: { id: trainee.id, version: trainee.version, input: { email: 'Khoa.Pham@example.vn' } },
        },
        identityOf('trainee', 'email-self'),
      );
      const byAdmin = await subgraph.execute(
        {
          query: UPDATE_TRAINEE,
          variables: { id: trainee.id, version: trainee.version, input: { email: 'khoa.pham@example.vn' } },
        },
        admin,
      );

      expect(errorOf(own)).toMatchObject({ code: 'CONFLICT', field: 'email' });
      expect(errorOf(own)).not.toHaveProperty('traineeId');
      expect(JSON.stringify(own.errors)).not.toContain(holder.id);
      expect(errorOf(byAdmin)).toMatchObject({ code: 'CONFLICT', field: 'email', traineeId: holder.id });
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
