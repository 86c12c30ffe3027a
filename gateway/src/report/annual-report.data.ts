import { isLocalDate, todayInVietnam } from '@metrology/kit/dates';
import type { ExecuteAsCaller } from '../routes';
import {
  COMPLETED_ENGAGEMENTS_QUERY,
  type ListPage,
  RECOGNITIONS_QUERY,
  REPORT_PLAN_QUERY,
  type ReportCourse,
  type ReportEngagement,
  type ReportPlanData,
  type ReportRecognition,
  YEAR_COURSES_QUERY,
} from './activities.graphql';
import { type PlanScorecard, SCORECARD_QUERY, type ScorecardData, type ScorecardVariables } from './scorecard.graphql';

/** Everything the annual report shows, read through the gateway as the caller. */
export interface AnnualReportContent {
  year: number;
  /** The date every figure is evaluated at: the end of the year, or today while the year runs. */
  asOf: string;
  /** The day the report was made. */
  madeOn: string;
  phase: { number: number; startDate: string; endDate: string };
  scorecard: PlanScorecard;
  /** The yearly training target of each year of the participations series (null: none that year). */
  yearlyTrainingTargets: { year: number; target: number | null }[];
  /** Courses counting for the year, not cancelled, by start date. */
  courses: ReportCourse[];
  /** Recognitions valid at some time between 1 January and the as-of date, by first day of validity. */
  recognitions: ReportRecognition[];
  /** MAP engagements completed between 1 January and the as-of date, by completion date. */
  engagements: ReportEngagement[];
}

/** Why a report could not be made, as the HTTP answer to give. */
export class ReportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageVi: string,
    readonly messageEn: string,
  ) {
    super(messageEn);
    this.name = 'ReportError';
  }
}

const PAGE_SIZE = 200;
/** Lists longer than this are cut (a year of a province's activities is far shorter). */
const MAX_LIST_ITEMS = 10_000;

/** The HTTP status for the codes the subgraphs answer with; anything else means a part is missing. */
const STATUS_OF_CODE: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

/** The data of a complete answer; a report is never made from partial data. */
function dataOf<T>(result: Awaited<ReturnType<ExecuteAsCaller>>): T {
  const error = result.errors?.find((e) => typeof e.extensions?.code === 'string' && e.extensions.code in STATUS_OF_CODE);
  if (error) {
    const code = error.extensions?.code as string;
    const messageEn = typeof error.extensions?.messageEn === 'string' ? error.extensions.messageEn : error.message;
    throw new ReportError(STATUS_OF_CODE[code], code, error.message, messageEn);
  }
  if (result.errors?.length || !result.data) {
    throw new ReportError(
      503,
      'SERVICE_UNAVAILABLE',
      'Chưa lập được báo cáo: một phần dữ liệu tạm thời không khả dụng, vui lòng thử lại sau.',
      'The report cannot be made now: part of its data is temporarily unavailable. Try again later.',
    );
  }
  return result.data as T;
}

/** Every item of a paged list, page after page. */
async function allItems<T>(
  execute: ExecuteAsCaller,
  query: string,
  field: string,
  variables: Record<string, unknown>,
): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; offset < MAX_LIST_ITEMS; offset += PAGE_SIZE) {
    const page = dataOf<Record<string, ListPage<T>>>(await execute(query, { ...variables, limit: PAGE_SIZE, offset }))[field];
    items.push(...page.items);
    if (offset + PAGE_SIZE >= page.total) break;
  }
  return items;
}

/**
 * The as-of date of a report for `year`: the one asked for (a date of that year), else the last
 * day of the year, or today while the year is still running.
 */
export function reportAsOf(year: number, requested: string | null, today = todayInVietnam()): string {
  if (requested !== null) {
    if (!isLocalDate(requested) || Number(requested.slice(0, 4)) !== year) {
      throw new ReportError(
        400,
        'BAD_USER_INPUT',
        `Ngày số liệu (asOf) phải là một ngày hợp lệ của năm ${year}, dạng YYYY-MM-DD.`,
        `asOf must be a valid date of ${year}, as YYYY-MM-DD.`,
      );
    }
    return requested;
  }
  const yearEnd = `${year}-12-31`;
  return today < yearEnd ? today : yearEnd;
}

/** Reads the report's data: the plan's phases first, then the scorecard and the lists in parallel. */
export async function loadAnnualReport(
  execute: ExecuteAsCaller,
  planCode: string,
  year: number,
  requestedAsOf: string | null,
): Promise<AnnualReportContent> {
  const asOf = reportAsOf(year, requestedAsOf);
  const { plan } = dataOf<ReportPlanData>(await execute(REPORT_PLAN_QUERY, { plan: planCode }));
  const phaseOfYear = (y: number) =>
    plan.phases.find((phase) => Number(phase.startDate.slice(0, 4)) <= y && y <= Number(phase.endDate.slice(0, 4)));
  const phase = phaseOfYear(year);
  if (!phase) {
    throw new ReportError(
      400,
      'BAD_USER_INPUT',
      `Năm ${year} nằm ngoài các giai đoạn của kế hoạch ${plan.code}.`,
      `Year ${year} is outside the phases of plan ${plan.code}.`,
    );
  }
  const yearStart = `${year}-01-01`;
  const variables: ScorecardVariables = { plan: plan.code, year, phase: phase.number, asOf };
  const [scorecard, courses, recognitions, engagements] = await Promise.all([
    execute(SCORECARD_QUERY, { ...variables }).then((result) => dataOf<ScorecardData>(result).plan),
    allItems<ReportCourse>(execute, YEAR_COURSES_QUERY, 'courses', { plan: plan.code, year }),
    allItems<ReportRecognition>(execute, RECOGNITIONS_QUERY, 'recognitions', { asOf }),
    allItems<ReportEngagement>(execute, COMPLETED_ENGAGEMENTS_QUERY, 'assuranceEngagements', {}),
  ]);
  const yearlyTarget = (y: number) =>
    plan.trainingTargets?.find((target) => target.scope === 'PER_YEAR' && target.phase === phaseOfYear(y)?.number)?.value ?? null;
  return {
    year,
    asOf,
    madeOn: todayInVietnam(),
    phase,
    scorecard,
    yearlyTrainingTargets: (scorecard.trainingIndicator?.participationsByYear ?? []).map((row) => ({
      year: row.year,
      target: yearlyTarget(row.year),
    })),
    courses: courses
      .filter((course) => course.status !== 'CANCELLED')
      .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.code.localeCompare(b.code)),
    recognitions: recognitions
      .filter((recognition) => recognition.validFrom <= asOf && recognition.validUntil >= yearStart)
      .sort((a, b) => a.validFrom.localeCompare(b.validFrom)),
    engagements: engagements
      .filter(
        (engagement) => engagement.completedOn !== null && yearStart <= engagement.completedOn && engagement.completedOn <= asOf,
      )
      .sort((a, b) => (a.completedOn ?? '').localeCompare(b.completedOn ?? '')),
  };
}
