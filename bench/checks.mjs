/**
 * Every answer the load generator receives is checked: HTTP 200, no `errors`, the expected shape,
 * and the figures equal to what the floor's plain SQL computed from the same databases. The
 * first answer of a measurement is checked in full; a later one that is byte for byte the same
 * body (the data do not change during a run) needs no second parse, which keeps the check cheap
 * for the client; any other is checked in full.
 */
import { PLAN } from './scenario.mjs';

export class CheckError extends Error {}

function expectEqual(label, got, expected) {
  // Money arrives as a JSON integer; the floor's sums are bigint.
  const same = typeof expected === 'bigint' ? got !== null && got !== undefined && BigInt(got) === expected : got === expected;
  if (!same) throw new CheckError(`${label}: got ${JSON.stringify(got)}, expected ${String(expected)}`);
}

function expectPresent(label, value) {
  if (value === null || value === undefined) throw new CheckError(`${label} is missing`);
  return value;
}

function checkBudget(label, budget, expected) {
  expectPresent(label, budget);
  for (const figure of ['planned', 'allocated', 'disbursed']) {
    expectEqual(`${label}.total.${figure}`, budget.total?.[figure], expected.total[figure]);
  }
  expectEqual(`${label}.contributions`, budget.contributions, expected.contributions);
  for (const [source, money] of Object.entries(expected.bySource)) {
    const row = budget.bySource?.find((candidate) => candidate.source === source);
    expectEqual(`${label}.bySource[${source}].disbursed`, row?.disbursed, money.disbursed);
  }
  if (expected.total.disbursed <= 0n) throw new CheckError(`${label}: the data set has no disbursement`);
}

function checkIndicator(label, indicator, expected) {
  if (expected === null) {
    if (indicator !== null) throw new CheckError(`${label}: expected no target, got one`);
    return;
  }
  expectPresent(label, indicator);
  expectEqual(`${label}.actual`, indicator.actual, expected);
  expectPresent(`${label}.status`, indicator.status);
  expectPresent(`${label}.series`, indicator.series);
}

/** The scorecard's data against the floor's numbers. */
function checkScorecard(data, floor) {
  const plan = expectPresent('plan', data?.plan);
  expectEqual('plan.code', plan.code, PLAN);
  expectPresent('plan.phases', plan.phases);
  const training = expectPresent('plan.trainingIndicator', plan.trainingIndicator);
  checkIndicator('trainingIndicator.yearly', training.yearly, floor.training.yearly);
  checkIndicator('trainingIndicator.phase', training.phase, floor.training.phase);
  if (!(floor.training.yearly > 0)) throw new CheckError('the data set has no participation in the year');
  for (const year of expectPresent('participationsByYear', training.participationsByYear)) {
    expectEqual(`participationsByYear[${year.year}].actual`, year.actual, floor.training.byYear.get(year.year) ?? 0);
  }
  const infrastructure = expectPresent('plan.infrastructureIndicators', plan.infrastructureIndicators);
  for (const part of ['standards', 'assurance', 'laboratories', 'capacity']) {
    checkIndicator(`infrastructureIndicators.${part}`, infrastructure[part], floor.labs[part]);
  }
  for (const row of expectPresent('mapByOwnership', infrastructure.mapByOwnership)) {
    expectEqual(`mapByOwnership[${row.ownership}]`, row.completed, floor.labs.mapByOwnership[row.ownership] ?? 0);
  }
  checkBudget('budgetOfYear', plan.budgetOfYear, floor.funding.ofYear);
  checkBudget('budgetToDate', plan.budgetToDate, floor.funding.toDate);
}

/** The single-subgraph query's data against the floor's numbers of the year. */
function checkBudgetQuery(data, floor) {
  const plan = expectPresent('plan', data?.plan);
  expectEqual('plan.code', plan.code, PLAN);
  checkBudget('budgetSummary', plan.budgetSummary, floor.funding.ofYear);
}

const CHECKS = { scorecard: checkScorecard, budget: checkBudgetQuery };

/** A checker for one measurement: `(status, text)` throws a CheckError unless the answer is right. */
export function responseChecker(kind, floor) {
  let reference = null;
  return (status, text) => {
    if (reference !== null && status === 200 && text === reference) return;
    if (status !== 200) throw new CheckError(`HTTP ${status}: ${text.slice(0, 500)}`);
    const body = JSON.parse(text);
    if (body.errors) throw new CheckError(`errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
    CHECKS[kind](body.data, floor);
    // A body that differs from the reference is checked in full; the first correct one is the reference.
    reference ??= text;
  };
}
