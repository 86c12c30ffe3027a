import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  audit,
  BadInputError,
  ConflictError,
  DomainError,
  type Identity,
  inTransaction,
  isUuid,
  NotFoundError,
  requireId,
  type SubgraphConfig,
  todayInVietnam,
  toNfc,
  type UniqueMeanings,
  yearOf,
} from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { courseManagedBy } from '../course/course.access';
import { Enrolment, EnrolmentStatus } from '../enrolment/enrolment.entity';
import { Certificate } from './certificate.entity';
import { renderCertificatePdf } from './certificate.pdf';
import { CertificateSkipCode } from './certificate.types';
import { type CertificateFacts, verificationFacts } from './certificate.verification';

/**
 * Serials read `LS-DL-<year>-<number>`: LS for Lạng Sơn, DL for đo lường (metrology), the
 * calendar year of issue in Asia/Ho_Chi_Minh, and the number within that year, from 1, padded
 * to five digits (wider past 99999). ASCII only, so that it can be typed, read over the phone
 * and used in file names.
 */
function formatSerial(year: number, sequence: number): string {
  return `LS-DL-${year}-${String(sequence).padStart(5, '0')}`;
}

/** Where anyone checks a certificate: the QR code and the printed link carry it. */
export function verificationUrlOf(publicUrl: string, code: string): string {
  return `${publicUrl}/verify/${code}`;
}

/** Where the holder, the trainers and administrators download the PDF as issued. */
export function downloadUrlOf(publicUrl: string, certificateId: string): string {
  return `${publicUrl}/certificates/${certificateId}.pdf`;
}

const REASON_MIN = 5;
const REASON_MAX = 500;

/** The partial unique index of the migration: one valid certificate per enrolment. */
const ONE_VALID_PER_ENROLMENT = 'certificate_one_valid_per_enrolment';

/**
 * What the certificate's unique keys mean when a concurrent writer takes one first (the
 * transaction rolls back, its serial number with it). Issuers lock the enrolment and take serials
 * under the counter row's lock, so these are writers that bypassed the locks, or a random
 * verification code drawn twice.
 */
const CERTIFICATE_MEANINGS: UniqueMeanings = {
  [ONE_VALID_PER_ENROLMENT]: {
    vi: 'Học viên vừa được cấp một giấy chứng nhận hợp lệ khác. Hãy tải lại dữ liệu và thử lại.',
    en: 'A valid certificate was just issued for this enrolment by someone else. Reload and try again.',
  },
  certificate_serial_unique: {
    vi: 'Số hiệu giấy chứng nhận vừa được dùng. Hãy thử lại.',
    en: 'The certificate serial was just taken. Try again.',
  },
  certificate_year_sequence_unique: {
    vi: 'Số hiệu giấy chứng nhận vừa được dùng. Hãy thử lại.',
    en: 'The certificate serial was just taken. Try again.',
  },
  certificate_verification_code_unique: {
    vi: 'Mã xác thực trùng với một giấy chứng nhận khác. Hãy thử lại.',
    en: 'The verification code collided with another certificate. Try again.',
  },
};

export interface SkippedEnrolmentResult {
  enrolmentId: string;
  traineeName: string;
  code: CertificateSkipCode;
  reason: string;
  certificate: Certificate | null;
}

export interface BulkIssueOutcome {
  issued: Certificate[];
  skipped: SkippedEnrolmentResult[];
}

type IssueAction = 'ISSUED' | 'REISSUED';

/** The CONFLICT `inTransaction` gives when the one-valid-certificate index refused an insert. */
function isOneValidPerEnrolmentConflict(error: unknown): boolean {
  return error instanceof ConflictError && error.details.constraint === ONE_VALID_PER_ENROLMENT;
}

function revocationReason(raw: string): string {
  const reason = toNfc(raw);
  const length = [...reason].length;
  if (length < REASON_MIN || length > REASON_MAX) {
    throw new BadInputError(
      'reason',
      `Lý do phải có từ ${REASON_MIN} đến ${REASON_MAX} ký tự.`,
      `The reason must be ${REASON_MIN} to ${REASON_MAX} characters long.`,
      { min: REASON_MIN, max: REASON_MAX, length },
    );
  }
  return reason;
}

function notCompleted(enrolment: Enrolment): ConflictError {
  return new ConflictError(
    'Chỉ cấp giấy chứng nhận cho học viên đã hoàn thành khóa học.',
    'A certificate is issued only for a completed enrolment.',
    { reason: 'ENROLMENT_NOT_COMPLETED', enrolmentStatus: enrolment.status },
  );
}

function alreadyRevoked(certificate: Certificate): ConflictError {
  return new ConflictError(
    `Giấy chứng nhận ${certificate.serial} đã bị thu hồi.`,
    `Certificate ${certificate.serial} is already revoked.`,
    { reason: 'ALREADY_REVOKED' },
  );
}

/** An unknown verification code: the answer does not echo it. */
export function unknownCode(): DomainError {
  return new DomainError(
    'NOT_FOUND',
    'Không tìm thấy giấy chứng nhận có mã xác thực này.',
    'No certificate has this verification code.',
  );
}

/** Why bulk issuing passes over an enrolment that has no valid certificate, or null to issue. */
function skipOf(enrolment: Enrolment): { code: CertificateSkipCode; reason: string } | null {
  switch (enrolment.status) {
    case EnrolmentStatus.COMPLETED:
      return null;
    case EnrolmentStatus.WITHDRAWN:
      return { code: CertificateSkipCode.WITHDRAWN, reason: 'Học viên đã rút khỏi khóa học.' };
    case EnrolmentStatus.NOT_COMPLETED:
      return { code: CertificateSkipCode.NOT_COMPLETED, reason: 'Học viên không đạt điều kiện hoàn thành khóa học.' };
    default:
      return { code: CertificateSkipCode.NOT_COMPLETED, reason: 'Học viên chưa được xác nhận hoàn thành khóa học.' };
  }
}

/**
 * Certificates (giấy chứng nhận; docs/RULES.md, "Certificates"): issuing one or a whole course, revoking, reissuing,
 * reading and public verification. Every change is one transaction with its audit events.
 *
 * Concurrency: an issuer first locks the enrolment row, so that two issuers of the same
 * enrolment run one after the other and the second finds the first's certificate. The serial
 * number comes from the per-year counter row, incremented in the issuing transaction: its row
 * lock orders issuers, and a transaction that rolls back takes its number back with it, so the
 * serials of a year have no duplicate and no gap.
 */
export class CertificateService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly config: Pick<SubgraphConfig, 'publicUrl' | 'authority'>,
  ) {}

  /**
   * Issues the certificate of a completed enrolment (course trainers and administrators). Issuing
   * again returns the valid certificate it already has, without a new serial.
   */
  async issue(enrolmentId: string): Promise<Certificate> {
    requireId('enrolmentId', enrolmentId);
    try {
      return await inTransaction(
        this.em,
        async (tx) => {
          const enrolment = await this.lockedEnrolment(tx, enrolmentId);
          await courseManagedBy(tx, this.identity, enrolment.course.id);
          const existing = await tx.findOne(Certificate, { enrolment: enrolment.id, revokedAt: null });
          if (existing) return existing;
          if (enrolment.status !== EnrolmentStatus.COMPLETED) throw notCompleted(enrolment);
          const certificate = await this.create(tx, enrolment, 'ISSUED');
          await tx.flush();
          return certificate;
        },
        CERTIFICATE_MEANINGS,
      );
    } catch (error) {
      // A writer that did not take the enrolment lock inserted a valid certificate first: the
      // partial unique index kept the enrolment at one, and that one is the answer (this
      // transaction rolled back, its serial number with it).
      if (isOneValidPerEnrolmentConflict(error)) {
        const existing = await this.em.findOne(Certificate, { enrolment: enrolmentId, revokedAt: null }, { refresh: true });
        if (existing) return existing;
      }
      throw error;
    }
  }

  /**
   * Issues the certificates of every completed enrolment of a course, in the order of the roster.
   * Enrolments already holding a valid certificate are reported as skipped (ALREADY_ISSUED, with
   * that certificate), never issued twice; the others say why they got none.
   */
  async issueForCourse(courseId: string): Promise<BulkIssueOutcome> {
    requireId('courseId', courseId);
    return inTransaction(
      this.em,
      async (tx) => {
        await courseManagedBy(tx, this.identity, courseId);
        // Ordered by id so that any two lockers of the same rows take them in the same order.
        await tx.execute('select id from enrolment where course_id = ? order by id for no key update', [courseId]);
        const enrolments = await tx.find(
          Enrolment,
          { course: courseId },
          { populate: ['course', 'trainee'], orderBy: { trainee: { searchName: 'asc' }, id: 'asc' }, refresh: true },
        );
        const valid = await tx.find(Certificate, { enrolment: { $in: enrolments.map((e) => e.id) }, revokedAt: null });
        const validByEnrolment = new Map(valid.map((certificate) => [certificate.enrolment.id, certificate]));
        const outcome: BulkIssueOutcome = { issued: [], skipped: [] };
        for (const enrolment of enrolments) {
          const existing = validByEnrolment.get(enrolment.id);
          const skip = existing
            ? { code: CertificateSkipCode.ALREADY_ISSUED, reason: `Đã có giấy chứng nhận hợp lệ số ${existing.serial}.` }
            : skipOf(enrolment);
          if (skip) {
            outcome.skipped.push({
              enrolmentId: enrolment.id,
              traineeName: enrolment.trainee.fullName,
              ...skip,
              certificate: existing ?? null,
            });
          } else {
            outcome.issued.push(await this.create(tx, enrolment, 'ISSUED'));
          }
        }
        await tx.flush();
        return outcome;
      },
      CERTIFICATE_MEANINGS,
    );
  }

  /** Revokes a valid certificate with a reason (course trainers and administrators). */
  async revoke(certificateId: string, rawReason: string): Promise<Certificate> {
    requireId('id', certificateId);
    const reason = revocationReason(rawReason);
    return inTransaction(
      this.em,
      async (tx) => {
        const certificate = await this.lockedCertificate(tx, certificateId);
        await this.authoriseChange(tx, certificate);
        if (certificate.revokedAt) throw alreadyRevoked(certificate);
        this.markRevoked(certificate, reason);
        audit(tx, this.identity, {
          entityType: 'Certificate',
          entityId: certificate.id,
          action: 'REVOKED',
          changes: { serial: certificate.serial, status: { from: 'VALID', to: 'REVOKED' }, reason },
        });
        await tx.flush();
        return certificate;
      },
      CERTIFICATE_MEANINGS,
    );
  }

  /**
   * Replaces a valid certificate (usually after the trainee's name was corrected): the old one is
   * revoked with the reason and points to the new one, which has a new serial, a new code and a
   * fresh snapshot of the current records. One transaction.
   */
  async reissue(certificateId: string, rawReason: string): Promise<Certificate> {
    requireId('id', certificateId);
    const reason = revocationReason(rawReason);
    return inTransaction(
      this.em,
      async (tx) => {
        const found = await tx.findOne(Certificate, { id: certificateId });
        if (!found) throw new NotFoundError('Certificate', certificateId, 'giấy chứng nhận');
        // The enrolment first, as issuers lock it, then the certificate itself.
        const enrolment = await this.lockedEnrolment(tx, found.enrolment.id);
        const old = await this.lockedCertificate(tx, certificateId);
        await courseManagedBy(tx, this.identity, enrolment.course.id);
        if (old.revokedAt) throw alreadyRevoked(old);
        if (enrolment.status !== EnrolmentStatus.COMPLETED) throw notCompleted(enrolment);
        this.markRevoked(old, reason);
        // The old one must be revoked in the database before the new one exists (one valid per enrolment).
        await tx.flush();
        const replacement = await this.create(tx, enrolment, 'REISSUED', old);
        old.replacedBy = replacement;
        audit(tx, this.identity, {
          entityType: 'Certificate',
          entityId: old.id,
          action: 'REVOKED',
          changes: { serial: old.serial, status: { from: 'VALID', to: 'REVOKED' }, reason, replacedBy: replacement.id },
        });
        await tx.flush();
        return replacement;
      },
      CERTIFICATE_MEANINGS,
    );
  }

  /** The public facts for a verification code, or null for an unknown one. */
  facts(code: string): Promise<CertificateFacts | null> {
    return verificationFacts(this.em, code);
  }

  /** The public facts for a verification code; NOT_FOUND for an unknown one. */
  async verify(code: string): Promise<CertificateFacts> {
    const facts = await this.facts(code);
    if (!facts) throw unknownCode();
    return facts;
  }

  /** The certificates of the caller's own trainee record, newest first (revoked ones included). */
  myCertificates(): Promise<Certificate[]> {
    if (!this.identity.subject) return Promise.resolve([]);
    return this.em.find(
      Certificate,
      { enrolment: { trainee: { subject: this.identity.subject } } },
      { orderBy: { issuedAt: 'desc', serial: 'desc' } },
    );
  }

  /** The certificate with its PDF bytes, for download; null when there is none with that id. */
  async withPdf(certificateId: string): Promise<Certificate | null> {
    if (!isUuid(certificateId)) return null;
    return this.em.findOne(Certificate, { id: certificateId }, { populate: ['pdf'] });
  }

  private async lockedEnrolment(tx: EntityManager, enrolmentId: string): Promise<Enrolment> {
    await tx.execute('select id from enrolment where id = ? for no key update', [enrolmentId]);
    const enrolment = await tx.findOne(Enrolment, { id: enrolmentId }, { populate: ['course', 'trainee'], refresh: true });
    if (!enrolment) throw new NotFoundError('Enrolment', enrolmentId, 'ghi danh');
    return enrolment;
  }

  private async lockedCertificate(tx: EntityManager, certificateId: string): Promise<Certificate> {
    await tx.execute('select id from certificate where id = ? for no key update', [certificateId]);
    const certificate = await tx.findOne(Certificate, { id: certificateId }, { refresh: true });
    if (!certificate) throw new NotFoundError('Certificate', certificateId, 'giấy chứng nhận');
    return certificate;
  }

  private async authoriseChange(tx: EntityManager, certificate: Certificate): Promise<void> {
    const enrolment = await tx.findOneOrFail(Enrolment, { id: certificate.enrolment.id });
    await courseManagedBy(tx, this.identity, enrolment.course.id);
  }

  private markRevoked(certificate: Certificate, reason: string): void {
    certificate.revokedAt = new Date();
    certificate.revokedBy = this.identity.subject;
    certificate.revocationReason = reason;
  }

  /** The next serial number of the year, taken under the counter row's lock (see the class comment). */
  private async nextSequence(tx: EntityManager, year: number): Promise<number> {
    const rows = await tx.execute<{ last: number }[]>(
      'insert into certificate_serial_counter (year, last) values (?, 1) ' +
        'on conflict (year) do update set last = certificate_serial_counter.last + 1 returning last',
      [year],
    );
    return Number(rows[0].last);
  }

  /** A new certificate: snapshot, serial, code, PDF and its hash, and the audit event. */
  private async create(
    tx: EntityManager,
    enrolment: Enrolment,
    action: IssueAction,
    replaces?: Certificate,
  ): Promise<Certificate> {
    const course = enrolment.course;
    const trainee = enrolment.trainee;
    const issuedAt = new Date();
    const issuedOn = todayInVietnam(issuedAt);
    const year = yearOf(issuedOn);
    const sequence = await this.nextSequence(tx, year);
    const serial = formatSerial(year, sequence);
    const verificationCode = randomBytes(32).toString('base64url');
    const snapshot = {
      holderName: toNfc(trainee.fullName),
      holderDateOfBirth: trainee.dateOfBirth,
      courseTitle: course.title,
      courseCode: course.code,
      courseHours: course.plannedHours,
      courseStartDate: course.startDate,
      courseEndDate: course.endDate,
      issuerName: this.config.authority.name,
      signerName: this.config.authority.signerName,
      signerTitle: this.config.authority.signerTitle,
      issuedOn,
    };
    const pdf = await renderCertificatePdf({
      ...snapshot,
      serial,
      verificationCode,
      verificationUrl: verificationUrlOf(this.config.publicUrl, verificationCode),
      issuedAt,
    });
    const certificate = tx.create(Certificate, {
      id: randomUUID(),
      enrolment,
      serial,
      year,
      sequence,
      verificationCode,
      ...snapshot,
      issuedAt,
      issuedBy: this.identity.subject,
      pdf,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      revokedAt: null,
      revokedBy: null,
      revocationReason: null,
      replacedBy: null,
      version: 1,
    });
    audit(tx, this.identity, {
      entityType: 'Certificate',
      entityId: certificate.id,
      action,
      changes: {
        serial,
        enrolmentId: enrolment.id,
        sha256: certificate.sha256,
        ...(replaces ? { replaces: replaces.id } : {}),
      },
    });
    return certificate;
  }
}
