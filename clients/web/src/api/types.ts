/** Shapes of the answers the pages show, taken from the SDK's generated operation types. */
import type {
  AttendanceStatus,
  WebCourseQuery,
  WebCourseRosterQuery,
  WebDashboardBudgetQuery,
  WebDashboardInfrastructureQuery,
  WebDashboardTrainingQuery,
  WebMyCertificatesQuery,
  WebMyEnrolmentsQuery,
  WebSessionSheetFragment,
} from '@metrology/sdk';

export type {
  AttendanceStatus,
  CertificateStatus,
  CompletionState,
  CourseStatus,
  EnrolmentStatus,
  FundingSource,
  ImportMode,
  IndicatorCode,
  IndicatorStatus,
  Ownership,
  WebBudgetFiguresFragment as BudgetFigures,
  WebIndicatorResultFragment as IndicatorResult,
} from '@metrology/sdk';

export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['PRESENT', 'LATE', 'EXCUSED', 'ABSENT'];

/** The plan this deployment runs. */
export const PLAN_CODE = '129/KH-UBND';

export type CourseDetail = WebCourseQuery['course'];
export type RosterEntry = WebCourseRosterQuery['courseRoster']['items'][number];
export type SessionSheet = WebSessionSheetFragment;
export type MyEnrolment = WebMyEnrolmentsQuery['myEnrolments']['items'][number];
export type MyCertificate = WebMyCertificatesQuery['myCertificates'][number];
export type TrainingPlan = WebDashboardTrainingQuery['plan'];
export type InfrastructurePlan = WebDashboardInfrastructureQuery['plan'];
/** The plan's budget as answered: the summary is null (with an error) when it cannot be served. */
export type BudgetPlanAnswer = WebDashboardBudgetQuery['plan'];
export type BudgetSummary = NonNullable<BudgetPlanAnswer['budgetSummary']>;
/** The plan's budget with its summary: what the dashboard shows. */
export type BudgetPlan = BudgetPlanAnswer & { budgetSummary: BudgetSummary };
export type IndicatorYear = NonNullable<TrainingPlan['trainingIndicator']>['participationsByYear'][number];
export type PlanTarget = NonNullable<TrainingPlan['trainingTargets']>[number];
