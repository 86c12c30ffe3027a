/**
 * The indicator rule (docs/RULES.md, "Indicators"), for every target of every subgraph: plain
 * functions of integers and local dates, no GraphQL, no database, so that the rule is tested on its
 * own and training and labs cannot drift apart.
 *
 * Numbers: targets, actuals and days are integers. Every ratio is computed on those integers and
 * rounded once, half up: `expected` and `forecast` to 2 decimals, `pace` to 4, percentages to 2.
 * The status compares the exact ratio with the thresholds (never the rounded pace), so 0.95 is
 * ON_TRACK however the division would have rounded in floating point.
 */
import { addDays, daysBetween, yearOf } from '../dates';
import type { IndicatorCodeValue, TargetScopeValue } from '../plan';

/** Where an indicator stands at the as-of date. */
export enum IndicatorStatus {
  NOT_STARTED = 'NOT_STARTED',
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OFF_TRACK = 'OFF_TRACK',
  ACHIEVED = 'ACHIEVED',
  MISSED = 'MISSED',
}

/** Pace thresholds in percent: ON_TRACK from 95 %, AT_RISK from 60 %, OFF_TRACK below. */
export const ON_TRACK_PACE_PERCENT = 95;
export const AT_RISK_PACE_PERCENT = 60;

/** Days counted, first and last included. */
export interface IndicatorWindow {
  start: string;
  end: string;
}

/** Occurrences counted on one day (for a held target, a change of the number held: +1 or −1). */
export interface DatedCount {
  date: string;
  count: number;
}

/** What the rule says about a target at a date. */
export interface IndicatorEvaluation {
  elapsedDays: number;
  lengthDays: number;
  expected: number;
  pace: number | null;
  status: IndicatorStatus;
  forecast: number | null;
  gap: number;
}

/** One calendar year of a series. */
export interface IndicatorYearValue {
  year: number;
  actual: number;
  runningTotal: number;
  percentOfTarget: number | null;
}

/** The stored shape of a target the rule needs (PlanTarget has it). */
export interface TargetDefinition {
  indicator: IndicatorCodeValue;
  scope: TargetScopeValue;
  phase: number;
  value: number;
  unit: string;
  windowStart: string;
  windowEnd: string;
}

/** A target evaluated at a date, with its series: the shape of the GraphQL `IndicatorResult`. */
export interface IndicatorOutcome<
  I extends IndicatorCodeValue = IndicatorCodeValue,
  S extends TargetScopeValue = TargetScopeValue,
> extends Omit<IndicatorEvaluation, 'elapsedDays' | 'lengthDays'> {
  indicator: I;
  scope: S;
  phase: number;
  /** The calendar year of a per-year target; null for the other scopes. */
  year: number | null;
  windowStart: string;
  windowEnd: string;
  asOf: string;
  target: number;
  actual: number;
  unit: string;
  series: IndicatorYearValue[];
}

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** numerator / denominator rounded half up to `decimals` places, exactly (both non-negative integers). */
export function roundRatio(numerator: number, denominator: number, decimals: number): number {
  assertCount('numerator', numerator);
  if (!Number.isSafeInteger(denominator) || denominator <= 0)
    throw new RangeError(`denominator must be positive, got ${denominator}`);
  const scale = 10n ** BigInt(decimals);
  const d = BigInt(denominator);
  const rounded = (BigInt(numerator) * scale * 2n + d) / (2n * d);
  return Number(rounded) / Number(scale);
}

/** Days in the window, both ends counted (2028 has 366). */
export function windowLength(window: IndicatorWindow): number {
  return daysBetween(window.start, window.end) + 1;
}

/** Days from the window's start through `asOf`, both counted: 0 before the window, the length after it. */
export function elapsedDays(window: IndicatorWindow, asOf: string): number {
  return Math.min(Math.max(daysBetween(window.start, asOf) + 1, 0), windowLength(window));
}

function statusOf(target: number, actual: number, window: IndicatorWindow, asOf: string, elapsed: number, length: number) {
  if (actual >= target) return IndicatorStatus.ACHIEVED;
  // ISO dates compare as strings.
  if (asOf > window.end) return IndicatorStatus.MISSED;
  if (asOf < window.start) return IndicatorStatus.NOT_STARTED;
  // pace = actual·length / (target·elapsed); inside the window elapsed ≥ 1 and target > actual ≥ 0.
  const reached = actual * length * 100;
  const expectedScaled = target * elapsed;
  if (reached >= ON_TRACK_PACE_PERCENT * expectedScaled) return IndicatorStatus.ON_TRACK;
  if (reached >= AT_RISK_PACE_PERCENT * expectedScaled) return IndicatorStatus.AT_RISK;
  return IndicatorStatus.OFF_TRACK;
}

/**
 * The rule for a target T over a window at an as-of date (docs/RULES.md, "Indicator status"):
 * expected = T × elapsed / length, pace = actual / expected (null when expected is 0),
 * forecast = actual × length / elapsed (null when nothing has elapsed), gap = max(0, T − actual).
 * Status: ACHIEVED when actual ≥ T, even after the window; else MISSED after the window,
 * NOT_STARTED before it, and by pace inside it.
 */
export function evaluateIndicator(target: number, actual: number, window: IndicatorWindow, asOf: string): IndicatorEvaluation {
  assertCount('target', target);
  assertCount('actual', actual);
  const length = windowLength(window);
  if (length < 1) throw new RangeError(`window ${window.start}..${window.end} is empty`);
  const elapsed = elapsedDays(window, asOf);
  const expectedNumerator = target * elapsed;
  return {
    elapsedDays: elapsed,
    lengthDays: length,
    expected: roundRatio(expectedNumerator, length, 2),
    pace: expectedNumerator === 0 ? null : roundRatio(actual * length, expectedNumerator, 4),
    status: statusOf(target, actual, window, asOf, elapsed, length),
    forecast: elapsed === 0 ? null : roundRatio(actual * length, elapsed, 2),
    gap: Math.max(0, target - actual),
  };
}

function latest(a: string, b: string): string {
  return a > b ? a : b;
}

function earliest(a: string, b: string): string {
  return a < b ? a : b;
}

/** Sum of the counts dated from `from` through `to` (from = null: since the beginning). */
function sumBetween(counts: readonly DatedCount[], from: string | null, to: string): number {
  let total = 0;
  for (const { date, count } of counts) {
    if ((from === null || date >= from) && date <= to) total += count;
  }
  return total;
}

/** How a series reads its counts. */
export interface SeriesOptions {
  /**
   * `flow` (per phase, per year, cumulative): a year's actual is what was counted in it and the
   * running total adds the years up. `level` (held): a year's actual is the number held at its
   * end (or at the as-of date), counting every change since the beginning, and the running total
   * is that same number.
   */
  kind: 'flow' | 'level';
  /** The target a year's percentage is of, or null for no percentage. */
  targetOfYear(year: number): number | null;
  /** The year's actual (true) or the running total (false) is compared with the target. */
  percentOfYearActual: boolean;
}

/**
 * Actual, running total and percentage of target for each calendar year of the window, from the
 * window's first year through the year of the as-of date (years not yet begun have nothing to
 * report; a window entirely in the future has an empty series). Counts after the as-of date or
 * outside the window are left out.
 */
export function yearlySeries(
  window: IndicatorWindow,
  asOf: string,
  counts: readonly DatedCount[],
  options: SeriesOptions,
): IndicatorYearValue[] {
  const lastDay = earliest(window.end, asOf);
  const series: IndicatorYearValue[] = [];
  let runningTotal = 0;
  for (let year = yearOf(window.start); window.start <= lastDay && year <= yearOf(lastDay); year++) {
    const from = latest(window.start, `${year}-01-01`);
    const to = earliest(lastDay, `${year}-12-31`);
    let actual: number;
    if (options.kind === 'level') {
      actual = sumBetween(counts, null, to);
      runningTotal = actual;
    } else {
      actual = sumBetween(counts, from, to);
      runningTotal += actual;
    }
    const target = options.targetOfYear(year);
    const reached = options.percentOfYearActual ? actual : runningTotal;
    series.push({
      year,
      actual,
      runningTotal,
      percentOfTarget: target === null || target === 0 ? null : roundRatio(reached * 100, target, 2),
    });
  }
  return series;
}

/** The window of a per-year target for `year`: that calendar year, inside the target's window. */
export function yearWindow(target: Pick<TargetDefinition, 'windowStart' | 'windowEnd'>, year: number): IndicatorWindow {
  const window = { start: latest(target.windowStart, `${year}-01-01`), end: earliest(target.windowEnd, `${year}-12-31`) };
  if (window.start > window.end) throw new RangeError(`year ${year} is outside ${target.windowStart}..${target.windowEnd}`);
  return window;
}

/**
 * A stored target evaluated at `asOf` from its dated counts (they may run past the as-of date
 * and outside the window: the rule keeps only what counts). A per-year target is evaluated for
 * `year` (required), over that calendar year; the other scopes over the stored window.
 *
 * Actual: for a flow, what was counted from the window's start through the as-of date (or the
 * window's end, if earlier); for a held target, the number held then. Series percentages: for a
 * per-year target, the year's actual against the yearly target; for per-phase and cumulative
 * targets, the running total against the target, i.e. how much of it was reached by the end of
 * each year; for a held target, the number held at the end of each year against the target.
 */
export function indicatorOutcome<T extends TargetDefinition>(
  target: T,
  asOf: string,
  counts: readonly DatedCount[],
  year: number | null = null,
): IndicatorOutcome<T['indicator'], T['scope']> {
  const perYear = target.scope === 'PER_YEAR';
  if (perYear && year === null) throw new RangeError('a per-year target is evaluated for a year');
  const window = perYear && year !== null ? yearWindow(target, year) : { start: target.windowStart, end: target.windowEnd };
  const held = target.scope === 'HELD';
  const series = yearlySeries(window, asOf, counts, {
    kind: held ? 'level' : 'flow',
    targetOfYear: () => target.value,
    percentOfYearActual: perYear || held,
  });
  const lastDay = earliest(window.end, asOf);
  const actual = held
    ? sumBetween(counts, null, lastDay)
    : lastDay < window.start
      ? 0
      : sumBetween(counts, window.start, lastDay);
  const { elapsedDays: _elapsed, lengthDays: _length, ...evaluation } = evaluateIndicator(target.value, actual, window, asOf);
  return {
    indicator: target.indicator,
    scope: target.scope,
    phase: target.phase,
    year: perYear ? year : null,
    windowStart: window.start,
    windowEnd: window.end,
    asOf,
    target: target.value,
    actual,
    unit: target.unit,
    ...evaluation,
    series,
  };
}

/** The span of one phase of a plan, as its targets tell it. */
export interface PhaseSpan {
  phase: number;
  start: string;
  end: string;
}

/**
 * Phases from stored targets. A phase ends where its targets' windows end; it starts the day
 * after the previous phase ends (cumulative and held windows start at the plan's start, so their
 * own start says nothing about the phase), the first phase where its earliest window starts.
 */
export function phaseSpans(targets: readonly Pick<TargetDefinition, 'phase' | 'windowStart' | 'windowEnd'>[]): PhaseSpan[] {
  const byPhase = new Map<number, { start: string; end: string }>();
  for (const target of targets) {
    const known = byPhase.get(target.phase);
    byPhase.set(target.phase, {
      start: known ? earliest(known.start, target.windowStart) : target.windowStart,
      end: known ? latest(known.end, target.windowEnd) : target.windowEnd,
    });
  }
  const phases = [...byPhase.entries()].sort(([a], [b]) => a - b);
  return phases.map(([phase, span], index) => ({
    phase,
    start: index === 0 ? span.start : latest(span.start, addDays(phases[index - 1][1].end, 1)),
    end: span.end,
  }));
}
