import type { ReferenceResolvers, SubgraphRoute } from '@metrology/kit';

/** The course feature's resolvers, entity reference resolvers and HTTP routes, wired in definition.ts. */
// biome-ignore lint/complexity/noBannedTypes: type-graphql's resolver class list
export const courseResolvers: Function[] = [];
export const courseReferences: ReferenceResolvers = {};
export const courseRoutes: SubgraphRoute[] = [];
