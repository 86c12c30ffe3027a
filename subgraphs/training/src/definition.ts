import { buildFederatedSchema, PlanTarget, planKeyReference, type SubgraphDefinition } from '@metrology/kit';
import type { GraphQLSchema } from 'graphql';
import { migrations } from './migrations';
import { Plan, PlanTrainingTargetsResolver } from './modules/plan/plan.resolver';
import { TrainingTargetsSeeder } from './seeders';

let schema: Promise<GraphQLSchema> | undefined;

/** Training (bồi dưỡng): courses, sessions, trainees, attendance, certificates, the TRAINING target. */
export const trainingSubgraph: SubgraphDefinition = {
  name: 'training',
  persistence: {
    entities: [PlanTarget],
    migrations,
    seeders: [TrainingTargetsSeeder],
  },
  buildSchema() {
    schema ??= buildFederatedSchema({
      resolvers: [PlanTrainingTargetsResolver],
      orphanedTypes: [Plan],
      referenceResolvers: planKeyReference,
    });
    return schema;
  },
};
