import { buildFederatedSchema, planKeyReference, type SubgraphDefinition } from '@metrology/kit';
import type { GraphQLSchema } from 'graphql';
import { ACCESS } from './access';
import { entities } from './entities';
import { migrations } from './migrations';
import {
  AssessmentResolver,
  CriterionScoreResolver,
  FindingResolver,
  LaboratoryAssessmentsResolver,
} from './modules/assessment/assessment.resolver';
import { CapacityProjectResolver } from './modules/capacity/capacity.resolver';
import { CriteriaSetResolver } from './modules/criteria/criteria.resolver';
import { assuranceEngagementReference } from './modules/engagement/engagement.reference';
import { AssuranceEngagementResolver, OrganizationAssuranceEngagementsResolver } from './modules/engagement/engagement.resolver';
import { PlanInfrastructureIndicatorsResolver } from './modules/indicator/indicator.resolver';
import { laboratoryReference } from './modules/laboratory/laboratory.reference';
import { LaboratoryResolver, OrganizationLaboratoriesResolver } from './modules/laboratory/laboratory.resolver';
import { organizationReference } from './modules/organization/organization.reference';
import { OrganizationResolver } from './modules/organization/organization.resolver';
import { Plan, PlanInfrastructureTargetsResolver } from './modules/plan/plan.resolver';
import { LaboratoryRecognitionsResolver, RecognitionResolver } from './modules/recognition/recognition.resolver';
import { measurementStandardReference } from './modules/standard/standard.reference';
import { MeasurementStandardResolver, OrganizationMeasurementStandardsResolver } from './modules/standard/standard.resolver';
import { InfrastructureTargetsSeeder } from './seeders';
import { SampleCriteriaSetSeeder } from './seeders/criteria.seeder';
import { LabsDemoSeeder } from './seeders/demo.seeder';

let schema: Promise<GraphQLSchema> | undefined;

/** Laboratories (phòng thí nghiệm): organisations, labs, assessments, standards, MAP; their targets. */
export const labsSubgraph: SubgraphDefinition = {
  name: 'labs',
  access: ACCESS,
  persistence: {
    entities,
    migrations,
    seeders: [InfrastructureTargetsSeeder, SampleCriteriaSetSeeder],
    demoSeeders: [LabsDemoSeeder],
  },
  buildSchema() {
    schema ??= buildFederatedSchema({
      access: ACCESS,
      resolvers: [
        PlanInfrastructureTargetsResolver,
        PlanInfrastructureIndicatorsResolver,
        OrganizationResolver,
        OrganizationLaboratoriesResolver,
        OrganizationAssuranceEngagementsResolver,
        OrganizationMeasurementStandardsResolver,
        LaboratoryResolver,
        LaboratoryAssessmentsResolver,
        LaboratoryRecognitionsResolver,
        CriteriaSetResolver,
        AssessmentResolver,
        CriterionScoreResolver,
        FindingResolver,
        RecognitionResolver,
        MeasurementStandardResolver,
        CapacityProjectResolver,
        AssuranceEngagementResolver,
      ],
      orphanedTypes: [Plan],
      referenceResolvers: {
        ...planKeyReference,
        ...organizationReference,
        ...laboratoryReference,
        ...measurementStandardReference,
        ...assuranceEngagementReference,
      },
    });
    return schema;
  },
  /** The infrastructure indicators and targets: counted from covered tables only. */
  revisionCoverage: {
    'Query._entities': 'field',
    'Plan.code': 'subtree',
    'Plan.infrastructureIndicators': 'subtree',
    'Plan.infrastructureTargets': 'subtree',
  },
};
