import { defineAccess, whenFor } from '@metrology/kit';
import { MONEY_KEEPERS, MONEY_READERS } from './shared/roles';

/**
 * Funding's role matrix (docs/ROLES.md is printed from it). The books are kept by finance
 * officers and administrators; the plan itself is read by anyone signed in. Money aggregates on
 * entities (`Plan.budgetSummary`, `Organization.contributions`…) are read by MONEY_READERS.
 */

const keeper = { roles: MONEY_KEEPERS };
const reader = { roles: MONEY_READERS };

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
    approveBudgetEstimate: {
      roles: MONEY_KEEPERS,
      when: whenFor(MONEY_KEEPERS, {
        en: 'did not submit the estimate (four eyes)',
        vi: 'không phải người đã trình dự toán (nguyên tắc hai người)',
      }),
    },
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
  fields: {
    'AssuranceEngagement.moneySpent': reader,
    'Course.moneySpent': reader,
    'Laboratory.moneySpent': reader,
    'MeasurementStandard.moneySpent': reader,
    'Organization.contributions': reader,
    'Organization.paymentsReceived': reader,
    'Plan.annualReportUrl': { roles: ['viewer', 'admin'] },
    'Plan.budgetSummary': reader,
  },
  fourEyes: [
    {
      field: 'Mutation.approveBudgetEstimate',
      enforced: true,
      rule: {
        en: 'whoever submitted the estimate cannot record its approval',
        vi: 'người trình dự toán không được tự ghi nhận phê duyệt',
      },
      why: 'The approved amount is typed in and bounds what the source may be given: the officer who asked for the money does not also record how much was granted; a colleague checks it against the decision. The estimate keeps who submitted it (`budget_estimate.submitted_by`; older ones filled from the audit trail; unknown counts as someone else). A rejection grants nothing and stays open to the submitter.',
    },
    {
      field: 'Mutation.reverseDisbursement',
      enforced: false,
      rule: { en: 'reversed by someone other than who recorded the payment', vi: 'người ghi đảo khác người ghi chi' },
      why: 'A reversal pays no one: it returns the amount to the line and the payment row stays. The one who recorded a wrong voucher correcting it is the ordinary case; the audit trail keeps who did both.',
    },
    {
      field: 'Mutation.recordDisbursement',
      enforced: false,
      rule: { en: 'a payment recorded by two people', vi: 'khoản chi do hai người ghi nhận' },
      why: 'The payment was approved on paper before it is recorded; the platform bounds it by the allocation (also under concurrent writers) and voucher numbers are unique. A second recorder would check data entry only.',
    },
  ],
});
