import { LocalDateScalar } from '@metrology/kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Certificate } from './certificate.entity';

export enum CertificateStatus {
  VALID = 'VALID',
  REVOKED = 'REVOKED',
}
registerEnumType(CertificateStatus, {
  name: 'CertificateStatus',
  description: 'Whether a certificate still stands (trạng thái giấy chứng nhận).',
  valuesConfig: {
    VALID: { description: 'Hợp lệ' },
    REVOKED: { description: 'Đã bị thu hồi' },
  },
});

/** Why bulk issuing passed over an enrolment. */
export enum CertificateSkipCode {
  NOT_COMPLETED = 'NOT_COMPLETED',
  WITHDRAWN = 'WITHDRAWN',
  ALREADY_ISSUED = 'ALREADY_ISSUED',
}
registerEnumType(CertificateSkipCode, {
  name: 'CertificateSkipCode',
  description: 'Why no certificate was issued for an enrolment in a bulk issue.',
  valuesConfig: {
    NOT_COMPLETED: { description: 'Chưa hoàn thành hoặc không hoàn thành khóa học.' },
    WITHDRAWN: { description: 'Học viên đã rút khỏi khóa học.' },
    ALREADY_ISSUED: { description: 'Đã có giấy chứng nhận hợp lệ (không cấp trùng).' },
  },
});

@ObjectType('SkippedEnrolment', { description: 'An enrolment that bulk issuing passed over, with the reason.' })
export class SkippedEnrolment {
  @Field(() => ID, { description: 'The enrolment (ghi danh).' })
  enrolmentId!: string;

  @Field(() => String, { description: "The trainee's full name." })
  traineeName!: string;

  @Field(() => CertificateSkipCode, { description: 'Why it was skipped, as a code.' })
  code!: CertificateSkipCode;

  @Field(() => String, { description: 'Why it was skipped, in Vietnamese.' })
  reason!: string;

  @Field(() => Certificate, { nullable: true, description: 'The valid certificate it already has (ALREADY_ISSUED only).' })
  certificate!: Certificate | null;
}

@ObjectType('BulkIssueResult', { description: 'What issuing the certificates of a whole course did.' })
export class BulkIssueResult {
  @Field(() => [Certificate], { description: 'Certificates issued now, in the order of the roster (by name).' })
  issued!: Certificate[];

  @Field(() => [SkippedEnrolment], {
    description: 'Enrolments given no new certificate: not completed, withdrawn, or already holding a valid one.',
  })
  skipped!: SkippedEnrolment[];
}

/** The newest certificate replacing a verified one: its serial, status and date only (certificate.verification.ts). */
@ObjectType('CertificateReplacement', {
  description:
    'The newest certificate that replaces a verified one (cấp lại), at the end of its chain of reissues: serial, status and date of issue only.',
})
export class CertificateReplacement {
  @Field(() => String, { description: 'Human serial (số hiệu) of the replacing certificate.' })
  serial!: string;

  @Field(() => CertificateStatus, {
    description: 'Whether the replacing certificate is valid (it may itself have been revoked).',
  })
  status!: CertificateStatus;

  @Field(() => LocalDateScalar, { description: 'Date of issue of the replacing certificate.' })
  issuedOn!: string;
}

/**
 * What public verification shows (docs/RULES.md, "Public verification"): status, serial, holder
 * name, course title and issue date, and the newest replacement's serial, status and date. Nothing
 * else: no birth date, no identifiers, no link to the trainee record, nothing personal of the
 * replacement.
 */
@ObjectType('CertificateVerification', {
  description: 'The public facts of a certificate, shown to anyone holding its verification code (xác thực giấy chứng nhận).',
})
export class CertificateVerification {
  @Field(() => CertificateStatus, { description: 'Valid or revoked.' })
  status!: CertificateStatus;

  @Field(() => String, { description: 'Human serial (số hiệu).' })
  serial!: string;

  @Field(() => String, { description: 'Holder name as issued.' })
  holderName!: string;

  @Field(() => String, { description: 'Course title as issued.' })
  courseTitle!: string;

  @Field(() => LocalDateScalar, { description: 'Date of issue.' })
  issuedOn!: string;

  @Field(() => CertificateReplacement, {
    nullable: true,
    description:
      'When this certificate was replaced (reissued, e.g. after a name correction): the newest certificate of the chain, even if a replacement was itself replaced. Null when it was never replaced (a plain revocation included).',
  })
  replacement!: CertificateReplacement | null;
}
