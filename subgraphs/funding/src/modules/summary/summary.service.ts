import { type Loaders, todayInVietnam } from '@metrology/kit';
import { ratio } from '../../shared/money';
import { FundingSource } from '../envelope/envelope.entity';
import { envelopesByPlanLoader } from '../envelope/envelope.loaders';
import type { Plan } from '../plan/plan.entity';
import { phasesByPlanLoader, taskGroupsByPlanLoader } from '../plan/plan.loaders';
import { assertYearInPhases } from '../plan/plan.service';
import { NOTHING, planContributionsLoader, planMoneyLoader, type SliceMoney } from './summary.loaders';
import type { BudgetFigures, BudgetSummary } from './summary.types';

/** The state budget's sources; the rest is mobilised money. */
function isStateSource(source: FundingSource): boolean {
  return source !== FundingSource.ENTERPRISE_AND_OTHER;
}

/** Figures of a slice; `remaining` is measured from the envelope where there is one, else from the plan. */
function figures(envelope: bigint | null, money: SliceMoney): BudgetFigures {
  return {
    envelope,
    planned: money.planned,
    allocated: money.allocated,
    disbursed: money.disbursed,
    remaining: (envelope ?? money.planned) - money.disbursed,
    executionRate: ratio(money.disbursed, money.allocated),
  };
}

/**
 * The budget summary of a plan (docs/RULES.md, "Budget summary"), from SQL aggregates batched
 * through the request's loaders.
 */
export const summaryService = {
  async summary(loaders: Loaders, plan: Plan, asOfOrToday: string | null, year: number | null): Promise<BudgetSummary> {
    const asOf = asOfOrToday ?? todayInVietnam();
    const key = { planId: plan.id, asOf, year };
    // Everything is asked for at once, the year's phases included, so that the summaries of one
    // request (a year's and the plan's to date, as the scorecard asks) share the same batches:
    // one read of the data revision per cached loader instead of one per summary. A year outside
    // the plan is still refused, before anything is answered.
    const [phases, money, contributions, envelopes, taskGroups] = await Promise.all([
      year === null ? null : loaders.get(phasesByPlanLoader).load(plan.id),
      loaders.get(planMoneyLoader).load(key),
      loaders.get(planContributionsLoader).load(key),
      loaders.get(envelopesByPlanLoader).load(plan.id),
      loaders.get(taskGroupsByPlanLoader).load(plan.id),
    ]);
    if (year !== null && phases !== null) assertYearInPhases(phases, year);
    // Envelopes are for the whole plan: a one-year summary shows none (see BudgetFigures.envelope).
    const envelopeOf = (amount: bigint) => (year === null ? amount : null);
    const stateDisbursed = envelopes
      .filter((envelope) => isStateSource(envelope.source))
      .reduce((sum, envelope) => sum + (money.bySource.get(envelope.source) ?? NOTHING).disbursed, 0n);
    const stateEnvelopes = envelopes.filter((e) => isStateSource(e.source)).reduce((sum, e) => sum + e.amount, 0n);
    const mobilisedEnvelopes = envelopes.filter((e) => !isStateSource(e.source)).reduce((sum, e) => sum + e.amount, 0n);
    return {
      asOf,
      year,
      total: figures(envelopeOf(envelopes.reduce((sum, envelope) => sum + envelope.amount, 0n)), money.total),
      bySource: envelopes.map((envelope) => ({
        source: envelope.source,
        ...figures(envelopeOf(envelope.amount), money.bySource.get(envelope.source) ?? NOTHING),
      })),
      byTaskGroup: taskGroups.map((group) => ({
        taskGroup: group.number,
        ...figures(null, money.byTaskGroup.get(group.number) ?? NOTHING),
      })),
      byYear: [...money.byYear.entries()]
        .sort(([a], [b]) => a - b)
        .map(([lineYear, slice]) => ({ year: lineYear, ...figures(null, slice) })),
      contributions,
      stateDisbursed,
      mobilisationRatio: ratio(contributions, stateDisbursed),
      plannedMobilisationRatio: ratio(mobilisedEnvelopes, stateEnvelopes),
    };
  },
};
