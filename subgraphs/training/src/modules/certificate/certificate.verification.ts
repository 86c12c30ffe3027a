import type { EntityManager } from '@mikro-orm/postgresql';
import { Certificate } from './certificate.entity';
import { CertificateStatus } from './certificate.types';

/**
 * Public verification (docs/RULES.md, "Public verification"): what anyone holding a verification
 * code may learn. The five facts of the certificate itself and, when it was replaced (reissued),
 * the serial, status and date of issue of the newest certificate of its chain of reissues: never
 * the replacement's holder name, course or code, so that a verifier learns that a newer certificate
 * exists and which, and nothing more about the person than the old code already showed.
 */

/** The newest certificate replacing a verified one. */
export interface ReplacementFacts {
  serial: string;
  status: CertificateStatus;
  issuedOn: string;
}

/** The public facts of a certificate, nothing more. */
export interface CertificateFacts {
  status: CertificateStatus;
  serial: string;
  holderName: string;
  courseTitle: string;
  issuedOn: string;
  /** The end of its chain of replacements; null when it was never replaced. */
  replacement: ReplacementFacts | null;
}

/** Verification codes are 32 random bytes in base64url: 43 characters, 256 bits. */
const VERIFICATION_CODE = /^[A-Za-z0-9_-]{22,64}$/;

/** Longer than any real chain (each reissue is a person's decision); stops a cycle written by hand. */
const CHAIN_LIMIT = 1000;

export function statusOf(certificate: Pick<Certificate, 'revokedAt'>): CertificateStatus {
  return certificate.revokedAt ? CertificateStatus.REVOKED : CertificateStatus.VALID;
}

/**
 * The last certificate of the chain that starts with the one replacing `certificateId` (a
 * replacement may itself be replaced), in one recursive statement.
 */
async function newestReplacement(em: EntityManager, certificateId: string): Promise<ReplacementFacts | null> {
  const [row] = await em.execute<{ serial: string; issuedOn: string; revoked: boolean }[]>(
    `with recursive chain(id, next_id, depth) as (
       select c.id, c.replaced_by_id, 0 from certificate c where c.id = ?
       union all
       select c.id, c.replaced_by_id, chain.depth + 1
       from chain join certificate c on c.id = chain.next_id
       where chain.depth < ?
     )
     select c.serial, to_char(c.issued_on, 'YYYY-MM-DD') as "issuedOn", c.revoked_at is not null as revoked
     from chain join certificate c on c.id = chain.id
     where chain.depth > 0
     order by chain.depth desc
     limit 1`,
    [certificateId, CHAIN_LIMIT],
  );
  if (!row) return null;
  return {
    serial: row.serial,
    issuedOn: row.issuedOn,
    status: row.revoked ? CertificateStatus.REVOKED : CertificateStatus.VALID,
  };
}

/** The public facts for a verification code, or null for an unknown (or malformed) one. */
export async function verificationFacts(em: EntityManager, code: string): Promise<CertificateFacts | null> {
  const certificate = VERIFICATION_CODE.test(code) ? await em.findOne(Certificate, { verificationCode: code }) : null;
  if (!certificate) return null;
  return {
    status: statusOf(certificate),
    serial: certificate.serial,
    holderName: certificate.holderName,
    courseTitle: certificate.courseTitle,
    issuedOn: certificate.issuedOn,
    replacement: certificate.replacedBy ? await newestReplacement(em, certificate.id) : null,
  };
}
