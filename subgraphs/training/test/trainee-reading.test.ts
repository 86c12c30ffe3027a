import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { errorOf } from './course.fixtures';
import { createTrainee } from './fixtures';
import { enrolledTrainee } from './trainee.fixtures';

const TRAINEE = /* GraphQL */ `
  query($id: ID!) { trainee(id: $id) { id fullName citizenId dateOfBirth email phone } }
`;

const TRAINEES = /* GraphQL */ `
  query($search: String, $employerTaxCode: String) {
    trainees(search: $search, employerTaxCode: $employerTaxCode) { total items { fullName citizenId email } }
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

describe('training subgraph: reading trainees', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();

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
      const trainee = await enrolledTrainee(em, 'owner-full');
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
      const trainee = await enrolledTrainee(em, 'masked-for-trainer');
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
      const trainee = await enrolledTrainee(em, 'private-person');
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
      const trainee = await enrolledTrainee(em, 'my-trainee');
      const mine = await subgraph.execute({ query: '{ myTrainee { id email } }' }, identityOf('trainee', 'my-trainee'));
      expect(mine.data).toEqual({ myTrainee: { id: trainee.id, email: 'my-trainee@example.vn' } });
      const none = await subgraph.execute({ query: '{ myTrainee { id } }' }, identityOf('trainee', 'nobody-linked'));
      expect(none.data).toEqual({ myTrainee: null });
    });
  });

  describe('_entities', () => {
    it('resolves a Trainee reference for another trainee as null (the read rule of trainee(id)), without an error', async () => {
      const trainee = await enrolledTrainee(em, 'entity-owner');
      const result = await subgraph.execute(
        { query: ENTITIES, variables: { r: [{ __typename: 'Trainee', id: trainee.id }] } },
        identityOf('trainee', 'entity-other'),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ _entities: [null] });
    });

    it('applies the same field rules to the owner and a trainer of their course; null for a viewer and for an unknown id', async () => {
      const trainee = await enrolledTrainee(em, 'entity-rules');
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
});
