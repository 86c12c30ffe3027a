import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { Trainee } from '../src/modules/trainee/trainee.entity';
import { auditOf, errorOf } from './course.fixtures';
import { createTrainee } from './fixtures';
import { enrolledTrainee, nextCitizenId } from './trainee.fixtures';

const REGISTER = /* GraphQL */ `
  mutation($input: TraineeInput!) {
    registerTrainee(input: $input) {
      matched
      trainee { id fullName citizenId dateOfBirth email phone employerTaxCode position version }
    }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation($id: ID!, $version: Int!, $input: TraineeUpdateInput!) {
    updateTrainee(id: $id, version: $version, input: $input) { id fullName email phone position version }
  }
`;

const admin = identityOf('admin');
const trainer = identityOf('trainer');
const viewer = identityOf('viewer');

describe('training subgraph: registering and changing trainees', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();

  describe('registerTrainee', () => {
    it('stores a name typed in NFD as NFC with an accent-free search key, and normalises email and phone', async () => {
      const nfd = 'Nguyễn Văn Hải'.normalize('NFD');
      expect(nfd).not.toBe('Nguyễn Văn Hải');
      const citizenId = nextCitizenId();
      const result = await subgraph.execute<{
        registerTrainee: { matched: boolean; trainee: Record<string, unknown> & { id: string } };
      }>(
        {
          query: REGISTER,
          variables: {
            input: {
              fullName: `  ${nfd}  `,
              citizenId,
              dateOfBirth: '1990-05-17',
              email: ' Hai.Nguyen@Example.VN ',
              phone: '0912 345 678',
              employerTaxCode: '4900123456-001',
              position: 'Kỹ thuật viên',
            },
          },
        },
        admin,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.registerTrainee).toMatchObject({
        matched: false,
        trainee: {
          fullName: 'Nguyễn Văn Hải',
          citizenId,
          dateOfBirth: '1990-05-17',
          email: 'hai.nguyen@example.vn',
          phone: '0912345678',
          employerTaxCode: '4900123456-001',
          position: 'Kỹ thuật viên',
          version: 1,
        },
      });
      const id = result.data?.registerTrainee.trainee.id ?? '';
      const stored = await em().findOneOrFail(Trainee, { id });
      expect(stored.fullName).toBe('Nguyễn Văn Hải'.normalize('NFC'));
      expect(stored.searchName).toBe('nguyen van hai');
      const [event] = await auditOf(subgraph, id);
      expect(event).toMatchObject({ entityType: 'Trainee', action: 'REGISTERED' });
      const trail = JSON.stringify(event?.changes);
      for (const personal of [citizenId, 'hai.nguyen@example.vn', '0912345678', '1990-05-17'])
        expect(trail).not.toContain(personal);
    });

    it('answers the person already on record for the same citizen ID (matched), without a duplicate or any change', async () => {
      const citizenId = nextCitizenId();
      const existing = await createTrainee(em(), { fullName: 'Trần Thị Lan', citizenId, email: null });
      const result = await subgraph.execute<{ registerTrainee: { matched: boolean; trainee: { id: string; fullName: string } } }>(
        { query: REGISTER, variables: { input: { fullName: 'Tran Thi Lan', citizenId, email: 'lan.tran@example.vn' } } },
        admin,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.registerTrainee).toMatchObject({
        matched: true,
        trainee: { id: existing.id, fullName: 'Trần Thị Lan' },
      });
      expect(await em().count(Trainee, { citizenId })).toBe(1);
      expect((await em().findOneOrFail(Trainee, { id: existing.id })).email).toBeNull();
    });

    it('answers the person already on record for the same email in another case (matched)', async () => {
      const existing = await createTrainee(em(), { fullName: 'Lê Minh Đạt', email: 'dat.le@example.vn' });
      const result = await subgraph.execute<{ registerTrainee: { matched: boolean; trainee: { id: string } } }>(
        { query: REGISTER, variables: { input: { fullName: 'Lê Minh Đạt', email: 'DAT.LE@example.vn' } } },
        trainer,
      );
      expect(result.data?.registerTrainee).toMatchObject({ matched: true, trainee: { id: existing.id } });
    });

    it('refuses a citizen ID of one person with the email of another with CONFLICT', async () => {
      const citizenId = nextCitizenId();
      await createTrainee(em(), { fullName: 'Ngô Văn Khoa', citizenId });
      await createTrainee(em(), { fullName: 'Dương Thị Linh', email: 'linh.duong@example.vn' });
      const result = await subgraph.execute(
        { query: REGISTER, variables: { input: { fullName: 'Ngô Văn Khoa', citizenId, email: 'linh.duong@example.vn' } } },
        admin,
      );
      expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', field: 'email' });
    });

    it('shows the trainer who registers a person the masked citizen ID only, until that person is in one of their courses', async () => {
      const citizenId = '079123452345';
      const result = await subgraph.execute(
        { query: REGISTER, variables: { input: { fullName: 'Vũ Đức Hùng', citizenId, email: 'hung.vu@example.vn' } } },
        trainer,
      );
      expect(result.data?.registerTrainee).toMatchObject({
        matched: false,
        trainee: { citizenId: '********2345', email: null, phone: null, dateOfBirth: null },
      });
    });

    it.each([
      ['a citizen ID of 11 digits', { citizenId: '01234567890' }, 'citizenId'],
      ['a citizen ID with a letter', { citizenId: '01234567890A' }, 'citizenId'],
      ['an email without a domain', { email: 'hai@' }, 'email'],
      ['a phone of 7 digits', { phone: '0912345' }, 'phone'],
      ['a phone with letters', { phone: '0912abc678' }, 'phone'],
      ['a tax code of 9 digits', { employerTaxCode: '490012345' }, 'employerTaxCode'],
      ['a tax code with a 2-digit branch', { employerTaxCode: '4900123456-01' }, 'employerTaxCode'],
      ['a one-letter name', { fullName: 'H' }, 'fullName'],
      ['a birth date in the future', { dateOfBirth: '2999-01-01' }, 'dateOfBirth'],
    ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_label, overrides, field) => {
      const before = await em().count(Trainee, {});
      const result = await subgraph.execute(
        { query: REGISTER, variables: { input: { fullName: 'Đặng Văn Sơn', ...overrides } } },
        admin,
      );
      expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await em().count(Trainee, {})).toBe(before);
    });

    it('refuses a viewer and a trainee with FORBIDDEN and an anonymous caller with UNAUTHENTICATED', async () => {
      const variables = { input: { fullName: 'Bùi Văn Tuấn' } };
      expect(errorOf(await subgraph.execute({ query: REGISTER, variables }, viewer))?.code).toBe('FORBIDDEN');
      expect(errorOf(await subgraph.execute({ query: REGISTER, variables }, identityOf('trainee')))?.code).toBe('FORBIDDEN');
      expect(errorOf(await subgraph.execute({ query: REGISTER, variables }))?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('updateTrainee', () => {
    it('lets an administrator rename (NFD stored NFC, search key updated) and audits the changed field names only', async () => {
      const trainee = await createTrainee(em(), { fullName: 'Đỗ Văn Dũng', phone: '0987654321' });
      const result = await subgraph.execute(
        {
          query: UPDATE,
          variables: {
            id: trainee.id,
            version: trainee.version,
            input: { fullName: 'Đỗ Hữu Dũng'.normalize('NFD'), phone: null },
          },
        },
        admin,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.updateTrainee).toMatchObject({ fullName: 'Đỗ Hữu Dũng', phone: null, version: trainee.version + 1 });
      expect((await em().findOneOrFail(Trainee, { id: trainee.id })).searchName).toBe('do huu dung');
      const [event] = await auditOf(subgraph, trainee.id);
      expect(event).toMatchObject({ action: 'UPDATED', changes: { fields: ['fullName', 'phone'] } });
    });

    it('lets a trainer of one of their courses change details, and refuses a trainer of other courses with FORBIDDEN', async () => {
      const trainee = await enrolledTrainee(em, 'updated-by-trainer');
      const variables = { id: trainee.id, version: trainee.version, input: { position: 'Trưởng phòng' } };
      const other = await subgraph.execute({ query: UPDATE, variables }, identityOf('trainer', 'other-trainer'));
      expect(errorOf(other)?.code).toBe('FORBIDDEN');
      const own = await subgraph.execute({ query: UPDATE, variables }, trainer);
      expect(own.data?.updateTrainee).toMatchObject({ position: 'Trưởng phòng' });
    });

    it('lets the person change their own email and phone, but not their name (FORBIDDEN)', async () => {
      const trainee = await enrolledTrainee(em, 'self-editor');
      const self = identityOf('trainee', 'self-editor');
      const contact = await subgraph.execute(
        {
          query: UPDATE,
          variables: { id: trainee.id, version: trainee.version, input: { email: 'New@Example.vn', phone: '+84912000111' } },
        },
        self,
      );
      expect(contact.data?.updateTrainee).toMatchObject({ email: 'new@example.vn', phone: '+84912000111' });
      const rename = await subgraph.execute(
        { query: UPDATE, variables: { id: trainee.id, version: trainee.version + 1, input: { fullName: 'Tên Khác' } } },
        self,
      );
      expect(errorOf(rename)?.code).toBe('FORBIDDEN');
      const stranger = await subgraph.execute(
        { query: UPDATE, variables: { id: trainee.id, version: trainee.version + 1, input: { phone: '0900000000' } } },
        identityOf('trainee', 'not-self'),
      );
      expect(errorOf(stranger)?.code).toBe('FORBIDDEN');
    });

    it('refuses a stale version, an email of another trainee (CONFLICT) and a bad phone (BAD_USER_INPUT)', async () => {
      await createTrainee(em(), { fullName: 'Người Khác', email: 'taken@example.vn' });
      const trainee = await createTrainee(em(), { fullName: 'Hồ Thị Trang' });
      const first = await subgraph.execute(
        { query: UPDATE, variables: { id: trainee.id, version: trainee.version, input: { position: 'Nhân viên' } } },
        admin,
      );
      expect(first.errors).toBeUndefined();
      const stale = await subgraph.execute(
        { query: UPDATE, variables: { id: trainee.id, version: trainee.version, input: { position: 'Cũ' } } },
        admin,
      );
      expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', currentVersion: trainee.version + 1 });
      const taken = await subgraph.execute(
        { query: UPDATE, variables: { id: trainee.id, version: trainee.version + 1, input: { email: 'TAKEN@example.vn' } } },
        admin,
      );
      expect(errorOf(taken)).toMatchObject({ code: 'CONFLICT', field: 'email' });
      const badPhone = await subgraph.execute(
        { query: UPDATE, variables: { id: trainee.id, version: trainee.version + 1, input: { phone: '12' } } },
        admin,
      );
      expect(errorOf(badPhone)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone' });
    });
  });

  describe('linkTraineeAccount', () => {
    const LINK = /* GraphQL */ `
      mutation($traineeId: ID!, $subject: String!) { linkTraineeAccount(traineeId: $traineeId, subject: $subject) { id } }
    `;

    it('links a sign-in to a trainee, who then finds their record with myTrainee; audited', async () => {
      const trainee = await createTrainee(em(), { fullName: 'Ngô Thị Yến' });
      const linked = await subgraph.execute({ query: LINK, variables: { traineeId: trainee.id, subject: 'yen-login' } }, admin);
      expect(linked.errors).toBeUndefined();
      const mine = await subgraph.execute({ query: '{ myTrainee { id fullName } }' }, identityOf('trainee', 'yen-login'));
      expect(mine.data).toEqual({ myTrainee: { id: trainee.id, fullName: 'Ngô Thị Yến' } });
      expect((await auditOf(subgraph, trainee.id)).map((event) => event.action)).toEqual(['ACCOUNT_LINKED']);
    });

    it('refuses a sign-in already linked to another trainee with CONFLICT, and a trainer caller with FORBIDDEN', async () => {
      await createTrainee(em(), { fullName: 'Đã Liên Kết', subject: 'taken-login' });
      const trainee = await createTrainee(em(), { fullName: 'Chưa Liên Kết' });
      const taken = await subgraph.execute({ query: LINK, variables: { traineeId: trainee.id, subject: 'taken-login' } }, admin);
      expect(errorOf(taken)?.code).toBe('CONFLICT');
      const byTrainer = await subgraph.execute(
        { query: LINK, variables: { traineeId: trainee.id, subject: 'free-login' } },
        trainer,
      );
      expect(errorOf(byTrainer)?.code).toBe('FORBIDDEN');
      expect((await em().findOneOrFail(Trainee, { id: trainee.id })).subject).toBeNull();
    });
  });
});
