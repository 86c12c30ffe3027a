import type { ReferenceResolvers, SubgraphRoute } from '@metrology/kit';

/** The certificate feature's resolvers, entity reference resolvers and HTTP routes, wired in definition.ts. */
// biome-ignore lint/complexity/noBannedTypes: type-graphql's resolver class list
export const certificateResolvers: Function[] = [];
export const certificateReferences: ReferenceResolvers = {};
export const certificateRoutes: SubgraphRoute[] = [];
