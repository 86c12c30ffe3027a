import {
  BadInputError,
  type DatedCount,
  evaluateTargets,
  IndicatorCode,
  type IndicatorOutcome,
  type IndicatorSelection,
  type IndicatorYearValue,
  type PlanTarget,
  phaseSpans,
  TargetScope,
  yearlySeries,
  yearlyTargetValue,
  yearOf,
} from '@metrology/kit';

/** The TRAINING indicator of a plan at a date (docs/RULES.md, "Indicators"). */
export interface TrainingIndicatorValue {
  yearly: IndicatorOutcome<IndicatorCode, TargetScope> | null;
  phase: IndicatorOutcome<IndicatorCode, TargetScope> | null;
  participationsByYear: IndicatorYearValue[];
}

/**
 * Evaluates the plan's TRAINING targets from its participations (dated by first attended
 * session): the per-year target for the selected year, the per-phase target for the selected
 * phase, and participations per year over the whole plan against each year's yearly target.
 * Null when the plan has no TRAINING target; a year or phase outside the plan is bad input.
 */
export function trainingIndicator(
  planTargets: readonly PlanTarget[],
  participations: readonly DatedCount[],
  asOf: string,
  selection: IndicatorSelection,
): TrainingIndicatorValue | null {
  const targets = planTargets.filter((target) => target.indicator === IndicatorCode.TRAINING);
  const evaluated = evaluateTargets(targets, asOf, () => participations, selection);
  if (!evaluated) return null;
  const phases = phaseSpans(targets);
  return {
    yearly: evaluated.outcomes.find((outcome) => outcome.scope === TargetScope.PER_YEAR) ?? null,
    phase: evaluated.outcomes.find((outcome) => outcome.scope === TargetScope.PER_PHASE) ?? null,
    participationsByYear: yearlySeries({ start: phases[0].start, end: phases[phases.length - 1].end }, asOf, participations, {
      kind: 'flow',
      targetOfYear: (year) => yearlyTargetValue(targets, year),
      percentOfYearActual: true,
    }),
  };
}

/** Participations up to the as-of date, of one calendar year or of all years. */
export function participationsIn(participations: readonly DatedCount[], year: number | null): number {
  if (year !== null && (!Number.isInteger(year) || year < 1 || year > 9999)) {
    throw new BadInputError('year', `Năm ${year} không hợp lệ.`, `Year ${year} is not valid.`);
  }
  return participations.reduce((total, { date, count }) => (year === null || yearOf(date) === year ? total + count : total), 0);
}
