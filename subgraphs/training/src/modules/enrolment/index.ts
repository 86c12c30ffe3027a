import type { ReferenceResolvers, SubgraphRoute } from '@metrology/kit';
import { CourseEnrolmentsResolver, EnrolmentResolver, TraineeEnrolmentsResolver } from './enrolment.resolver';

/** The enrolment feature's resolvers, entity reference resolvers and HTTP routes, wired in definition.ts. */
// biome-ignore lint/complexity/noBannedTypes: type-graphql's resolver class list
export const enrolmentResolvers: Function[] = [EnrolmentResolver, TraineeEnrolmentsResolver, CourseEnrolmentsResolver];
export const enrolmentReferences: ReferenceResolvers = {};
export const enrolmentRoutes: SubgraphRoute[] = [];
