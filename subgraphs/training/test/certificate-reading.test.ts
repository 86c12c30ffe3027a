import { identityOf, StatementCounter, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { CERTIFICATE_FIELDS, completedEnrolment, type IssuedCertificate, issueAsTrainer } from './certificate.fixtures';
import { createCourse, createTrainee, enrol } from './fixtures';

const TRAINER = identityOf('trainer');
const ADMIN = identityOf('admin');
const OTHER_TRAINER = identityOf('trainer', 'another-trainer');
const VIEWER = identityOf('viewer');

const REISSUE = /* GraphQL */ `
  mutation($id: ID!, $reason: String!) { reissueCertificate(id: $id, reason: $reason) { ${CERTIFICATE_FIELDS} } }
`;

const READ = /* GraphQL */ `query($id: ID!) { certificate(id: $id) { ${CERTIFICATE_FIELDS} } }`;

const VERIFY = /* GraphQL */ `query($code: String!) { verifyCertificate(code: $code) { status serial holderName courseTitle issuedOn } }`;

const MINE = /* GraphQL */ `
  query { myCertificates { id serial status verificationCode replacedBy { id } enrolment { id certificate { id } } } }
`;

describe('certificates: reading, federation and public verification', () => {
  let subgraph: TestSubgraph;
  const statements = new StatementCounter();
  let em: EntityManager;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph, { onQuery: statements.onQuery });
  });
  afterAll(() => subgraph?.stop());
  beforeEach(() => {
    em = subgraph.database.orm.em.fork();
  });

  describe('reading', () => {
    it('lets the holder, the trainers of the course and administrators read a certificate; others are refused', async () => {
      const { enrolment } = await completedEnrolment(em, { trainee: { subject: 'holder-read' } });
      const certificate = await issueAsTrainer(subgraph, enrolment.id, TRAINER);
      await createTrainee(em, { fullName: 'Lê Văn Khác', subject: 'someone-else' });
      const read = (identity?: ReturnType<typeof identityOf>) =>
        subgraph.execute<{ certificate: IssuedCertificate }>({ query: READ, variables: { id: certificate.id } }, identity);

      const [holder, trainer, admin, other, otherTrainer, viewer, anonymous] = await Promise.all([
        read(identityOf('trainee', 'holder-read')),
        read(TRAINER),
        read(ADMIN),
        read(identityOf('trainee', 'someone-else')),
        read(OTHER_TRAINER),
        read(VIEWER),
        read(),
      ]);

      for (const allowed of [holder, trainer, admin]) expect(allowed.data?.certificate).toEqual(certificate);
      expect([other, otherTrainer, viewer, anonymous].map((r) => r.errors?.[0]?.extensions?.code)).toEqual([
        'FORBIDDEN',
        'FORBIDDEN',
        'FORBIDDEN',
        'UNAUTHENTICATED',
      ]);
      expect(other.data?.certificate ?? null).toBeNull();
    });

    it('answers NOT_FOUND for an unknown or malformed certificate id', async () => {
      const unknown = await subgraph.execute({ query: READ, variables: { id: '00000000-0000-4000-8000-000000000000' } }, ADMIN);
      const malformed = await subgraph.execute({ query: READ, variables: { id: 'LS-DL' } }, ADMIN);

      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(malformed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it("lists the signed-in trainee's own certificates (revoked ones too, newest first), and none for someone else", async () => {
      const first = await completedEnrolment(em, { trainee: { subject: 'holder-mine' } });
      const course = await createCourse(em);
      const second = await enrol(em, course, first.trainee, { status: EnrolmentStatus.COMPLETED });
      const a = await issueAsTrainer(subgraph, first.enrolment.id, TRAINER);
      const b = await issueAsTrainer(subgraph, second.id, TRAINER);
      const reissued = await subgraph.execute<{ reissueCertificate: IssuedCertificate }>(
        { query: REISSUE, variables: { id: a.id, reason: 'Sửa ngày sinh' } },
        TRAINER,
      );
      const c = reissued.data?.reissueCertificate;

      const mine = await subgraph.execute<{ myCertificates: { id: string; status: string; verificationCode: string }[] }>(
        { query: MINE },
        identityOf('trainee', 'holder-mine'),
      );
      const theirs = await subgraph.execute({ query: MINE }, identityOf('trainee', 'nobody-enrolled'));

      expect(mine.errors).toBeUndefined();
      expect(mine.data?.myCertificates).toEqual([
        {
          id: c?.id,
          serial: c?.serial,
          status: 'VALID',
          verificationCode: c?.verificationCode,
          replacedBy: null,
          enrolment: { id: first.enrolment.id, certificate: { id: c?.id } },
        },
        {
          id: b.id,
          serial: b.serial,
          status: 'VALID',
          verificationCode: b.verificationCode,
          replacedBy: null,
          enrolment: { id: second.id, certificate: { id: b.id } },
        },
        {
          id: a.id,
          serial: a.serial,
          status: 'REVOKED',
          verificationCode: a.verificationCode,
          replacedBy: { id: c?.id },
          enrolment: { id: first.enrolment.id, certificate: { id: c?.id } },
        },
      ]);
      expect(theirs.data).toEqual({ myCertificates: [] });
    });

    it('reads a list of certificates with their relations in a constant number of SQL statements (no N+1)', async () => {
      const subject = 'holder-many';
      const trainee = await createTrainee(em, { subject });
      const countFor = async () => {
        statements.reset();
        const result = await subgraph.execute({ query: MINE }, identityOf('trainee', subject));
        expect(result.errors).toBeUndefined();
        return statements.count;
      };
      const addOne = async () => {
        const enrolment = await enrol(em, await createCourse(em), trainee, { status: EnrolmentStatus.COMPLETED });
        await issueAsTrainer(subgraph, enrolment.id, TRAINER);
      };
      await addOne();
      await addOne();
      const withTwo = await countFor();
      for (let i = 0; i < 4; i++) await addOne();

      const withSix = await countFor();

      expect(withSix).toBe(withTwo);
    });

    it('exposes Enrolment.certificate: the valid certificate of the enrolment', async () => {
      const { enrolment } = await completedEnrolment(em);
      const certificate = await issueAsTrainer(subgraph, enrolment.id, TRAINER);

      const result = await subgraph.execute(
        {
          query: /* GraphQL */ `query($id: ID!) { certificate(id: $id) { enrolment { id status certificate { id serial } } } }`,
          variables: { id: certificate.id },
        },
        TRAINER,
      );

      expect(result.data).toEqual({
        certificate: {
          enrolment: { id: enrolment.id, status: 'COMPLETED', certificate: { id: certificate.id, serial: certificate.serial } },
        },
      });
    });
  });

  describe('federation: Certificate by either key', () => {
    const ENTITIES = /* GraphQL */ `
      query($r: [_Any!]!) { _entities(representations: $r) { ... on Certificate { id serial holderName status } } }
    `;

    it('resolves Certificate references by id and by serial in one batch, and null for unknown keys', async () => {
      const one = await issueAsTrainer(subgraph, (await completedEnrolment(em)).enrolment.id, TRAINER);
      const two = await issueAsTrainer(subgraph, (await completedEnrolment(em)).enrolment.id, TRAINER);

      const result = await subgraph.execute(
        {
          query: ENTITIES,
          variables: {
            r: [
              { __typename: 'Certificate', id: one.id },
              { __typename: 'Certificate', serial: two.serial },
              { __typename: 'Certificate', id: '00000000-0000-4000-8000-000000000000' },
              { __typename: 'Certificate', serial: 'LS-DL-1999-99999' },
            ],
          },
        },
        ADMIN,
      );

      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          { id: one.id, serial: one.serial, holderName: one.holderName, status: 'VALID' },
          { id: two.id, serial: two.serial, holderName: two.holderName, status: 'VALID' },
          null,
          null,
        ],
      });
    });

    it('refuses a reference to someone who may not read the certificate', async () => {
      const certificate = await issueAsTrainer(subgraph, (await completedEnrolment(em)).enrolment.id, TRAINER);

      const result = await subgraph.execute(
        { query: ENTITIES, variables: { r: [{ __typename: 'Certificate', serial: certificate.serial }] } },
        identityOf('trainee', 'not-the-holder'),
      );

      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.data?._entities).toEqual([null]);
    });
  });

  describe('verifyCertificate (public)', () => {
    it('answers anyone, without sign-in, with the five public facts only, the replacement field besides', async () => {
      const { enrolment } = await completedEnrolment(em);
      const certificate = await issueAsTrainer(subgraph, enrolment.id, TRAINER);

      const result = await subgraph.execute({ query: VERIFY, variables: { code: certificate.verificationCode } });
      const shape = await subgraph.execute({
        query: /* GraphQL */ `{ __type(name: "CertificateVerification") { fields { name } } }`,
      });

      expect(result.data).toEqual({
        verifyCertificate: {
          status: 'VALID',
          serial: certificate.serial,
          holderName: certificate.holderName,
          courseTitle: certificate.courseTitle,
          issuedOn: certificate.issuedOn,
        },
      });
      expect(JSON.stringify(result)).not.toContain('1990');
      expect(shape.data).toEqual({
        __type: {
          fields: [
            { name: 'courseTitle' },
            { name: 'holderName' },
            { name: 'issuedOn' },
            { name: 'replacement' },
            { name: 'serial' },
            { name: 'status' },
          ],
        },
      });
    });

    it('answers NOT_FOUND for an unknown or malformed code', async () => {
      const unknown = await subgraph.execute({ query: VERIFY, variables: { code: 'A'.repeat(43) } });
      const malformed = await subgraph.execute({ query: VERIFY, variables: { code: "x' or 1=1" } });

      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(malformed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });
});
