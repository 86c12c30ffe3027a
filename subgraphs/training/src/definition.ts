import { buildFederatedSchema, planKeyReference, type SubgraphDefinition } from '@metrology/kit';
import type { GraphQLSchema } from 'graphql';
import { ACCESS } from './access';
import { entities } from './entities';
import { migrations } from './migrations';
import { attendanceReferences, attendanceResolvers, attendanceRoutes } from './modules/attendance';
import { certificateReferences, certificateResolvers, certificateRoutes } from './modules/certificate';
import { courseReferences, courseResolvers, courseRoutes } from './modules/course';
import { enrolmentReferences, enrolmentResolvers, enrolmentRoutes } from './modules/enrolment';
import { indicatorReferences, indicatorResolvers, indicatorRoutes } from './modules/indicator';
import { Plan, PlanTrainingTargetsResolver } from './modules/plan/plan.resolver';
import { traineeReferences, traineeResolvers, traineeRoutes } from './modules/trainee';
import { TrainingTargetsSeeder } from './seeders';
import { TrainingDemoSeeder } from './seeders/demo.seeder';

let schema: Promise<GraphQLSchema> | undefined;

/** Training (bồi dưỡng): courses, sessions, trainees, attendance, certificates, the TRAINING target. */
export const trainingSubgraph: SubgraphDefinition = {
  name: 'training',
  access: ACCESS,
  persistence: {
    entities,
    migrations,
    seeders: [TrainingTargetsSeeder],
    demoSeeders: [TrainingDemoSeeder],
  },
  buildSchema() {
    schema ??= buildFederatedSchema({
      access: ACCESS,
      resolvers: [
        PlanTrainingTargetsResolver,
        ...courseResolvers,
        ...traineeResolvers,
        ...enrolmentResolvers,
        ...attendanceResolvers,
        ...certificateResolvers,
        ...indicatorResolvers,
      ],
      orphanedTypes: [Plan],
      referenceResolvers: {
        ...planKeyReference,
        ...courseReferences,
        ...traineeReferences,
        ...enrolmentReferences,
        ...attendanceReferences,
        ...certificateReferences,
        ...indicatorReferences,
      },
    });
    return schema;
  },
  routes: [...courseRoutes, ...traineeRoutes, ...enrolmentRoutes, ...attendanceRoutes, ...certificateRoutes, ...indicatorRoutes],
  /** The TRAINING indicator and targets: participations are counted from covered tables only. */
  revisionCoverage: {
    'Query._entities': 'field',
    'Plan.code': 'subtree',
    'Plan.trainingIndicator': 'subtree',
    'Plan.trainingTargets': 'subtree',
  },
};
