import type { ReferenceResolvers, SubgraphRoute } from '@metrology/kit';
import { traineeReference } from './trainee.reference';
import { TraineeResolver } from './trainee.resolver';

/** The trainee feature's resolvers, entity reference resolvers and HTTP routes, wired in definition.ts. */
// biome-ignore lint/complexity/noBannedTypes: type-graphql's resolver class list
export const traineeResolvers: Function[] = [TraineeResolver];
export const traineeReferences: ReferenceResolvers = { ...traineeReference };
export const traineeRoutes: SubgraphRoute[] = [];
