/**
 * What the benchmark asks, shared by the orchestrator (`run.mjs`), the load generator
 * (`load.mjs`) and the floor (`floor.mjs`): one plan, one year, one phase and one as-of date,
 * fixed so that every run measures the same answers.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** The built workspace packages, as the end-to-end test package sees them. */
export const workspace = createRequire(path.join(ROOT, 'test', 'package.json'));
/** `pg`, as the kit uses it. */
export const pg = createRequire(path.join(ROOT, 'subgraphs', 'kit', 'package.json'))('pg');

export const PLAN = '129/KH-UBND';
export const YEAR = 2026;
/**
 * Given explicitly (the phase containing AS_OF) so that the floor reads the same targets
 * without re-implementing the kit's choice of a default phase.
 */
export const PHASE = 2;
export const AS_OF = '2026-11-27';

/** The scorecard's variables. */
export const SCORECARD_VARIABLES = { plan: PLAN, year: YEAR, phase: PHASE, asOf: AS_OF };

/**
 * A query one subgraph answers alone (funding owns `Query.plan` and `Plan.budgetSummary`): the
 * gateway forwards it to funding whole, so the same document can be sent to either.
 */
export const BUDGET_QUERY = /* GraphQL */ `
  query Budget($plan: ID!, $year: Int, $asOf: LocalDate) {
    plan(code: $plan) {
      code
      budgetSummary(asOf: $asOf, year: $year) {
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
    }
  }
`;

export const BUDGET_VARIABLES = { plan: PLAN, year: YEAR, asOf: AS_OF };

/** The caller: a viewer reads every aggregate of the scorecard (docs/RULES.md, "Access and personal data"). */
export const VIEWER = { subject: 'bench-viewer', roles: ['viewer'], name: 'Bench viewer' };
