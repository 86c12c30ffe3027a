import { createHash } from 'node:crypto';
import { AuditEvent, todayInVietnam, yearOf } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { Certificate, CertificateSerialCounter } from '../src/modules/certificate/certificate.entity';
import { EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { Trainee } from '../src/modules/trainee/trainee.entity';
import {
  CERTIFICATE_FIELDS,
  completedEnrolment,
  ISSUE,
  type IssuedCertificate,
  issueAsTrainer,
  storedCertificate,
} from './certificate.fixtures';
import { createCourse, createTrainee, enrol } from './fixtures';

const TRAINER = identityOf('trainer');
const ADMIN = identityOf('admin');
const OTHER_TRAINER = identityOf('trainer', 'another-trainer');
const VIEWER = identityOf('viewer');
const YEAR = yearOf(todayInVietnam());

const BULK = /* GraphQL */ `
  mutation($courseId: ID!) {
    issueCertificates(courseId: $courseId) {
      issued { id serial holderName }
      skipped { enrolmentId traineeName code reason certificate { id serial } }
    }
  }
`;

const REVOKE = /* GraphQL */ `
  mutation($id: ID!, $reason: String!) { revokeCertificate(id: $id, reason: $reason) { ${CERTIFICATE_FIELDS} } }
`;

const REISSUE = /* GraphQL */ `
  mutation($id: ID!, $reason: String!) { reissueCertificate(id: $id, reason: $reason) { ${CERTIFICATE_FIELDS} } }
`;

const READ = /* GraphQL */ `query($id: ID!) { certificate(id: $id) { ${CERTIFICATE_FIELDS} } }`;

const VERIFY = /* GraphQL */ `query($code: String!) { verifyCertificate(code: $code) { status serial holderName courseTitle issuedOn } }`;

type BulkResult = {
  issueCertificates: {
    issued: { id: string; serial: string; holderName: string }[];
    skipped: { enrolmentId: string; traineeName: string; code: string; reason: string; certificate: { id: string } | null }[];
  };
};

describe('certificates: issuing, bulk issuing, revocation and reissue', () => {
  let subgraph: TestSubgraph;
  let em: EntityManager;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());
  beforeEach(() => {
    em = subgraph.database.orm.em.fork();
  });

  async function counterOfYear(): Promise<number> {
    const row = await subgraph.database.orm.em.fork().findOne(CertificateSerialCounter, { year: YEAR });
    return row?.last ?? 0;
  }

  async function auditActions(certificateId: string): Promise<string[]> {
    const events = await subgraph.database.orm.em
      .fork()
      .find(AuditEvent, { entityType: 'Certificate', entityId: certificateId }, { orderBy: { id: 'asc' } });
    return events.map((event) => event.action);
  }

  describe('issueCertificate', () => {
    it('issues a certificate with an LS-DL-<year>-<5 digits> serial, a 256-bit base64url code, the snapshot and the SHA-256 of the stored PDF', async () => {
      const { course, enrolment, trainee } = await completedEnrolment(em);

      const certificate = await issueAsTrainer(subgraph, enrolment.id, TRAINER);

      expect(certificate.serial).toMatch(new RegExp(`^LS-DL-${YEAR}-\\d{5}$`));
      expect(certificate.year).toBe(YEAR);
      expect(certificate.verificationCode).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(certificate).toMatchObject({
        holderName: trainee.fullName,
        courseTitle: course.title,
        courseCode: course.code,
        courseHours: course.plannedHours,
        courseStartDate: course.startDate,
        courseEndDate: course.endDate,
        issuerName: 'Sở Khoa học và Công nghệ tỉnh Lạng Sơn',
        signerName: 'Nguyễn Văn A (mẫu)',
        signerTitle: 'Giám đốc',
        issuedOn: todayInVietnam(),
        status: 'VALID',
        revokedAt: null,
        replacedBy: null,
        downloadUrl: `http://localhost:4000/certificates/${certificate.id}.pdf`,
        verificationUrl: `http://localhost:4000/verify/${certificate.verificationCode}`,
      });
      const stored = await storedCertificate(subgraph, certificate.id);
      expect(stored.holderDateOfBirth).toBe('1990-05-17');
      expect(stored.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(createHash('sha256').update(stored.pdf).digest('hex')).toBe(certificate.sha256);
      expect(await auditActions(certificate.id)).toEqual(['ISSUED']);
    });

    it('issues for an administrator too, and stores the holder name in NFC even when the record holds it decomposed', async () => {
      const { enrolment, trainee } = await completedEnrolment(em, { trainee: { fullName: 'Trần Thị Ngọc Ánh' } });
      await em.nativeUpdate(Trainee, { id: trainee.id }, { fullName: 'Trần Thị Ngọc Ánh'.normalize('NFD') });

      const certificate = await issueAsTrainer(subgraph, enrolment.id, ADMIN);

      expect(certificate.holderName).toBe('Trần Thị Ngọc Ánh'.normalize('NFC'));
    });

    it('returns the existing valid certificate when issued twice for the same enrolment, without taking a serial number', async () => {
      const { enrolment } = await completedEnrolment(em);
      const first = await issueAsTrainer(subgraph, enrolment.id, TRAINER);
      const counter = await counterOfYear();

      const second = await issueAsTrainer(subgraph, enrolment.id, TRAINER);

      expect(second).toEqual(first);
      expect(await counterOfYear()).toBe(counter);
      expect(await em.fork().count(Certificate, { enrolment: enrolment.id })).toBe(1);
    });

    it.each([EnrolmentStatus.ENROLLED, EnrolmentStatus.NOT_COMPLETED, EnrolmentStatus.WITHDRAWN])(
      'refuses a %s enrolment with CONFLICT and writes nothing, not even a serial number',
      async (status) => {
        const { enrolment } = await completedEnrolment(em, { status });
        const counter = await counterOfYear();

        const result = await subgraph.execute({ query: ISSUE, variables: { enrolmentId: enrolment.id } }, TRAINER);

        expect(result.errors?.[0]?.extensions).toMatchObject({
          code: 'CONFLICT',
          reason: 'ENROLMENT_NOT_COMPLETED',
          enrolmentStatus: status,
        });
        expect(result.errors?.[0]?.message).toBe('Chỉ cấp giấy chứng nhận cho học viên đã hoàn thành khóa học.');
        expect(await em.fork().count(Certificate, { enrolment: enrolment.id })).toBe(0);
        expect(await counterOfYear()).toBe(counter);
      },
    );

    it('refuses a trainer of another course, a trainee and a viewer (FORBIDDEN) and an anonymous caller (UNAUTHENTICATED)', async () => {
      const { enrolment } = await completedEnrolment(em);
      const variables = { enrolmentId: enrolment.id };

      const codes = await Promise.all(
        [OTHER_TRAINER, identityOf('trainee'), VIEWER, undefined].map(
          async (identity) => (await subgraph.execute({ query: ISSUE, variables }, identity)).errors?.[0]?.extensions?.code,
        ),
      );

      expect(codes).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'UNAUTHENTICATED']);
      expect(await em.fork().count(Certificate, { enrolment: enrolment.id })).toBe(0);
    });

    it('answers NOT_FOUND for an unknown enrolment and BAD_USER_INPUT naming the field for a malformed id', async () => {
      const unknown = await subgraph.execute(
        { query: ISSUE, variables: { enrolmentId: '00000000-0000-4000-8000-000000000000' } },
        TRAINER,
      );
      const malformed = await subgraph.execute({ query: ISSUE, variables: { enrolmentId: 'not-an-id' } }, TRAINER);

      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enrolmentId' });
    });
  });

  describe('issueCertificates (bulk)', () => {
    it('issues one certificate per completed enrolment in roster order and skips the others with a code and a Vietnamese reason', async () => {
      const course = await createCourse(em);
      const names = ['Vũ Thị Lan', 'Bùi Đức Hùng', 'Đỗ Minh Tuấn', 'Lê Thu Hằng', 'Phạm Quốc Dũng', 'Hoàng Ngọc Yến'];
      const trainees = [];
      for (const fullName of names) trainees.push(await createTrainee(em, { fullName }));
      const [lan, hung, tuan, hang, dung, yen] = trainees;
      await enrol(em, course, lan, { status: EnrolmentStatus.COMPLETED });
      await enrol(em, course, hung, { status: EnrolmentStatus.COMPLETED });
      const already = await enrol(em, course, tuan, { status: EnrolmentStatus.COMPLETED });
      const withdrawn = await enrol(em, course, hang, { status: EnrolmentStatus.WITHDRAWN });
      const failed = await enrol(em, course, dung, { status: EnrolmentStatus.NOT_COMPLETED });
      const studying = await enrol(em, course, yen, { status: EnrolmentStatus.ENROLLED });
      const existing = await issueAsTrainer(subgraph, already.id, TRAINER);

      const result = await subgraph.execute<BulkResult>({ query: BULK, variables: { courseId: course.id } }, TRAINER);

      expect(result.errors).toBeUndefined();
      const { issued, skipped } = result.data?.issueCertificates ?? { issued: [], skipped: [] };
      expect(issued.map((c) => c.holderName)).toEqual(['Bùi Đức Hùng', 'Vũ Thị Lan']);
      const [first, second] = issued.map((c) => Number(c.serial.slice(-5)));
      expect(second).toBe(first + 1);
      expect(skipped).toEqual([
        {
          enrolmentId: already.id,
          traineeName: 'Đỗ Minh Tuấn',
          code: 'ALREADY_ISSUED',
          reason: `Đã có giấy chứng nhận hợp lệ số ${existing.serial}.`,
          certificate: { id: existing.id, serial: existing.serial },
        },
        {
          enrolmentId: studying.id,
          traineeName: 'Hoàng Ngọc Yến',
          code: 'NOT_COMPLETED',
          reason: 'Học viên chưa được xác nhận hoàn thành khóa học.',
          certificate: null,
        },
        {
          enrolmentId: withdrawn.id,
          traineeName: 'Lê Thu Hằng',
          code: 'WITHDRAWN',
          reason: 'Học viên đã rút khỏi khóa học.',
          certificate: null,
        },
        {
          enrolmentId: failed.id,
          traineeName: 'Phạm Quốc Dũng',
          code: 'NOT_COMPLETED',
          reason: 'Học viên không đạt điều kiện hoàn thành khóa học.',
          certificate: null,
        },
      ]);
    });

    it('issues nothing the second time: every completed enrolment is reported ALREADY_ISSUED with its certificate', async () => {
      const { course } = await completedEnrolment(em);
      await completedEnrolment(em, { course, trainee: { fullName: 'Ngô Hữu Khoa' } });
      const first = await subgraph.execute<BulkResult>({ query: BULK, variables: { courseId: course.id } }, ADMIN);
      const counter = await counterOfYear();

      const again = await subgraph.execute<BulkResult>({ query: BULK, variables: { courseId: course.id } }, ADMIN);

      expect(first.data?.issueCertificates.issued).toHaveLength(2);
      expect(again.data?.issueCertificates.issued).toEqual([]);
      expect(again.data?.issueCertificates.skipped.map((s) => [s.code, s.certificate?.id])).toEqual(
        first.data?.issueCertificates.issued.map((c) => ['ALREADY_ISSUED', c.id]),
      );
      expect(await counterOfYear()).toBe(counter);
    });

    it('refuses a trainer of another course (FORBIDDEN) and an unknown course (NOT_FOUND)', async () => {
      const { course } = await completedEnrolment(em);

      const forbidden = await subgraph.execute({ query: BULK, variables: { courseId: course.id } }, OTHER_TRAINER);
      const unknown = await subgraph.execute(
        { query: BULK, variables: { courseId: '00000000-0000-4000-8000-000000000000' } },
        ADMIN,
      );

      expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(await em.fork().count(Certificate, { enrolment: { course: course.id } })).toBe(0);
    });
  });

  describe('revokeCertificate and reissueCertificate', () => {
    it('revokes with who, when and why; verification then says REVOKED; a second revocation is a CONFLICT', async () => {
      const { enrolment } = await completedEnrolment(em);
      const certificate = await issueAsTrainer(subgraph, enrolment.id, TRAINER);

      const revoked = await subgraph.execute<{ revokeCertificate: IssuedCertificate }>(
        { query: REVOKE, variables: { id: certificate.id, reason: '  Cấp nhầm khóa học  ' } },
        TRAINER,
      );
      const again = await subgraph.execute(
        { query: REVOKE, variables: { id: certificate.id, reason: 'Cấp nhầm khóa học' } },
        ADMIN,
      );
      const verification = await subgraph.execute({ query: VERIFY, variables: { code: certificate.verificationCode } });

      expect(revoked.data?.revokeCertificate).toMatchObject({
        status: 'REVOKED',
        revokedBy: TRAINER.subject,
        revocationReason: 'Cấp nhầm khóa học',
      });
      expect(Date.now() - Date.parse(revoked.data?.revokeCertificate.revokedAt ?? '')).toBeLessThan(60_000);
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REVOKED' });
      expect(verification.data).toEqual({
        verifyCertificate: {
          status: 'REVOKED',
          serial: certificate.serial,
          holderName: certificate.holderName,
          courseTitle: certificate.courseTitle,
          issuedOn: certificate.issuedOn,
        },
      });
      expect(await auditActions(certificate.id)).toEqual(['ISSUED', 'REVOKED']);
    });

    it('requires a reason of 5 to 500 characters (BAD_USER_INPUT on "reason") and a trainer of the course', async () => {
      const { enrolment } = await completedEnrolment(em);
      const certificate = await issueAsTrainer(subgraph, enrolment.id, TRAINER);

      const short = await subgraph.execute({ query: REVOKE, variables: { id: certificate.id, reason: ' sai ' } }, TRAINER);
      const long = await subgraph.execute({ query: REVOKE, variables: { id: certificate.id, reason: 'x'.repeat(501) } }, TRAINER);
      const stranger = await subgraph.execute(
        { query: REVOKE, variables: { id: certificate.id, reason: 'Không có quyền' } },
        OTHER_TRAINER,
      );
      const trainee = await subgraph.execute(
        { query: REVOKE, variables: { id: certificate.id, reason: 'Không có quyền' } },
        identityOf('trainee'),
      );

      expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(trainee.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await storedCertificate(subgraph, certificate.id)).revokedAt).toBeNull();
    });

    it('reissues after a name correction: a new serial, code and name; the old one is revoked and points to the new one', async () => {
      const { enrolment, trainee } = await completedEnrolment(em, { trainee: { fullName: 'Nguyễn Văn Hai' } });
      const old = await issueAsTrainer(subgraph, enrolment.id, TRAINER);
      await em.nativeUpdate(Trainee, { id: trainee.id }, { fullName: 'Nguyễn Văn Hải' });

      const result = await subgraph.execute<{ reissueCertificate: IssuedCertificate }>(
        { query: REISSUE, variables: { id: old.id, reason: 'Sửa họ tên theo căn cước' } },
        TRAINER,
      );
      const replacement = result.data?.reissueCertificate;
      const oldNow = await subgraph.execute<{ certificate: IssuedCertificate }>(
        { query: READ, variables: { id: old.id } },
        ADMIN,
      );

      expect(result.errors).toBeUndefined();
      expect(replacement).toMatchObject({ status: 'VALID', holderName: 'Nguyễn Văn Hải', replacedBy: null });
      expect(replacement?.serial).not.toBe(old.serial);
      expect(replacement?.verificationCode).not.toBe(old.verificationCode);
      expect(oldNow.data?.certificate).toMatchObject({
        status: 'REVOKED',
        holderName: 'Nguyễn Văn Hai',
        revocationReason: 'Sửa họ tên theo căn cước',
        replacedBy: { id: replacement?.id, serial: replacement?.serial },
      });
      expect(await auditActions(old.id)).toEqual(['ISSUED', 'REVOKED']);
      expect(await auditActions(replacement?.id ?? '')).toEqual(['REISSUED']);
    });

    it('refuses to reissue a revoked certificate (CONFLICT) and leaves no new certificate', async () => {
      const { enrolment } = await completedEnrolment(em);
      const certificate = await issueAsTrainer(subgraph, enrolment.id, TRAINER);
      await subgraph.execute({ query: REVOKE, variables: { id: certificate.id, reason: 'Cấp nhầm khóa học' } }, TRAINER);

      const result = await subgraph.execute({ query: REISSUE, variables: { id: certificate.id, reason: 'Cấp lại' } }, TRAINER);

      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REVOKED' });
      expect(await em.fork().count(Certificate, { enrolment: enrolment.id })).toBe(1);
    });

    it('issues a fresh certificate for an enrolment whose certificate was revoked without replacement', async () => {
      const { enrolment } = await completedEnrolment(em);
      const first = await issueAsTrainer(subgraph, enrolment.id, TRAINER);
      await subgraph.execute({ query: REVOKE, variables: { id: first.id, reason: 'Cấp nhầm ngày' } }, TRAINER);

      const second = await issueAsTrainer(subgraph, enrolment.id, TRAINER);

      expect(second.id).not.toBe(first.id);
      expect(second.status).toBe('VALID');
    });
  });
});
