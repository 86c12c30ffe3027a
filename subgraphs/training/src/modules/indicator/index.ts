import type { ReferenceResolvers, SubgraphRoute } from '@metrology/kit';
import { organizationReference } from './organization';
import { OrganizationTrainingResolver, TraineeEmployerResolver } from './organization.resolver';
import { PlanTrainingIndicatorResolver } from './plan-indicator.resolver';

/** The indicator feature's resolvers, entity reference resolvers and HTTP routes, wired in definition.ts. */
// biome-ignore lint/complexity/noBannedTypes: type-graphql's resolver class list
export const indicatorResolvers: Function[] = [
  PlanTrainingIndicatorResolver,
  OrganizationTrainingResolver,
  TraineeEmployerResolver,
];
export const indicatorReferences: ReferenceResolvers = { ...organizationReference };
export const indicatorRoutes: SubgraphRoute[] = [];
