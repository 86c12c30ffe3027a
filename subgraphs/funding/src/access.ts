import { defineAccess } from '@metrology/kit';
import { MONEY_KEEPERS } from './shared/roles';

/**
 * Funding's role matrix (docs/ROLES.md is printed from it). The books are kept by finance
 * officers and administrators; the plan itself is read by anyone signed in. Money aggregates on
 * entities (`Plan.budgetSummary`, `Organization.contributions`…) are read by MONEY_READERS.
 */

const keeper = { roles: MONEY_KEEPERS };

export const ACCESS = defineAccess('funding', {
  Query: {
    budgetEstimate: keeper,
    budgetEstimates: keeper,
    budgetLine: keeper,
    budgetLines: keeper,
    contributions: keeper,
    disbursement: keeper,
    plan: { roles: 'signed-in' },
    plans: { roles: 'signed-in' },
  },
  Mutation: {
    approveBudgetEstimate: keeper,
    createBudgetEstimate: keeper,
    createBudgetLine: keeper,
    recordAllocation: keeper,
    recordContribution: keeper,
    recordDisbursement: keeper,
    rejectBudgetEstimate: keeper,
    reverseDisbursement: keeper,
    submitBudgetEstimate: keeper,
    updateBudgetEstimate: keeper,
    updateBudgetLine: keeper,
  },
});
