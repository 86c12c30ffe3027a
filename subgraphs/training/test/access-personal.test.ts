import { ANONYMOUS, type Identity } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { PERSONAL, type TraineeRelation } from '../src/access';
import { EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { maskCitizenId } from '../src/modules/trainee/trainee.rules';
import { createCourse, createTrainee, enrol } from './fixtures';

const PERSON = {
  citizenId: '001090123456',
  dateOfBirth: '1990-05-17',
  email: 'nguyen.van.hai@example.vn',
  phone: '0912345678',
};

const ENTITIES = /* GraphQL */ `
  query($r: [_Any!]!) { _entities(representations: $r) { ... on Trainee { id citizenId dateOfBirth email phone } } }
`;

const LIST = /* GraphQL */ `query { trainees(search: "Nguyễn Văn Hải") { items { id citizenId dateOfBirth email phone } } }`;

const TRAINEE = /* GraphQL */ `query($id: ID!) { trainee(id: $id) { id citizenId dateOfBirth email phone } }`;

/** Every kind of caller and the relation they hold to the person. */
const CALLERS: { who: string; identity: Identity; relation: TraineeRelation }[] = [
  { who: 'the person (trainee role)', identity: identityOf('trainee', 'pf-owner'), relation: 'OWNER' },
  { who: 'an administrator', identity: identityOf('admin', 'pf-admin'), relation: 'ADMIN' },
  { who: 'a trainer of their course', identity: identityOf('trainer', 'pf-course-trainer'), relation: 'COURSE_TRAINER' },
  {
    who: 'a trainer of a course they withdrew from',
    identity: identityOf('trainer', 'pf-withdrawn-trainer'),
    relation: 'TRAINER',
  },
  { who: 'another trainer', identity: identityOf('trainer', 'pf-other-trainer'), relation: 'TRAINER' },
  { who: 'another trainee', identity: identityOf('trainee', 'pf-other-trainee'), relation: 'NONE' },
  { who: 'an assessor', identity: identityOf('assessor', 'pf-assessor'), relation: 'NONE' },
  { who: 'a finance officer', identity: identityOf('finance', 'pf-finance'), relation: 'NONE' },
  { who: 'a viewer', identity: identityOf('viewer', 'pf-viewer'), relation: 'NONE' },
];

const FIELDS = Object.keys(PERSONAL.fields) as (keyof typeof PERSONAL.fields)[];

/** What the matrix says the relation reads of each personal field. */
function expected(relation: TraineeRelation): Record<string, string | null> {
  return Object.fromEntries(
    FIELDS.map((key) => {
      const field = key.split('.')[1] as keyof typeof PERSON;
      const visibility = PERSONAL.fields[key].sees[relation];
      const value = PERSON[field];
      return [field, visibility === 'full' ? value : visibility === 'masked' ? maskCitizenId(value) : null];
    }),
  );
}

describe('training: each personal field as each caller reads it (docs/ROLES.md, personal fields)', () => {
  let subgraph: TestSubgraph;
  let traineeId: string;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
    const em = subgraph.database.orm.em.fork();
    const trainee = await createTrainee(em, { ...PERSON, subject: 'pf-owner' });
    traineeId = trainee.id;
    const taught = await createCourse(em, { trainers: [{ subject: 'pf-course-trainer', name: 'Giảng viên khóa học' }] });
    await enrol(em, taught, trainee);
    const left = await createCourse(em, { trainers: [{ subject: 'pf-withdrawn-trainer', name: 'Giảng viên khóa đã rút' }] });
    await enrol(em, left, trainee, { status: EnrolmentStatus.WITHDRAWN });
  });
  afterAll(() => subgraph?.stop());

  it('covers every relation of the matrix with at least one caller', () => {
    expect(new Set(CALLERS.map((caller) => caller.relation))).toEqual(new Set(Object.keys(PERSONAL.relations)));
  });

  /** The record as the caller can reach it: by reference (`trainee(id)` answers the same), else in `trainees`. */
  async function reachable(identity: Identity): Promise<Record<string, unknown> | null> {
    const entity = await subgraph.execute<{ _entities: (Record<string, unknown> | null)[] }>(
      { query: ENTITIES, variables: { r: [{ __typename: 'Trainee', id: traineeId }] } },
      identity,
    );
    expect(entity.errors).toBeUndefined();
    if (entity.data?._entities[0]) return entity.data._entities[0];
    const listed = await subgraph.execute<{ trainees: { items: Record<string, unknown>[] } }>({ query: LIST }, identity);
    return listed.data?.trainees.items.find((item) => item.id === traineeId) ?? null;
  }

  it.each(CALLERS)('$who reads each field as the matrix says for $relation', async ({ identity, relation }) => {
    const record = await reachable(identity);
    const read = Object.fromEntries(Object.keys(PERSON).map((field) => [field, record?.[field] ?? null]));
    expect(read).toEqual(expected(relation));
  });

  it.each(CALLERS.filter((caller) => PERSONAL.fields['Trainee.email'].sees[caller.relation] === 'full'))(
    '$who reads the same through trainee(id)',
    async ({ identity, relation }) => {
      const result = await subgraph.execute<{ trainee: Record<string, unknown> }>(
        { query: TRAINEE, variables: { id: traineeId } },
        identity,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.trainee).toEqual({ id: traineeId, ...expected(relation) });
    },
  );

  it('gives an anonymous caller no personal field at all', async () => {
    const result = await subgraph.execute<{ _entities: (Record<string, unknown> | null)[] }>(
      { query: ENTITIES, variables: { r: [{ __typename: 'Trainee', id: traineeId }] } },
      ANONYMOUS,
    );
    const record = result.data?._entities?.[0] ?? null;
    for (const field of Object.keys(PERSON)) expect(record?.[field] ?? null).toBeNull();
  });
});
