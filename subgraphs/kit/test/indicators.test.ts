import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors';
import {
  type DatedCount,
  elapsedDays,
  evaluateIndicator,
  evaluateTargets,
  IndicatorStatus,
  indicatorOutcome,
  phaseSpans,
  resolveIndicatorPeriod,
  roundRatio,
  type TargetDefinition,
  windowLength,
  yearlyTargetValue,
} from '../src/indicators';

const YEAR_2025 = { start: '2025-01-01', end: '2025-12-31' };
const YEAR_2026 = { start: '2026-01-01', end: '2026-12-31' };
const YEAR_2028 = { start: '2028-01-01', end: '2028-12-31' };
/** 31 + 28 + 31 + 10 = 100 days, so that paces are easy to check by hand. */
const HUNDRED_DAYS = { start: '2026-01-01', end: '2026-04-10' };

function target(overrides: Partial<TargetDefinition>): TargetDefinition {
  return {
    indicator: 'TRAINING',
    scope: 'PER_PHASE',
    phase: 2,
    value: 300,
    unit: 'lượt người',
    windowStart: '2026-01-01',
    windowEnd: '2030-12-31',
    ...overrides,
  };
}

const TRAINING_TARGETS: TargetDefinition[] = [
  target({ phase: 1, scope: 'PER_PHASE', value: 300, windowStart: '2019-01-01', windowEnd: '2025-12-31' }),
  target({ phase: 1, scope: 'PER_YEAR', value: 60, windowStart: '2019-01-01', windowEnd: '2025-12-31' }),
  target({ phase: 2, scope: 'PER_PHASE', value: 300 }),
  target({ phase: 2, scope: 'PER_YEAR', value: 60 }),
];

/** 1 in Dec 2025, 1 + 27 in 2026 by July, 1 in August 2026, 61 in 2027. */
const COUNTS: DatedCount[] = [
  { date: '2025-12-15', count: 1 },
  { date: '2026-01-10', count: 1 },
  { date: '2026-03-02', count: 27 },
  { date: '2026-08-20', count: 1 },
  { date: '2027-02-01', count: 61 },
];

describe('indicator rule: window arithmetic', () => {
  it('counts the days of a window with both ends, 366 in the leap year 2028', () => {
    expect(windowLength(YEAR_2026)).toBe(365);
    expect(windowLength(YEAR_2028)).toBe(366);
    expect(windowLength({ start: '2026-01-01', end: '2030-12-31' })).toBe(1826);
    expect(windowLength({ start: '2019-01-01', end: '2025-12-31' })).toBe(2557);
    expect(windowLength(HUNDRED_DAYS)).toBe(100);
  });

  it('counts elapsed days from the start through the as-of date: 0 before, capped at the length after', () => {
    expect(elapsedDays(YEAR_2026, '2025-12-31')).toBe(0);
    expect(elapsedDays(YEAR_2026, '2026-01-01')).toBe(1);
    expect(elapsedDays(YEAR_2026, '2026-07-02')).toBe(183);
    expect(elapsedDays(YEAR_2026, '2026-12-31')).toBe(365);
    expect(elapsedDays(YEAR_2026, '2027-03-01')).toBe(365);
    expect(elapsedDays(YEAR_2028, '2028-02-29')).toBe(60);
    expect(elapsedDays(YEAR_2028, '2028-12-31')).toBe(366);
  });

  it('rounds ratios half up on exact integers', () => {
    expect(roundRatio(1, 8, 2)).toBe(0.13);
    expect(roundRatio(2, 3, 4)).toBe(0.6667);
    expect(roundRatio(1, 3, 2)).toBe(0.33);
    expect(roundRatio(19, 20, 4)).toBe(0.95);
    expect(roundRatio(5, 1, 2)).toBe(5);
    expect(() => roundRatio(1, 0, 2)).toThrow(RangeError);
  });
});

describe('indicator rule: status, pace, forecast, gap', () => {
  it('is AT_RISK at 28 of 60 on 2 July 2026: expected 30.08, pace 0.9308, forecast 55.85, gap 32', () => {
    // expected = 60 × 183 / 365 = 30.0822; pace = 28 × 365 / 10980 = 0.93078; forecast = 28 × 365 / 183 = 55.847.
    expect(evaluateIndicator(60, 28, YEAR_2026, '2026-07-02')).toEqual({
      elapsedDays: 183,
      lengthDays: 365,
      expected: 30.08,
      pace: 0.9308,
      status: IndicatorStatus.AT_RISK,
      forecast: 55.85,
      gap: 32,
    });
  });

  it.each([
    [30, 1.5, IndicatorStatus.ON_TRACK],
    [19, 0.95, IndicatorStatus.ON_TRACK],
    [18, 0.9, IndicatorStatus.AT_RISK],
    [12, 0.6, IndicatorStatus.AT_RISK],
    [11, 0.55, IndicatorStatus.OFF_TRACK],
    [0, 0, IndicatorStatus.OFF_TRACK],
  ])('with 100 expected of 100 days and 20 days gone (expected 20), actual %i has pace %f and is %s', (actual, pace, status) => {
    const result = evaluateIndicator(100, actual, HUNDRED_DAYS, '2026-01-20');
    expect(result.expected).toBe(20);
    expect(result.pace).toBe(pace);
    expect(result.status).toBe(status);
    expect(result.forecast).toBe(actual * 5);
    expect(result.gap).toBe(100 - actual);
  });

  it('is NOT_STARTED before the window, with nothing expected and neither pace nor forecast', () => {
    expect(evaluateIndicator(60, 0, YEAR_2026, '2025-12-31')).toEqual({
      elapsedDays: 0,
      lengthDays: 365,
      expected: 0,
      pace: null,
      status: IndicatorStatus.NOT_STARTED,
      forecast: null,
      gap: 60,
    });
  });

  it('is still judged by pace on the last day of the window, and MISSED the day after', () => {
    expect(evaluateIndicator(60, 50, YEAR_2026, '2026-12-31').status).toBe(IndicatorStatus.AT_RISK);
    expect(evaluateIndicator(60, 59, YEAR_2025, '2026-01-05')).toEqual({
      elapsedDays: 365,
      lengthDays: 365,
      expected: 60,
      pace: 0.9833,
      status: IndicatorStatus.MISSED,
      forecast: 59,
      gap: 1,
    });
  });

  it('is ACHIEVED once the actual reaches the target, which beats MISSED after the window', () => {
    const after = evaluateIndicator(60, 61, YEAR_2025, '2026-01-05');
    expect(after).toMatchObject({ status: IndicatorStatus.ACHIEVED, pace: 1.0167, forecast: 61, gap: 0 });
    const during = evaluateIndicator(60, 61, YEAR_2026, '2026-07-02');
    // pace = 61 × 365 / 10980 = 2.02778; forecast = 61 × 365 / 183 = 121.667.
    expect(during).toMatchObject({ status: IndicatorStatus.ACHIEVED, pace: 2.0278, forecast: 121.67, gap: 0 });
    expect(evaluateIndicator(60, 60, YEAR_2026, '2026-01-01').status).toBe(IndicatorStatus.ACHIEVED);
  });

  it('treats a target of 0 as ACHIEVED, even before the window, with no pace', () => {
    expect(evaluateIndicator(0, 0, YEAR_2026, '2025-06-01')).toMatchObject({ status: IndicatorStatus.ACHIEVED, pace: null });
  });

  it('uses 366 days in 2028: 10 of 60 on 29 February is ON_TRACK with expected 9.84 and forecast 61', () => {
    // expected = 60 × 60 / 366 = 9.836; pace = 10 × 366 / 3600 = 1.01667; forecast = 10 × 366 / 60 = 61.
    expect(evaluateIndicator(60, 10, YEAR_2028, '2028-02-29')).toEqual({
      elapsedDays: 60,
      lengthDays: 366,
      expected: 9.84,
      pace: 1.0167,
      status: IndicatorStatus.ON_TRACK,
      forecast: 61,
      gap: 50,
    });
  });

  it('refuses negative or fractional counts (a programming error, not user input)', () => {
    expect(() => evaluateIndicator(60, -1, YEAR_2026, '2026-07-02')).toThrow(RangeError);
    expect(() => evaluateIndicator(60.5, 1, YEAR_2026, '2026-07-02')).toThrow(RangeError);
  });
});

describe('indicator rule: stored targets and their series', () => {
  const perYear = target({ scope: 'PER_YEAR', value: 60 });
  const perPhase = target({ scope: 'PER_PHASE', value: 300 });

  it('evaluates a per-year target over its calendar year, ignoring counts of other years and after the as-of date', () => {
    expect(indicatorOutcome(perYear, '2026-07-02', COUNTS, 2026)).toEqual({
      indicator: 'TRAINING',
      scope: 'PER_YEAR',
      phase: 2,
      year: 2026,
      windowStart: '2026-01-01',
      windowEnd: '2026-12-31',
      asOf: '2026-07-02',
      target: 60,
      actual: 28,
      unit: 'lượt người',
      expected: 30.08,
      pace: 0.9308,
      status: IndicatorStatus.AT_RISK,
      forecast: 55.85,
      gap: 32,
      series: [{ year: 2026, actual: 28, runningTotal: 28, percentOfTarget: 46.67 }],
    });
  });

  it('evaluates a per-phase target over the phase: 28 of 300 on 2 July 2026 is AT_RISK (pace 0.9313, forecast 279.39)', () => {
    // expected = 300 × 183 / 1826 = 30.0657; pace = 28 × 1826 / 54900 = 0.93129; forecast = 28 × 1826 / 183 = 279.388.
    expect(indicatorOutcome(perPhase, '2026-07-02', COUNTS)).toMatchObject({
      year: null,
      windowStart: '2026-01-01',
      windowEnd: '2030-12-31',
      actual: 28,
      expected: 30.07,
      pace: 0.9313,
      status: IndicatorStatus.AT_RISK,
      forecast: 279.39,
      gap: 272,
      series: [{ year: 2026, actual: 28, runningTotal: 28, percentOfTarget: 9.33 }],
    });
  });

  it('gives a per-phase series the running total against the phase target, through the as-of year only', () => {
    const outcome = indicatorOutcome(perPhase, '2027-06-30', COUNTS);
    expect(outcome.actual).toBe(90);
    expect(outcome.series).toEqual([
      { year: 2026, actual: 29, runningTotal: 29, percentOfTarget: 9.67 },
      { year: 2027, actual: 61, runningTotal: 90, percentOfTarget: 30 },
    ]);
  });

  it('reports 61 of 60 in 2027 as ACHIEVED with 101.67 % and no gap', () => {
    expect(indicatorOutcome(perYear, '2027-06-30', COUNTS, 2027)).toMatchObject({
      actual: 61,
      status: IndicatorStatus.ACHIEVED,
      gap: 0,
      series: [{ year: 2027, actual: 61, runningTotal: 61, percentOfTarget: 101.67 }],
    });
  });

  it('gives a future year NOT_STARTED with an empty series', () => {
    expect(indicatorOutcome(perYear, '2026-07-02', COUNTS, 2028)).toMatchObject({
      windowStart: '2028-01-01',
      windowEnd: '2028-12-31',
      actual: 0,
      expected: 0,
      status: IndicatorStatus.NOT_STARTED,
      series: [],
    });
  });

  it('reads a held target as the number held: changes summed from the beginning, at each year end and at the as-of date', () => {
    const labs = target({ indicator: 'LABS', scope: 'HELD', value: 2, unit: 'phòng thí nghiệm', windowStart: '2019-01-01' });
    const changes: DatedCount[] = [
      { date: '2020-05-01', count: 1 },
      { date: '2024-03-01', count: 1 },
      { date: '2025-03-01', count: -1 },
      { date: '2026-02-01', count: 1 },
    ];
    const outcome = indicatorOutcome(labs, '2025-06-30', changes);
    expect(outcome.actual).toBe(1);
    expect(outcome.status).toBe(IndicatorStatus.AT_RISK);
    expect(outcome.series.map((year) => [year.year, year.actual, year.runningTotal, year.percentOfTarget])).toEqual([
      [2019, 0, 0, 0],
      [2020, 1, 1, 50],
      [2021, 1, 1, 50],
      [2022, 1, 1, 50],
      [2023, 1, 1, 50],
      [2024, 2, 2, 100],
      [2025, 1, 1, 50],
    ]);
    expect(indicatorOutcome(labs, '2026-07-02', changes).status).toBe(IndicatorStatus.ACHIEVED);
  });
});

describe('indicator period: year and phase', () => {
  const phases = phaseSpans(TRAINING_TARGETS);

  it('derives phase spans from the targets, a cumulative window starting at the plan start notwithstanding', () => {
    const withCumulative = [...TRAINING_TARGETS, target({ indicator: 'MAP', scope: 'CUMULATIVE', windowStart: '2019-01-01' })];
    const expected = [
      { phase: 1, start: '2019-01-01', end: '2025-12-31' },
      { phase: 2, start: '2026-01-01', end: '2030-12-31' },
    ];
    expect(phases).toEqual(expected);
    expect(phaseSpans(withCumulative)).toEqual(expected);
  });

  it('defaults to the year and phase of the as-of date', () => {
    expect(resolveIndicatorPeriod(phases, '2026-07-02', {})).toEqual({ year: 2026, yearPhase: 2, phase: 2 });
    expect(resolveIndicatorPeriod(phases, '2026-07-02', { year: 2025 })).toEqual({ year: 2025, yearPhase: 1, phase: 2 });
    expect(resolveIndicatorPeriod(phases, '2026-07-02', { phase: 1 })).toEqual({ year: 2026, yearPhase: 2, phase: 1 });
  });

  it('brings a default outside the plan to its last year and phase after it, its first before it', () => {
    expect(resolveIndicatorPeriod(phases, '2035-01-01', {})).toEqual({ year: 2030, yearPhase: 2, phase: 2 });
    expect(resolveIndicatorPeriod(phases, '2018-05-01', {})).toEqual({ year: 2019, yearPhase: 1, phase: 1 });
  });

  it.each([
    ['year', { year: 2031 }],
    ['year', { year: 2018 }],
    ['phase', { phase: 3 }],
    ['phase', { phase: 0 }],
  ])('refuses a %s outside the plan with BAD_USER_INPUT on that field', (field, selection) => {
    let error: unknown;
    try {
      resolveIndicatorPeriod(phases, '2026-07-02', selection);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', details: { field } });
  });

  it('evaluates the per-year target of the year and the per-phase target of the phase, from any counts', () => {
    const evaluated = evaluateTargets(TRAINING_TARGETS, '2026-07-02', () => COUNTS, { year: 2025 });
    expect(evaluated?.period).toEqual({ year: 2025, yearPhase: 1, phase: 2 });
    expect(evaluated?.outcomes.map((o) => [o.scope, o.phase, o.year, o.actual, o.status])).toEqual([
      ['PER_YEAR', 1, 2025, 1, IndicatorStatus.MISSED],
      ['PER_PHASE', 2, null, 28, IndicatorStatus.AT_RISK],
    ]);
    expect(evaluateTargets([], '2026-07-02', () => COUNTS, {})).toBeNull();
  });

  it('finds the yearly target value of a year from the per-year target whose window holds it', () => {
    expect(yearlyTargetValue(TRAINING_TARGETS, 2019)).toBe(60);
    expect(yearlyTargetValue(TRAINING_TARGETS, 2030)).toBe(60);
    expect(yearlyTargetValue(TRAINING_TARGETS, 2031)).toBeNull();
  });
});
