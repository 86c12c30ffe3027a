import { buildFederatedSchema, type SubgraphDefinition } from '@metrology/kit';
import type { GraphQLSchema } from 'graphql';
import { migrations } from './migrations';
import { BudgetEnvelope } from './modules/envelope/envelope.entity';
import { PlanEnvelopesResolver } from './modules/envelope/envelope.resolver';
import { Plan, PlanPhase, TaskGroup } from './modules/plan/plan.entity';
import { planReference } from './modules/plan/plan.reference';
import { PlanResolver } from './modules/plan/plan.resolver';
import { PlanSeeder } from './seeders/plan.seeder';

let schema: Promise<GraphQLSchema> | undefined;

/** Funding (kinh phí): owns the plan's header, phases, task groups, envelopes and the money. */
export const fundingSubgraph: SubgraphDefinition = {
  name: 'funding',
  persistence: {
    entities: [Plan, PlanPhase, TaskGroup, BudgetEnvelope],
    migrations,
    seeders: [PlanSeeder],
  },
  buildSchema() {
    schema ??= buildFederatedSchema({
      resolvers: [PlanResolver, PlanEnvelopesResolver],
      referenceResolvers: planReference,
    });
    return schema;
  },
};
