import { type BaseContext, NotFoundError, TextArgs } from '@metrology/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { Enrolment } from '../enrolment/enrolment.entity';
import { assertCertificateReadable } from './certificate.access';
import { Certificate } from './certificate.entity';
import { certificateAudienceLoader, certificateByIdLoader, validCertificateByEnrolmentLoader } from './certificate.loaders';
import { downloadUrlOf, verificationUrlOf } from './certificate.rules';
import { CertificateService } from './certificate.service';
import { BulkIssueResult, CertificateStatus, CertificateVerification } from './certificate.types';
import { statusOf } from './certificate.verification';

function serviceOf(ctx: BaseContext): CertificateService {
  return new CertificateService(ctx.em, ctx.identity, ctx.config);
}

/** Certificates (giấy chứng nhận): issuing, revoking, reissuing, reading and public verification. */
@Resolver(() => Certificate)
export class CertificateResolver {
  @Authorized(ACCESS.Query.certificate)
  @Query(() => Certificate, {
    description: 'One certificate, for its holder, the trainers of its course and administrators.',
  })
  async certificate(@Arg('id', () => ID) id: string, @Ctx() ctx: BaseContext): Promise<Certificate> {
    const certificate = await ctx.loaders.get(certificateByIdLoader).load(id);
    if (!certificate) throw new NotFoundError('Certificate', id, 'giấy chứng nhận');
    await assertCertificateReadable(ctx.loaders, ctx.identity, certificate);
    return certificate;
  }

  @Authorized(ACCESS.Query.myCertificates)
  @Query(() => [Certificate], {
    description:
      "The signed-in trainee's own certificates, newest first, revoked ones included (empty without a trainee record).",
  })
  myCertificates(@Ctx() ctx: BaseContext): Promise<Certificate[]> {
    return serviceOf(ctx).myCertificates();
  }

  @Authorized(ACCESS.Query.verifyCertificate)
  @Query(() => CertificateVerification, {
    description:
      'Public verification by code (no sign-in): only status, serial, holder name, course title and issue date, and for a replaced certificate the serial, status and issue date of the newest one replacing it. NOT_FOUND for an unknown code.',
  })
  verifyCertificate(
    @Arg('code', () => String, { description: 'The verification code printed on the certificate and carried by its QR code.' })
    code: string,
    @Ctx() ctx: BaseContext,
  ): Promise<CertificateVerification> {
    return serviceOf(ctx).verify(code);
  }

  @Authorized(ACCESS.Mutation.issueCertificate)
  @Mutation(() => Certificate, {
    description:
      'Issues the certificate of a completed enrolment (trainers of the course, administrators). Issuing again returns the valid certificate it already has. CONFLICT when the enrolment is not completed.',
  })
  issueCertificate(@Arg('enrolmentId', () => ID) enrolmentId: string, @Ctx() ctx: BaseContext): Promise<Certificate> {
    return serviceOf(ctx).issue(enrolmentId);
  }

  @Authorized(ACCESS.Mutation.issueCertificates)
  @Mutation(() => BulkIssueResult, {
    description:
      'Issues a certificate to every completed enrolment of a course without one, in one transaction. The others are listed as skipped with the reason, including those already holding a valid certificate (never issued twice).',
  })
  issueCertificates(@Arg('courseId', () => ID) courseId: string, @Ctx() ctx: BaseContext): Promise<BulkIssueResult> {
    return serviceOf(ctx).issueForCourse(courseId);
  }

  @Authorized(ACCESS.Mutation.revokeCertificate)
  @TextArgs({ reason: 'text' })
  @Mutation(() => Certificate, {
    description: 'Revokes a valid certificate (thu hồi), with a reason of 5 to 500 characters. CONFLICT when already revoked.',
  })
  revokeCertificate(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Why it is revoked (5 to 500 characters).' }) reason: string,
    @Ctx() ctx: BaseContext,
  ): Promise<Certificate> {
    return serviceOf(ctx).revoke(id, reason);
  }

  @Authorized(ACCESS.Mutation.reissueCertificate)
  @TextArgs({ reason: 'text' })
  @Mutation(() => Certificate, {
    description:
      'Reissues a valid certificate (cấp lại), e.g. after a name correction: revokes it with the reason and returns the new one, with a new serial, a new code and the current name; the old one points to it through replacedBy.',
  })
  reissueCertificate(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Why it is reissued (5 to 500 characters).' }) reason: string,
    @Ctx() ctx: BaseContext,
  ): Promise<Certificate> {
    return serviceOf(ctx).reissue(id, reason);
  }

  @FieldResolver(() => CertificateStatus, { description: 'Valid, or revoked.' })
  status(@Root() certificate: Certificate): CertificateStatus {
    return statusOf(certificate);
  }

  @FieldResolver(() => String, { nullable: true, description: 'User id (token subject) of who revoked it.' })
  revokedBy(@Root() certificate: Certificate): string | null {
    return certificate.revokedBy;
  }

  @FieldResolver(() => Certificate, { nullable: true, description: 'The certificate that replaced this one (cấp lại).' })
  replacedBy(@Root() certificate: Certificate, @Ctx() ctx: BaseContext): Promise<Certificate | null> | null {
    return certificate.replacedBy ? ctx.loaders.get(certificateByIdLoader).load(certificate.replacedBy.id) : null;
  }

  @FieldResolver(() => Enrolment, { description: 'The enrolment (ghi danh) it certifies.' })
  async enrolment(@Root() certificate: Certificate, @Ctx() ctx: BaseContext): Promise<Enrolment> {
    await assertCertificateReadable(ctx.loaders, ctx.identity, certificate);
    return (await ctx.loaders.get(certificateAudienceLoader).load(certificate.enrolment.id)).enrolment;
  }

  @FieldResolver(() => String, {
    description: 'The verification code (mã xác thực): for the holder, the trainers of the course and administrators.',
  })
  async verificationCode(@Root() certificate: Certificate, @Ctx() ctx: BaseContext): Promise<string> {
    await assertCertificateReadable(ctx.loaders, ctx.identity, certificate);
    return certificate.verificationCode;
  }

  @FieldResolver(() => String, { description: 'Public verification link, as in the QR code: share it to prove the certificate.' })
  async verificationUrl(@Root() certificate: Certificate, @Ctx() ctx: BaseContext): Promise<string> {
    await assertCertificateReadable(ctx.loaders, ctx.identity, certificate);
    return verificationUrlOf(ctx.config.publicUrl, certificate.verificationCode);
  }

  @FieldResolver(() => String, {
    description: 'Where to download the PDF exactly as issued (holder, trainers of the course, administrators; signed in).',
  })
  downloadUrl(@Root() certificate: Certificate, @Ctx() ctx: BaseContext): string {
    return downloadUrlOf(ctx.config.publicUrl, certificate.id);
  }
}

/** `Enrolment.certificate`: the enrolment's valid certificate, batched. */
@Resolver(() => Enrolment)
export class EnrolmentCertificateResolver {
  @Authorized()
  @FieldResolver(() => Certificate, {
    nullable: true,
    description: 'Its valid certificate, or null when none was issued or it was revoked.',
  })
  async certificate(@Root() enrolment: Enrolment, @Ctx() ctx: BaseContext): Promise<Certificate | null> {
    const certificate = await ctx.loaders.get(validCertificateByEnrolmentLoader).load(enrolment.id);
    if (!certificate) return null;
    await assertCertificateReadable(ctx.loaders, ctx.identity, certificate);
    return certificate;
  }
}
