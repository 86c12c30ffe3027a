import type { ReferenceResolvers, SubgraphRoute } from '@metrology/kit';

/** The indicator feature's resolvers, entity reference resolvers and HTTP routes, wired in definition.ts. */
// biome-ignore lint/complexity/noBannedTypes: type-graphql's resolver class list
export const indicatorResolvers: Function[] = [];
export const indicatorReferences: ReferenceResolvers = {};
export const indicatorRoutes: SubgraphRoute[] = [];
