import type { ReferenceResolvers, SubgraphRoute } from '@metrology/kit';
import { courseReference } from './course.reference';
import { CourseResolver, CourseSessionResolver } from './course.resolver';

/** The course feature's resolvers, entity reference resolvers and HTTP routes, wired in definition.ts. */
// biome-ignore lint/complexity/noBannedTypes: type-graphql's resolver class list
export const courseResolvers: Function[] = [CourseResolver, CourseSessionResolver];
export const courseReferences: ReferenceResolvers = { ...courseReference };
export const courseRoutes: SubgraphRoute[] = [];
