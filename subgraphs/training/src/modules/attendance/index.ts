import type { ReferenceResolvers, SubgraphRoute } from '@metrology/kit';

/** The attendance feature's resolvers, entity reference resolvers and HTTP routes, wired in definition.ts. */
// biome-ignore lint/complexity/noBannedTypes: type-graphql's resolver class list
export const attendanceResolvers: Function[] = [];
export const attendanceReferences: ReferenceResolvers = {};
export const attendanceRoutes: SubgraphRoute[] = [];
