/**
 * The annual report's data, read from the API as the caller through the SDK (generated documents
 * and types), exactly as any other client reads it: the gateway and the subgraphs check the
 * caller's roles (docs/RULES.md, "Roles"); a report is never made from partial data.
 */
import { isLocalDate, todayInVietnam } from '@metrology/kit/dates';
import {
  AnnualReportPlanDocument,
  CompletedEngagementsDocument,
  type CompletedEngagementsQuery,
  GraphQLRequestError,
  type MetrologyClient,
  RecognitionsDocument,
  type RecognitionsQuery,
  ScorecardDocument,
  YearCoursesDocument,
  type YearCoursesQuery,
} from '@metrology/sdk';
import type { PlanScorecard } from './scorecard';

export type ReportCourse = YearCoursesQuery['courses']['items'][number];
export type ReportRecognition = RecognitionsQuery['recognitions']['items'][number];
export type ReportEngagement = CompletedEngagementsQuery['assuranceEngagements']['items'][number];

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

/** Why an operation failed, as the report's answer: the caller's own problem, or a part missing (503). */
function reportErrorOf(error: unknown): unknown {
  if (!(error instanceof GraphQLRequestError)) return error;
  const coded = error.errors.find((e) => typeof e.extensions?.code === 'string' && e.extensions.code in STATUS_OF_CODE);
  if (coded) {
    const code = coded.extensions?.code as string;
    const messageEn = typeof coded.extensions?.messageEn === 'string' ? coded.extensions.messageEn : coded.message;
    return new ReportError(STATUS_OF_CODE[code], code, coded.message, messageEn);
  }
  return new ReportError(
    503,
    'SERVICE_UNAVAILABLE',
    'Chưa lập được báo cáo: một phần dữ liệu tạm thời không khả dụng, vui lòng thử lại sau.',
    'The report cannot be made now: part of its data is temporarily unavailable. Try again later.',
  );
}

/** Runs an operation; any error becomes a `ReportError` (an answer with errors is never used). */
async function read<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw reportErrorOf(error);
  }
}

/** Every item of a paged list, page after page. */
async function allItems<T>(page: (limit: number, offset: number) => Promise<{ total: number; items: T[] }>): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; offset < MAX_LIST_ITEMS; offset += PAGE_SIZE) {
    const { total, items: pageItems } = await read(() => page(PAGE_SIZE, offset));
    items.push(...pageItems);
    if (offset + PAGE_SIZE >= total) break;
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
  client: MetrologyClient,
  planCode: string,
  year: number,
  requestedAsOf: string | null,
): Promise<AnnualReportContent> {
  const asOf = reportAsOf(year, requestedAsOf);
  const { plan } = await read(() => client.request(AnnualReportPlanDocument, { plan: planCode }));
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
  const [scorecard, courses, recognitions, engagements] = await Promise.all([
    read(() => client.request(ScorecardDocument, { plan: plan.code, year, phase: phase.number, asOf })).then((data) => data.plan),
    allItems((limit, offset) =>
      client.request(YearCoursesDocument, { plan: plan.code, year, limit, offset }).then((data) => data.courses),
    ),
    allItems((limit, offset) => client.request(RecognitionsDocument, { asOf, limit, offset }).then((data) => data.recognitions)),
    allItems((limit, offset) =>
      client.request(CompletedEngagementsDocument, { limit, offset }).then((data) => data.assuranceEngagements),
    ),
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
