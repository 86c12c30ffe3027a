/**
 * The whole-plan scorecard (docs/RULES.md, "Indicators"): one operation through the gateway, each part resolved by the
 * subgraph that owns it. Dashboards, the annual report, the tests and the benchmark all send this
 * same document, so that what is measured is what is served.
 */

/**
 * Fragments of the scorecard, for composing other operations over the same shape (two plans side
 * by side with aliases, for instance). `PlanScorecard` expects the variables `$year: Int!`,
 * `$phase: Int` and `$asOf: LocalDate` to be declared by the operation.
 */
export const SCORECARD_FRAGMENTS = /* GraphQL */ `
  fragment ScorecardIndicator on IndicatorResult {
    indicator
    scope
    phase
    year
    windowStart
    windowEnd
    asOf
    target
    actual
    expected
    pace
    status
    forecast
    gap
    unit
    series { year actual runningTotal percentOfTarget }
  }

  fragment ScorecardBudget on BudgetSummary {
    asOf
    year
    bySource { source envelope planned allocated disbursed remaining executionRate }
    byTaskGroup { taskGroup envelope planned allocated disbursed remaining executionRate }
    total { envelope planned allocated disbursed remaining executionRate }
    contributions
    stateDisbursed
    mobilisationRatio
    plannedMobilisationRatio
  }

  fragment PlanScorecard on Plan {
    code
    title
    issuer
    province
    phases { number title startDate endDate }
    taskGroups { number title }
    budgetTotal
    trainingIndicator(asOf: $asOf, year: $year, phase: $phase) {
      yearly { ...ScorecardIndicator }
      phase { ...ScorecardIndicator }
      participationsByYear { year actual runningTotal percentOfTarget }
    }
    infrastructureIndicators(asOf: $asOf, phase: $phase) {
      phase
      asOf
      standards { ...ScorecardIndicator }
      assurance { ...ScorecardIndicator }
      laboratories { ...ScorecardIndicator }
      capacity { ...ScorecardIndicator }
      mapByOwnership { ownership completed }
    }
    budgetOfYear: budgetSummary(asOf: $asOf, year: $year) { ...ScorecardBudget }
    budgetToDate: budgetSummary(asOf: $asOf) { ...ScorecardBudget }
  }
`;

/**
 * `Scorecard($plan, $year, $phase, $asOf)`: every target of the plan (docs/RULES.md, "The plan as data") for a calendar year
 * and a phase at an as-of date, with actual, target, status, pace, forecast, gap and the yearly
 * series, plus the budget execution of the year and of the plan to date.
 *
 * - `$plan`: the plan's code, e.g. "129/KH-UBND".
 * - `$year`: the calendar year of the yearly training target and of the year's budget.
 * - `$phase`: the phase of the phase targets; null: the phase containing the as-of date.
 * - `$asOf`: the date everything is evaluated at; null: today in Asia/Ho_Chi_Minh.
 *
 * Who answers what: training `trainingIndicator` (TRAINING, yearly and per phase), labs
 * `infrastructureIndicators` (STANDARDS, MAP, LABS, CAPACITY and MAP by ownership), funding the plan
 * header and `budgetSummary`. Viewers and administrators read all of it; each subgraph enforces
 * its own roles, so another role gets the parts it may read and FORBIDDEN errors for the others.
 */
export const SCORECARD_QUERY = /* GraphQL */ `
  query Scorecard($plan: ID!, $year: Int!, $phase: Int, $asOf: LocalDate) {
    plan(code: $plan) { ...PlanScorecard }
  }
  ${SCORECARD_FRAGMENTS}
`;

/** Variables of `SCORECARD_QUERY`. */
export interface ScorecardVariables {
  plan: string;
  year: number;
  phase?: number | null;
  asOf?: string | null;
}

export type IndicatorStatus = 'NOT_STARTED' | 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK' | 'ACHIEVED' | 'MISSED';
export type IndicatorCode = 'TRAINING' | 'STANDARDS' | 'MAP' | 'LABS' | 'CAPACITY';
export type FundingSource = 'SCIENCE_OPERATING' | 'DEVELOPMENT_INVESTMENT' | 'ENTERPRISE_AND_OTHER';

/** One calendar year of an indicator. */
export interface ScorecardYear {
  year: number;
  actual: number;
  runningTotal: number;
  percentOfTarget: number | null;
}

/** A target evaluated at the as-of date (`ScorecardIndicator`). */
export interface ScorecardIndicator {
  indicator: IndicatorCode;
  scope: 'PER_PHASE' | 'PER_YEAR' | 'CUMULATIVE' | 'HELD';
  phase: number;
  year: number | null;
  windowStart: string;
  windowEnd: string;
  asOf: string;
  target: number;
  actual: number;
  expected: number;
  pace: number | null;
  status: IndicatorStatus;
  forecast: number | null;
  gap: number;
  unit: string;
  series: ScorecardYear[];
}

/** Budget figures of one row (money in whole VND, rates as 4-decimal strings). */
export interface ScorecardBudgetFigures {
  envelope: number | null;
  planned: number;
  allocated: number;
  disbursed: number;
  remaining: number;
  executionRate: string | null;
}

/** `ScorecardBudget`. */
export interface ScorecardBudget {
  asOf: string;
  year: number | null;
  bySource: (ScorecardBudgetFigures & { source: FundingSource })[];
  byTaskGroup: (ScorecardBudgetFigures & { taskGroup: number })[];
  total: ScorecardBudgetFigures;
  contributions: number;
  stateDisbursed: number;
  mobilisationRatio: string | null;
  plannedMobilisationRatio: string | null;
}

/**
 * `PlanScorecard`. The parts owned by training and labs are null when the plan has no such
 * target, and also when that subgraph is unavailable (the response's errors then name it).
 */
export interface PlanScorecard {
  code: string;
  title: string;
  issuer: string;
  province: string;
  phases: { number: number; title: string; startDate: string; endDate: string }[];
  taskGroups: { number: number; title: string }[];
  /** Null (with an error) when funding cannot serve it, like the budget summaries below. */
  budgetTotal: number | null;
  trainingIndicator: {
    yearly: ScorecardIndicator | null;
    phase: ScorecardIndicator | null;
    participationsByYear: ScorecardYear[];
  } | null;
  infrastructureIndicators: {
    phase: number;
    asOf: string;
    standards: ScorecardIndicator | null;
    assurance: ScorecardIndicator | null;
    laboratories: ScorecardIndicator | null;
    capacity: ScorecardIndicator | null;
    mapByOwnership: { ownership: string; completed: number }[];
  } | null;
  budgetOfYear: ScorecardBudget | null;
  budgetToDate: ScorecardBudget | null;
}

/** Data of `SCORECARD_QUERY`. */
export interface ScorecardData {
  plan: PlanScorecard;
}
