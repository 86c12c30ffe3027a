import {
  type DatedCount,
  evaluateTargets,
  IndicatorCode,
  type IndicatorOutcome,
  type Loaders,
  type PlanTarget,
  phaseSpans,
  planTargetsLoader,
  type TargetScope,
} from '@metrology/kit';
import { Ownership } from '../organization/organization.entity';
import {
  type CompletedEngagements,
  capacityOrganizationsLoader,
  completedEngagementsLoader,
  recognisedLaboratoriesLoader,
  standardKindsLoader,
} from './indicator.loaders';

type Outcome = IndicatorOutcome<IndicatorCode, TargetScope>;

/** What this subgraph counts, as read from the register at an as-of date. */
export interface InfrastructureCounts {
  standards: DatedCount[];
  engagements: CompletedEngagements[];
  laboratories: DatedCount[];
  capacity: DatedCount[];
}

/** Completed engagements for enterprises of one ownership. */
export interface OwnershipCount {
  ownership: Ownership;
  completed: number;
}

/** The STANDARDS, MAP, LABS and CAPACITY indicators of a plan for a phase at a date (docs/RULES.md, "Indicators"). */
export interface InfrastructureIndicatorsValue {
  phase: number;
  asOf: string;
  standards: Outcome | null;
  assurance: Outcome | null;
  laboratories: Outcome | null;
  capacity: Outcome | null;
  mapByOwnership: OwnershipCount[];
}

const COUNTED: readonly IndicatorCode[] = [
  IndicatorCode.STANDARDS,
  IndicatorCode.MAP,
  IndicatorCode.LABS,
  IndicatorCode.CAPACITY,
];

function earliest(a: string, b: string): string {
  return a < b ? a : b;
}

/** Completed engagements per day, whatever the ownership. */
function engagementsPerDay(rows: readonly CompletedEngagements[]): DatedCount[] {
  const byDate = new Map<string, number>();
  for (const row of rows) byDate.set(row.date, (byDate.get(row.date) ?? 0) + row.count);
  return [...byDate.entries()].map(([date, count]) => ({ date, count }));
}

/** Every ownership, in the enum's order, with the engagements completed from `from` through `to`. */
function byOwnership(rows: readonly CompletedEngagements[], from: string, to: string): OwnershipCount[] {
  return Object.values(Ownership).map((ownership) => ({
    ownership,
    completed: rows
      .filter((row) => row.ownership === ownership && row.date >= from && row.date <= to)
      .reduce((total, row) => total + row.count, 0),
  }));
}

/**
 * Evaluates the plan's STANDARDS, MAP, LABS and CAPACITY targets of the selected phase (default:
 * the one holding the as-of date) over their stored windows, with the kit's rule. An indicator
 * the phase sets no target for is null (CAPACITY in phase 2 of 129/KH-UBND). The MAP breakdown
 * by ownership covers the engagements MAP counts: completed from the window's start through the
 * as-of date, or the window's end if earlier. Null when the plan has none of these targets; a
 * phase outside the plan is bad input.
 */
export function infrastructureIndicators(
  planTargets: readonly PlanTarget[],
  counts: InfrastructureCounts,
  asOf: string,
  phase: number | null,
): InfrastructureIndicatorsValue | null {
  const targets = planTargets.filter((target) => COUNTED.includes(target.indicator));
  const dated: Partial<Record<IndicatorCode, readonly DatedCount[]>> = {
    [IndicatorCode.STANDARDS]: counts.standards,
    [IndicatorCode.MAP]: engagementsPerDay(counts.engagements),
    [IndicatorCode.LABS]: counts.laboratories,
    [IndicatorCode.CAPACITY]: counts.capacity,
  };
  const evaluated = evaluateTargets(targets, asOf, (target) => dated[target.indicator] ?? [], { phase });
  if (!evaluated) return null;
  const outcome = (indicator: IndicatorCode): Outcome | null =>
    evaluated.outcomes.find((candidate) => candidate.indicator === indicator) ?? null;
  const assurance = outcome(IndicatorCode.MAP);
  // Without a MAP target in the phase, the window a cumulative one would have: plan start to phase end.
  const phases = phaseSpans(targets);
  const selected = phases.find((span) => span.phase === evaluated.period.phase) ?? phases[phases.length - 1];
  const window = assurance
    ? { start: assurance.windowStart, end: assurance.windowEnd }
    : { start: phases[0].start, end: selected.end };
  return {
    phase: evaluated.period.phase,
    asOf,
    standards: outcome(IndicatorCode.STANDARDS),
    assurance,
    laboratories: outcome(IndicatorCode.LABS),
    capacity: outcome(IndicatorCode.CAPACITY),
    mapByOwnership: byOwnership(counts.engagements, window.start, earliest(window.end, asOf)),
  };
}

/** The infrastructure indicators of plans. Knows no GraphQL. */
export const indicatorService = {
  /** The indicators of one plan at a date: its targets by plan code, the counts by date, each batched per request. */
  async forPlan(
    loaders: Loaders,
    planCode: string,
    asOf: string,
    phase: number | null,
  ): Promise<InfrastructureIndicatorsValue | null> {
    const [targets, standards, engagements, laboratories, capacity] = await Promise.all([
      loaders.get(planTargetsLoader).load(planCode),
      loaders.get(standardKindsLoader).load(asOf),
      loaders.get(completedEngagementsLoader).load(asOf),
      loaders.get(recognisedLaboratoriesLoader).load(asOf),
      loaders.get(capacityOrganizationsLoader).load(asOf),
    ]);
    return infrastructureIndicators(targets, { standards, engagements, laboratories, capacity }, asOf, phase);
  },
};
