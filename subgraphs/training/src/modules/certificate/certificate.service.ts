import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  audit,
  ConflictError,
  type Identity,
  inTransaction,
  isUuid,
  NotFoundError,
  requireId,
  type SubgraphConfig,
  todayInVietnam,
  toNfc,
  yearOf,
} from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { courseManagedBy } from '../course/course.access';
import { Enrolment, EnrolmentStatus } from '../enrolment/enrolment.entity';
import { Certificate } from './certificate.entity';
import { renderCertificatePdf } from './certificate.pdf';
import {
  alreadyRevoked,
  CERTIFICATE_MEANINGS,
  formatSerial,
  notCompleted,
  ONE_VALID_PER_ENROLMENT,
  revocationReason,
  skipOf,
  unknownCode,
  verificationUrlOf,
} from './certificate.rules';
import { CertificateSkipCode } from './certificate.types';
import { type CertificateFacts, verificationFacts } from './certificate.verification';

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

/**
 * Certificates (giấy chứng nhận; docs/RULES.md, "Certificates"): issuing one or a whole course,
 * revoking, reissuing, reading and public verification. Every change is one transaction with its
 * audit events. What a certificate is and when a change is refused: `certificate.rules.ts`.
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
