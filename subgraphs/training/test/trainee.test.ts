import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { Trainee } from '../src/modules/trainee/trainee.entity';
import { auditOf, errorOf } from './course.fixtures';
import { createCourse, createTrainee, enrol } from './fixtures';

const REGISTER = /* GraphQL */ `
  mutation($input: TraineeInput!) {
    registerTrainee(input: $input) {
      matched
      trainee { id fullName citizenId dateOfBirth email phone employerTaxCode position version }
    }
  }
`;

const TRAINEE = /* GraphQL */ `
  query($id: ID!) { trainee(id: $id) { id fullName citizenId dateOfBirth email phone } }
`;

const TRAINEES = /* GraphQL */ `
  query($search: String, $employerTaxCode: String) {
    trainees(search: $search, employerTaxCode: $employerTaxCode) { total items { fullName citizenId email } }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation($id: ID!, $version: Int!, $input: TraineeUpdateInput!) {
    updateTrainee(id: $id, version: $version, input: $input) { id fullName email phone position version }
  }
`;

const ENTITIES = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Trainee { id fullName citizenId dateOfBirth email phone enrolments { id } }
    }
  }
`;

const admin = identityOf('admin');
const trainer = identityOf('trainer');
const viewer = identityOf('viewer');

/** Unique 12-digit citizen IDs for this file. */
let citizenSeq = 0;
const nextCitizenId = () => `0010${String(Date.now() % 1e5).padStart(5, '0')}${String(citizenSeq++).padStart(3, '0')}`;

describe('training subgraph: trainees', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();

  /** A trainee enrolled in a course taught by `test-trainer`, with every personal field and a linked sign-in. */
  async function enrolledTrainee(subject: string) {
    const trainee = await createTrainee(em(), {
      fullName: 'Hoàng Thu Phương',
      citizenId: nextCitizenId(),
      email: `${subject}@example.vn`,
      phone: '0912345678',
      dateOfBirth: '1988-11-02',
      subject,
    });
    const course = await createCourse(em());
    await enrol(em(), course, trainee);
    return trainee;
  }

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

  describe('trainees', () => {
    it('finds "Nguyễn Văn Hải" by "nguyen van hai" and "NGUYEN VĂN", filters by employer, and escapes LIKE wildcards', async () => {
      await createTrainee(em(), { fullName: 'Nguyễn Văn Hải', employerTaxCode: '4900999999' });
      await createTrainee(em(), { fullName: 'Nguyễn Văn Hải Đăng', employerTaxCode: '4900888888' });
      await createTrainee(em(), { fullName: 'Nguyễn Văn Hà', employerTaxCode: '4900999999' });
      const plain = await subgraph.execute<{ trainees: { total: number; items: { fullName: string }[] } }>(
        { query: TRAINEES, variables: { search: 'nguyen van hai', employerTaxCode: '4900999999' } },
        trainer,
      );
      expect(plain.data?.trainees).toMatchObject({ total: 1, items: [{ fullName: 'Nguyễn Văn Hải' }] });
      const loud = await subgraph.execute<{ trainees: { items: { fullName: string }[] } }>(
        { query: TRAINEES, variables: { search: 'NGUYEN VĂN'.normalize('NFD'), employerTaxCode: '4900888888' } },
        admin,
      );
      expect(loud.data?.trainees.items.map((item) => item.fullName)).toEqual(['Nguyễn Văn Hải Đăng']);
      const wildcard = await subgraph.execute({ query: TRAINEES, variables: { search: 'nguyen_van' } }, admin);
      expect(wildcard.data?.trainees).toMatchObject({ total: 0 });
    });

    it('shows trainers the masked citizen ID and no contact details in search results', async () => {
      await createTrainee(em(), { fullName: 'Phạm Quốc Bình Tìm', citizenId: '001099001234', email: 'binh.pham@example.vn' });
      const result = await subgraph.execute({ query: TRAINEES, variables: { search: 'binh tim' } }, trainer);
      expect(result.data?.trainees).toEqual({
        total: 1,
        items: [{ fullName: 'Phạm Quốc Bình Tìm', citizenId: '********1234', email: null }],
      });
    });

    it('refuses the list to a viewer and a trainee with FORBIDDEN', async () => {
      expect(errorOf(await subgraph.execute({ query: TRAINEES, variables: {} }, viewer))?.code).toBe('FORBIDDEN');
      expect(errorOf(await subgraph.execute({ query: TRAINEES, variables: {} }, identityOf('trainee')))?.code).toBe('FORBIDDEN');
    });
  });

  describe('trainee and personal fields', () => {
    it('shows the whole record to an administrator and to the person themself', async () => {
      const trainee = await enrolledTrainee('owner-full');
      const expected = {
        id: trainee.id,
        fullName: 'Hoàng Thu Phương',
        citizenId: trainee.citizenId,
        dateOfBirth: '1988-11-02',
        email: 'owner-full@example.vn',
        phone: '0912345678',
      };
      expect((await subgraph.execute({ query: TRAINEE, variables: { id: trainee.id } }, admin)).data).toEqual({
        trainee: expected,
      });
      const own = await subgraph.execute({ query: TRAINEE, variables: { id: trainee.id } }, identityOf('trainee', 'owner-full'));
      expect(own.data).toEqual({ trainee: expected });
    });

    it('masks the citizen ID for a trainer of one of their courses, who sees birth date, email and phone', async () => {
      const trainee = await enrolledTrainee('masked-for-trainer');
      const result = await subgraph.execute({ query: TRAINEE, variables: { id: trainee.id } }, trainer);
      expect(result.data).toEqual({
        trainee: {
          id: trainee.id,
          fullName: 'Hoàng Thu Phương',
          citizenId: `********${trainee.citizenId?.slice(-4)}`,
          dateOfBirth: '1988-11-02',
          email: 'masked-for-trainer@example.vn',
          phone: '0912345678',
        },
      });
    });

    it('refuses the record to another trainee, a trainer of other courses and a viewer (FORBIDDEN); NOT_FOUND for an unknown id', async () => {
      const trainee = await enrolledTrainee('private-person');
      const variables = { id: trainee.id };
      for (const caller of [identityOf('trainee', 'someone-else'), identityOf('trainer', 'other-trainer'), viewer]) {
        expect(errorOf(await subgraph.execute({ query: TRAINEE, variables }, caller))?.code).toBe('FORBIDDEN');
      }
      const unknown = await subgraph.execute(
        { query: TRAINEE, variables: { id: '00000000-0000-4000-8000-000000000004' } },
        admin,
      );
      expect(errorOf(unknown)?.code).toBe('NOT_FOUND');
    });

    it('answers myTrainee with the caller’s own record, or null when no record is linked', async () => {
      const trainee = await enrolledTrainee('my-trainee');
      const mine = await subgraph.execute({ query: '{ myTrainee { id email } }' }, identityOf('trainee', 'my-trainee'));
      expect(mine.data).toEqual({ myTrainee: { id: trainee.id, email: 'my-trainee@example.vn' } });
      const none = await subgraph.execute({ query: '{ myTrainee { id } }' }, identityOf('trainee', 'nobody-linked'));
      expect(none.data).toEqual({ myTrainee: null });
    });
  });

  describe('_entities', () => {
    it('resolves a Trainee reference for another trainee as null (the read rule of trainee(id)), without an error', async () => {
      const trainee = await enrolledTrainee('entity-owner');
      const result = await subgraph.execute(
        { query: ENTITIES, variables: { r: [{ __typename: 'Trainee', id: trainee.id }] } },
        identityOf('trainee', 'entity-other'),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ _entities: [null] });
    });

    it('applies the same field rules to the owner and a trainer of their course; null for a viewer and for an unknown id', async () => {
      const trainee = await enrolledTrainee('entity-rules');
      const r = [
        { __typename: 'Trainee', id: trainee.id },
        { __typename: 'Trainee', id: '00000000-0000-4000-8000-000000000005' },
      ];
      const own = await subgraph.execute<{ _entities: ({ citizenId: string; enrolments: unknown[] } | null)[] }>(
        { query: ENTITIES, variables: { r } },
        identityOf('trainee', 'entity-rules'),
      );
      expect(own.data?._entities[0]).toMatchObject({ citizenId: trainee.citizenId, email: 'entity-rules@example.vn' });
      expect(own.data?._entities[0]?.enrolments).toHaveLength(1);
      expect(own.data?._entities[1]).toBeNull();
      const byTrainer = await subgraph.execute<{ _entities: Record<string, unknown>[] }>(
        { query: ENTITIES, variables: { r } },
        trainer,
      );
      expect(byTrainer.data?._entities[0]).toMatchObject({
        citizenId: `********${trainee.citizenId?.slice(-4)}`,
        phone: '0912345678',
      });
      const byViewer = await subgraph.execute<{ _entities: Record<string, unknown>[] }>(
        { query: ENTITIES, variables: { r } },
        viewer,
      );
      expect(byViewer.errors).toBeUndefined();
      expect(byViewer.data?._entities).toEqual([null, null]);
    });

    it('refuses a Trainee reference to an anonymous caller', async () => {
      const trainee = await createTrainee(em());
      const result = await subgraph.execute({ query: ENTITIES, variables: { r: [{ __typename: 'Trainee', id: trainee.id }] } });
      expect(errorOf(result)?.code).toBe('UNAUTHENTICATED');
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
      const trainee = await enrolledTrainee('updated-by-trainer');
      const variables = { id: trainee.id, version: trainee.version, input: { position: 'Trưởng phòng' } };
      const other = await subgraph.execute({ query: UPDATE, variables }, identityOf('trainer', 'other-trainer'));
      expect(errorOf(other)?.code).toBe('FORBIDDEN');
      const own = await subgraph.execute({ query: UPDATE, variables }, trainer);
      expect(own.data?.updateTrainee).toMatchObject({ position: 'Trưởng phòng' });
    });

    it('lets the person change their own email and phone, but not their name (FORBIDDEN)', async () => {
      const trainee = await enrolledTrainee('self-editor');
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
