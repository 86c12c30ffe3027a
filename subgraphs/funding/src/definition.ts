import { AuditEvent, buildFederatedSchema, DataRevision, type SubgraphDefinition } from '@metrology/kit';
import type { GraphQLSchema } from 'graphql';
import { ACCESS } from './access';
import { migrations } from './migrations';
import { activityReferences } from './modules/activity/activity.reference';
import {
  AssuranceEngagementMoneySpentResolver,
  CourseMoneySpentResolver,
  LaboratoryMoneySpentResolver,
  MeasurementStandardMoneySpentResolver,
} from './modules/activity/activity.resolver';
import { AssuranceEngagement, Course, Laboratory, MeasurementStandard } from './modules/activity/activity.types';
import { Allocation } from './modules/allocation/allocation.entity';
import { AllocationResolver, BudgetLineAllocationsResolver } from './modules/allocation/allocation.resolver';
import { BudgetLine } from './modules/budget-line/budget-line.entity';
import { BudgetLineResolver } from './modules/budget-line/budget-line.resolver';
import { Contribution } from './modules/contribution/contribution.entity';
import { ContributionResolver } from './modules/contribution/contribution.resolver';
import { Disbursement } from './modules/disbursement/disbursement.entity';
import { BudgetLineDisbursementsResolver, DisbursementResolver } from './modules/disbursement/disbursement.resolver';
import { BudgetEnvelope } from './modules/envelope/envelope.entity';
import { PlanEnvelopesResolver } from './modules/envelope/envelope.resolver';
import { BudgetEstimate } from './modules/estimate/estimate.entity';
import { BudgetEstimateResolver } from './modules/estimate/estimate.resolver';
import { organizationReference } from './modules/organization/organization.reference';
import { OrganizationMoneyResolver } from './modules/organization/organization.resolver';
import { Organization } from './modules/organization/organization.types';
import { Plan, PlanPhase, TaskGroup } from './modules/plan/plan.entity';
import { planReference } from './modules/plan/plan.reference';
import { PlanResolver } from './modules/plan/plan.resolver';
import { PlanAnnualReportResolver } from './modules/report/report.resolver';
import { PlanBudgetSummaryResolver } from './modules/summary/summary.resolver';
import { FundingDemoSeeder } from './seeders/demo.seeder';
import { PlanSeeder } from './seeders/plan.seeder';

let schema: Promise<GraphQLSchema> | undefined;

/** Funding (kinh phí): owns the plan's header, phases, task groups, envelopes and the money. */
export const fundingSubgraph: SubgraphDefinition = {
  name: 'funding',
  access: ACCESS,
  persistence: {
    entities: [
      Plan,
      PlanPhase,
      TaskGroup,
      BudgetEnvelope,
      BudgetLine,
      BudgetEstimate,
      Allocation,
      Disbursement,
      Contribution,
      AuditEvent,
      DataRevision,
    ],
    migrations,
    seeders: [PlanSeeder],
    demoSeeders: [FundingDemoSeeder],
  },
  buildSchema() {
    schema ??= buildFederatedSchema({
      access: ACCESS,
      resolvers: [
        PlanResolver,
        PlanEnvelopesResolver,
        PlanBudgetSummaryResolver,
        PlanAnnualReportResolver,
        BudgetLineResolver,
        BudgetLineAllocationsResolver,
        BudgetLineDisbursementsResolver,
        BudgetEstimateResolver,
        AllocationResolver,
        DisbursementResolver,
        ContributionResolver,
        CourseMoneySpentResolver,
        LaboratoryMoneySpentResolver,
        MeasurementStandardMoneySpentResolver,
        AssuranceEngagementMoneySpentResolver,
        OrganizationMoneyResolver,
      ],
      orphanedTypes: [Course, Laboratory, MeasurementStandard, AssuranceEngagement, Organization],
      referenceResolvers: { ...planReference, ...activityReferences, ...organizationReference },
    });
    return schema;
  },
  /** The plan's header and its budget summary: read from covered tables only (and the configured public URL). */
  revisionCoverage: {
    'Query.plan': 'field',
    'Query.plans': 'field',
    'Query._entities': 'field',
    'Plan.code': 'subtree',
    'Plan.title': 'subtree',
    'Plan.issuer': 'subtree',
    'Plan.province': 'subtree',
    'Plan.signedOn': 'subtree',
    'Plan.implementsDecisions': 'subtree',
    'Plan.phases': 'subtree',
    'Plan.taskGroups': 'subtree',
    'Plan.envelopes': 'subtree',
    'Plan.budgetTotal': 'subtree',
    'Plan.budgetSummary': 'subtree',
    'Plan.annualReportUrl': 'subtree',
  },
};
