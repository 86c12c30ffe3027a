import { ForbiddenActionError, hasAnyRole, type Identity, type Loaders, UnauthenticatedError } from '@metrology/kit';
import type { Certificate } from './certificate.entity';
import { type CertificateAudience, certificateAudienceLoader } from './certificate.loaders';

/**
 * docs/RULES.md, "Certificates": a certificate is seen by its holder (the trainee whose token
 * subject is on the record), the trainers of its course and administrators. Everyone else has only
 * public verification by code.
 */
function mayReadCertificate(identity: Identity, audience: CertificateAudience): boolean {
  if (!identity.subject) return false;
  if (hasAnyRole(identity, ['admin'])) return true;
  if (audience.holderSubject === identity.subject) return true;
  return identity.roles.includes('trainer') && audience.trainerSubjects.includes(identity.subject);
}

/** Refuses an anonymous caller (UNAUTHENTICATED) and anyone outside the audience (FORBIDDEN). */
export async function assertCertificateReadable(loaders: Loaders, identity: Identity, certificate: Certificate): Promise<void> {
  if (!identity.subject) throw new UnauthenticatedError();
  const audience = await loaders.get(certificateAudienceLoader).load(certificate.enrolment.id);
  if (!mayReadCertificate(identity, audience)) {
    throw new ForbiddenActionError('Only the holder, the trainers of the course and administrators may see this certificate.');
  }
}
