/**
 * Who reaches a trainee's record (docs/RULES.md, "Access and personal data"): a trainer only through
 * an enrolment not withdrawn, references by the read rule of `trainee(id)`, and nothing of another
 * person's email to someone editing their own record. Each test here failed before its fix (the
 * security review of the training subgraph).
 */
import { randomUUID } from 'node:crypto';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { Trainee } from '../src/modules/trainee/trainee.entity';
import { TRAINER } from './attendance.fixtures';
import { issueAsTrainer } from './certificate.fixtures';
import { errorOf } from './course.fixtures';
import { createCourse, createTrainee, enrol } from './fixtures';
import { ENROL, ENTITIES, REISSUE, TRAINEE, TRAINEES, UPDATE_TRAINEE, WITHDRAW } from './operations.fixtures';

const admin = identityOf('admin');
const trainer = identityOf('trainer', TRAINER);
const viewer = identityOf('viewer');

/** Unique 12-digit citizen IDs for this file. */
let citizenSeq = 0;
const nextCitizenId = () => `0020${String(Date.now() % 1e5).padStart(5, '0')}${String(citizenSeq++).padStart(3, '0')}`;

describe('trainee access', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();

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

  describe('a trainer reaches a trainee only through an enrolment not withdrawn; identity fields are for administrators', () => {
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

  describe('Trainee references follow the read rule of trainee(id)', () => {
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

  describe('a person editing their own record is not told whose another email is', () => {
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
});
