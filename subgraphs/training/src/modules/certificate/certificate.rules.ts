import { BadInputError, ConflictError, DomainError, toNfc, type UniqueMeanings } from '@metrology/kit';
import { type Enrolment, EnrolmentStatus } from '../enrolment/enrolment.entity';
import type { Certificate } from './certificate.entity';
import { CertificateSkipCode } from './certificate.types';

/*
 * What a certificate is and when issuing or revoking one is refused
 * (docs/RULES.md, "Certificates"): its serial and links, the reasons a bulk issue passes over an
 * enrolment, and the refusals. The transactions that apply them are in `certificate.service.ts`.
 */

/**
 * Serials read `LS-DL-<year>-<number>`: LS for Lạng Sơn, DL for đo lường (metrology), the
 * calendar year of issue in Asia/Ho_Chi_Minh, and the number within that year, from 1, padded
 * to five digits (wider past 99999). ASCII only, so that it can be typed, read over the phone
 * and used in file names.
 */
export function formatSerial(year: number, sequence: number): string {
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
export const ONE_VALID_PER_ENROLMENT = 'certificate_one_valid_per_enrolment';

/**
 * What the certificate's unique keys mean when a concurrent writer takes one first (the
 * transaction rolls back, its serial number with it). Issuers lock the enrolment and take serials
 * under the counter row's lock, so these are writers that bypassed the locks, or a random
 * verification code drawn twice.
 */
export const CERTIFICATE_MEANINGS: UniqueMeanings = {
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

/** A revocation's reason, in NFC: 5 to 500 characters. */
export function revocationReason(raw: string): string {
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

/** Only a completed enrolment gets a certificate. */
export function notCompleted(enrolment: Enrolment): ConflictError {
  return new ConflictError(
    'Chỉ cấp giấy chứng nhận cho học viên đã hoàn thành khóa học.',
    'A certificate is issued only for a completed enrolment.',
    { reason: 'ENROLMENT_NOT_COMPLETED', enrolmentStatus: enrolment.status },
  );
}

/** A revoked certificate is not revoked again. */
export function alreadyRevoked(certificate: Certificate): ConflictError {
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
export function skipOf(enrolment: Enrolment): { code: CertificateSkipCode; reason: string } | null {
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
