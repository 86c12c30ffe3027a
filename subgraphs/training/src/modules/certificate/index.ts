import type { ReferenceResolvers, SubgraphRoute } from '@metrology/kit';
import { resolveCertificateReference } from './certificate.reference';
import { CertificateResolver, EnrolmentCertificateResolver } from './certificate.resolver';
import { downloadCertificateRoute, verifyCertificateRoute } from './certificate.routes';

/** The certificate feature's resolvers, entity reference resolvers and HTTP routes, wired in definition.ts. */
// biome-ignore lint/complexity/noBannedTypes: type-graphql's resolver class list
export const certificateResolvers: Function[] = [CertificateResolver, EnrolmentCertificateResolver];
export const certificateReferences: ReferenceResolvers = {
  Certificate: { __resolveReference: resolveCertificateReference },
};
export const certificateRoutes: SubgraphRoute[] = [verifyCertificateRoute, downloadCertificateRoute];
