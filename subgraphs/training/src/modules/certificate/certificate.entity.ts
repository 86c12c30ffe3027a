import { LocalDateScalar } from '@metrology/kit';
import { BlobType, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Enrolment } from '../enrolment/enrolment.entity';

/**
 * A certificate (giấy chứng nhận) for a completed enrolment. Holder and course are a snapshot at
 * issue; the PDF bytes are stored with their SHA-256 and served as issued. At most one valid
 * (not revoked) certificate per enrolment: a partial unique index in the migration.
 */
@Directive('@key(fields: "id")')
@Directive('@key(fields: "serial")')
@ObjectType('Certificate', { description: 'A training certificate (giấy chứng nhận).' })
@Entity({ tableName: 'certificate' })
@Unique({ properties: ['year', 'sequence'] })
@Index({ properties: ['enrolment'] })
// At most one valid (not revoked) certificate per enrolment; a reissue revokes the old one first.
@Unique({
  name: 'certificate_one_valid_per_enrolment',
  expression:
    'create unique index "certificate_one_valid_per_enrolment" on "certificate" ("enrolment_id") where "revoked_at" is null',
})
export class Certificate {
  @Field(() => ID, { description: 'Identifier (a key of the entity).' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @ManyToOne({ entity: () => Enrolment })
  enrolment!: Enrolment;

  @Field(() => String, {
    description:
      'Human serial (số hiệu), ASCII: LS-DL-<year of issue>-<number within that year, five digits>, sequential with no gap, e.g. "LS-DL-2026-00001".',
  })
  @Property({ type: 'string', length: 32, unique: true })
  serial!: string;

  @Field(() => Int, { description: 'Calendar year of issue, the one its serial counts in.' })
  @Property({ type: 'smallint' })
  year!: number;

  @Property({ type: 'integer' })
  sequence!: number;

  /** ≥ 128 bits, URL-safe: the verification URL and QR code carry it. */
  @Property({ type: 'string', length: 64, unique: true })
  verificationCode!: string;

  @Field(() => String, { description: 'Holder name as issued.' })
  @Property({ type: 'string', length: 200 })
  holderName!: string;

  @Property({ type: 'date', nullable: true })
  holderDateOfBirth!: string | null;

  @Field(() => String, { description: 'Course title as issued.' })
  @Property({ type: 'text' })
  courseTitle!: string;

  @Field(() => String, { description: 'Course code as issued.' })
  @Property({ type: 'string', length: 32 })
  courseCode!: string;

  @Field(() => Int, { description: 'Planned hours of the course as issued (số giờ).' })
  @Property({ type: 'smallint' })
  courseHours!: number;

  @Field(() => LocalDateScalar, { description: 'First day of the course, as issued.' })
  @Property({ type: 'date' })
  courseStartDate!: string;

  @Field(() => LocalDateScalar, { description: 'Last day of the course, as issued.' })
  @Property({ type: 'date' })
  courseEndDate!: string;

  @Field(() => String, { description: 'The issuing authority (cơ quan cấp), as issued.' })
  @Property({ type: 'string', length: 300 })
  issuerName!: string;

  @Field(() => String, { description: 'Who signed it (người ký), as issued.' })
  @Property({ type: 'string', length: 200 })
  signerName!: string;

  @Field(() => String, { description: "The signer's title (chức vụ), as issued." })
  @Property({ type: 'string', length: 200 })
  signerTitle!: string;

  @Field(() => LocalDateScalar, { description: 'Date of issue (Asia/Ho_Chi_Minh).' })
  @Property({ type: 'date' })
  issuedOn!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  issuedAt!: Date;

  @Property({ type: 'string', length: 200, nullable: true })
  issuedBy!: string | null;

  /** The PDF exactly as issued. Loaded only for download. */
  @Property({ type: BlobType, lazy: true })
  pdf!: Buffer;

  @Field(() => String, { description: 'SHA-256 of the issued PDF, hex.' })
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Field(() => Date, { nullable: true, description: 'When it was revoked (thu hồi); null while valid.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Property({ type: 'string', length: 200, nullable: true })
  revokedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was revoked.' })
  @Property({ type: 'string', length: 500, nullable: true })
  revocationReason!: string | null;

  /** The certificate that replaces this one (reissue after a correction). */
  @ManyToOne({ entity: () => Certificate, nullable: true })
  replacedBy!: Certificate | null;

  @Field(() => Int, { description: 'Version for optimistic concurrency.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}

/** The last serial number used per year; its row lock serialises concurrent issuing. */
@Entity({ tableName: 'certificate_serial_counter' })
export class CertificateSerialCounter {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  year!: number;

  @Property({ type: 'integer' })
  last!: number;
}
