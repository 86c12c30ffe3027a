import { yearOf } from '../dates';
import { BadInputError } from '../errors';
import {
  type DatedCount,
  type IndicatorOutcome,
  indicatorOutcome,
  type PhaseSpan,
  phaseSpans,
  type TargetDefinition,
} from './rule';

/** The year and phase an indicator query asks for; missing ones follow the as-of date. */
export interface IndicatorSelection {
  year?: number | null;
  phase?: number | null;
}

/** The year and phase an indicator query is answered for. */
export interface IndicatorPeriod {
  year: number;
  /** The phase containing `year`: its per-year targets are evaluated for that year. */
  yearPhase: number;
  /** The phase whose per-phase, cumulative and held targets are evaluated. */
  phase: number;
}

/**
 * Checks and completes a selection against the plan's phases. An explicit year or phase outside
 * the plan is bad input. Defaults: the year of the as-of date, brought inside the plan's years
 * (a report after the plan ends reads its last year, one before it its first); the phase
 * containing the as-of date, or the last phase once the plan is over, or the first before it.
 */
export function resolveIndicatorPeriod(
  phases: readonly PhaseSpan[],
  asOf: string,
  selection: IndicatorSelection,
): IndicatorPeriod {
  if (phases.length === 0) throw new RangeError('a plan without phases has no indicator period');
  const firstYear = yearOf(phases[0].start);
  const lastYear = yearOf(phases[phases.length - 1].end);
  const year = selection.year ?? Math.min(Math.max(yearOf(asOf), firstYear), lastYear);
  // Phases of a plan start on 1 January; should one start mid-year, its year belongs to the earlier phase.
  const yearPhase = phases.find((span) => yearOf(span.start) <= year && year <= yearOf(span.end));
  if (!yearPhase) {
    throw new BadInputError(
      'year',
      `Năm ${year} nằm ngoài thời gian thực hiện kế hoạch (${firstYear}–${lastYear}).`,
      `Year ${year} is outside the plan (${firstYear}–${lastYear}).`,
      { firstYear, lastYear },
    );
  }
  let phase: PhaseSpan | undefined;
  if (selection.phase !== null && selection.phase !== undefined) {
    phase = phases.find((span) => span.phase === selection.phase);
    if (!phase) {
      const known = phases.map((span) => span.phase);
      throw new BadInputError(
        'phase',
        `Kế hoạch không có giai đoạn ${selection.phase} (các giai đoạn: ${known.join(', ')}).`,
        `The plan has no phase ${selection.phase} (phases: ${known.join(', ')}).`,
        { phases: known },
      );
    }
  } else {
    phase =
      phases.find((span) => span.start <= asOf && asOf <= span.end) ??
      (asOf > phases[phases.length - 1].end ? phases[phases.length - 1] : phases[0]);
  }
  return { year, yearPhase: yearPhase.phase, phase: phase.phase };
}

/**
 * Stored targets evaluated for a period: the per-year targets of the year's phase for that year,
 * the other targets of the selected phase over their windows. `countsOf` gives each target's
 * dated counts (see `indicatorOutcome`). Returns the outcomes and the period; null when there are
 * no targets to evaluate. Works for any mix of indicators, so one call can make a scorecard.
 */
export function evaluateTargets<T extends TargetDefinition>(
  targets: readonly T[],
  asOf: string,
  countsOf: (target: T) => readonly DatedCount[],
  selection: IndicatorSelection,
): { period: IndicatorPeriod; outcomes: IndicatorOutcome<T['indicator'], T['scope']>[] } | null {
  const phases = phaseSpans(targets);
  if (phases.length === 0) return null;
  const period = resolveIndicatorPeriod(phases, asOf, selection);
  const outcomes = targets.flatMap((target) => {
    if (target.scope === 'PER_YEAR') {
      return target.phase === period.yearPhase ? [indicatorOutcome(target, asOf, countsOf(target), period.year)] : [];
    }
    return target.phase === period.phase ? [indicatorOutcome(target, asOf, countsOf(target))] : [];
  });
  return { period, outcomes };
}

/** The value of the per-year target whose window holds `year` (null when none does). */
export function yearlyTargetValue(targets: readonly TargetDefinition[], year: number): number | null {
  const perYear = targets.find(
    (target) => target.scope === 'PER_YEAR' && yearOf(target.windowStart) <= year && year <= yearOf(target.windowEnd),
  );
  return perYear ? perYear.value : null;
}
