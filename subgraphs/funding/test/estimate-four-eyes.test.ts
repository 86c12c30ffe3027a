import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundingSubgraph } from '../src';
import { BACKFILL_ESTIMATE_SUBMITTERS } from '../src/migrations/Migration20261208040100_estimate_submitter';
import { BudgetEstimate } from '../src/modules/estimate/estimate.entity';
import { admin, dataOf, errorOf, finance, PLAN } from './fixtures';

const FIELDS = 'id status approvedAmount version';
const CREATE = `mutation($input: CreateBudgetEstimateInput!) { createBudgetEstimate(input: $input) { ${FIELDS} } }`;
const SUBMIT = `mutation($id: ID!, $version: Int!) { submitBudgetEstimate(id: $id, version: $version) { ${FIELDS} } }`;
const APPROVE = `mutation($input: ApproveBudgetEstimateInput!) { approveBudgetEstimate(input: $input) { ${FIELDS} } }`;
const REJECT = `mutation($input: RejectBudgetEstimateInput!) { rejectBudgetEstimate(input: $input) { ${FIELDS} } }`;

interface EstimateData {
  id: string;
  status: string;
  approvedAmount: number | null;
  version: number;
}

const colleague = identityOf('finance', 'test-finance-colleague');

describe('funding: an estimate is approved by someone other than who submitted it (four eyes)', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(fundingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  /** An estimate of `year` drafted and submitted by `submitter`. */
  async function submitted(year: number, submitter = finance): Promise<EstimateData> {
    const draft = dataOf<EstimateData>(
      await subgraph.execute(
        { query: CREATE, variables: { input: { planCode: PLAN, source: 'SCIENCE_OPERATING', year, requestedAmount: 1_000 } } },
        submitter,
      ),
      'createBudgetEstimate',
    );
    return dataOf(
      await subgraph.execute({ query: SUBMIT, variables: { id: draft.id, version: 1 } }, submitter),
      'submitBudgetEstimate',
    );
  }

  const approve = (estimate: EstimateData, identity = finance) =>
    subgraph.execute(
      { query: APPROVE, variables: { input: { id: estimate.id, version: estimate.version, approvedAmount: 900 } } },
      identity,
    );

  it('refuses the approval recorded by its submitter with FORBIDDEN (reason FOUR_EYES), approving nothing', async () => {
    const estimate = await submitted(2026);
    const error = errorOf(await approve(estimate, finance));
    expect(error).toMatchObject({ code: 'FORBIDDEN', reason: 'FOUR_EYES' });
    expect(error.messageEn).toMatch(/another officer must record it/);
    const stored = await subgraph.database.orm.em.fork().findOneOrFail(BudgetEstimate, { id: Number(estimate.id) });
    expect({ status: stored.status, approvedAmount: stored.approvedAmount, version: stored.version }).toEqual({
      status: 'SUBMITTED',
      approvedAmount: null,
      version: estimate.version,
    });
  });

  it('refuses an administrator approving their own submission too: the rule is about the person', async () => {
    const estimate = await submitted(2027, admin);
    expect(errorOf(await approve(estimate, admin))).toMatchObject({ code: 'FORBIDDEN', reason: 'FOUR_EYES' });
  });

  it('lets another finance officer record the approval', async () => {
    const estimate = await submitted(2028);
    const approved = dataOf<EstimateData>(await approve(estimate, colleague), 'approveBudgetEstimate');
    expect(approved).toMatchObject({ status: 'APPROVED', approvedAmount: 900 });
  });

  it('lets the submitter record a rejection: it grants no money', async () => {
    const estimate = await submitted(2029);
    const rejected = dataOf<EstimateData>(
      await subgraph.execute(
        { query: REJECT, variables: { input: { id: estimate.id, version: estimate.version, reason: 'Chưa đủ thuyết minh' } } },
        finance,
      ),
      'rejectBudgetEstimate',
    );
    expect(rejected.status).toBe('REJECTED');
  });

  it('gives estimates submitted before submitters were kept the subject of their audited submission (migration)', async () => {
    const estimate = await submitted(2030, admin);
    const connection = subgraph.database.orm.em.fork().getConnection();
    await connection.execute('update budget_estimate set submitted_by = null where id = ?', [Number(estimate.id)]);
    await connection.execute(BACKFILL_ESTIMATE_SUBMITTERS);
    const stored = await subgraph.database.orm.em.fork().findOneOrFail(BudgetEstimate, { id: Number(estimate.id) });
    expect(stored.submittedBy).toBe(admin.subject);
    expect(errorOf(await approve(estimate, admin))).toMatchObject({ code: 'FORBIDDEN', reason: 'FOUR_EYES' });
  });
});
