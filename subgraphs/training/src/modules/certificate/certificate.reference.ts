import type { BaseContext } from '@metrology/kit';
import { assertCertificateReadable } from './certificate.access';
import type { Certificate } from './certificate.entity';
import { certificateByIdLoader, certificateBySerialLoader } from './certificate.loaders';

/** A certificate as another subgraph refers to it: by id or by serial (both are keys). */
export interface CertificateKey {
  id?: string;
  serial?: string;
}

/**
 * `_entities` for Certificate, by either key, batched through the loaders; null for an unknown
 * key. The same audience rule as the `certificate` query applies.
 */
export async function resolveCertificateReference(reference: CertificateKey, ctx: BaseContext): Promise<Certificate | null> {
  let certificate: Certificate | null = null;
  if (reference.id !== undefined) certificate = await ctx.loaders.get(certificateByIdLoader).load(reference.id);
  else if (reference.serial !== undefined) certificate = await ctx.loaders.get(certificateBySerialLoader).load(reference.serial);
  if (!certificate) return null;
  await assertCertificateReadable(ctx.loaders, ctx.identity, certificate);
  return certificate;
}
