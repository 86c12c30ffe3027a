import type { ReferenceResolvers, SubgraphRoute } from '@metrology/kit';

/** The trainee feature's resolvers, entity reference resolvers and HTTP routes, wired in definition.ts. */
// biome-ignore lint/complexity/noBannedTypes: type-graphql's resolver class list
export const traineeResolvers: Function[] = [];
export const traineeReferences: ReferenceResolvers = {};
export const traineeRoutes: SubgraphRoute[] = [];
