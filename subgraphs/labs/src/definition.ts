import { buildFederatedSchema, PlanTarget, planKeyReference, type SubgraphDefinition } from '@metrology/kit';
import type { GraphQLSchema } from 'graphql';
import { migrations } from './migrations';
import { Plan, PlanInfrastructureTargetsResolver } from './modules/plan/plan.resolver';
import { InfrastructureTargetsSeeder } from './seeders';

let schema: Promise<GraphQLSchema> | undefined;

/** Laboratories (phòng thí nghiệm): organisations, labs, assessments, standards, MAP; their targets. */
export const labsSubgraph: SubgraphDefinition = {
  name: 'labs',
  persistence: {
    entities: [PlanTarget],
    migrations,
    seeders: [InfrastructureTargetsSeeder],
  },
  buildSchema() {
    schema ??= buildFederatedSchema({
      resolvers: [PlanInfrastructureTargetsResolver],
      orphanedTypes: [Plan],
      referenceResolvers: planKeyReference,
    });
    return schema;
  },
};
