import { AuditEvent } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundingSubgraph } from '../src';
import { admin, dataOf, errorOf, finance, PLAN, type Source, trainer, viewer } from './fixtures';

const FIELDS =
  'id source year requestedAmount status recipient submittedAt approvedAmount decidedOn rejectionReason note version';

interface EstimateData {
  id: string;
  source: Source;
  year: number;
  requestedAmount: number;
  status: string;
  recipient: string | null;
  submittedAt: string | null;
  approvedAmount: number | null;
  decidedOn: string | null;
  rejectionReason: string | null;
  version: number;
}

const CREATE = `mutation($input: CreateBudgetEstimateInput!) { createBudgetEstimate(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateBudgetEstimateInput!) { updateBudgetEstimate(input: $input) { ${FIELDS} } }`;
const SUBMIT = `mutation($id: ID!, $version: Int!) { submitBudgetEstimate(id: $id, version: $version) { ${FIELDS} } }`;
const APPROVE = `mutation($input: ApproveBudgetEstimateInput!) { approveBudgetEstimate(input: $input) { ${FIELDS} } }`;
const REJECT = `mutation($input: RejectBudgetEstimateInput!) { rejectBudgetEstimate(input: $input) { ${FIELDS} } }`;

describe('funding: annual estimates (dự toán), draft → submitted → approved or rejected', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(fundingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  /** A second finance officer records approvals: the submitter may not (four eyes, docs/ROLES.md). */
  const approver = identityOf('finance', 'test-finance-approver');
  const call = (query: string, variables: Record<string, unknown>, identity = finance) =>
    subgraph.execute({ query, variables }, identity);

  async function draft(source: Source, year: number, requestedAmount: number | string): Promise<EstimateData> {
    return dataOf(await call(CREATE, { input: { planCode: PLAN, source, year, requestedAmount } }), 'createBudgetEstimate');
  }

  async function submitted(source: Source, year: number, requestedAmount: number | string): Promise<EstimateData> {
    const estimate = await draft(source, year, requestedAmount);
    return dataOf(await call(SUBMIT, { id: estimate.id, version: estimate.version }), 'submitBudgetEstimate');
  }

  it('submits a development investment estimate to the Department of Planning and Investment and approves it', async () => {
    const estimate = await draft('DEVELOPMENT_INVESTMENT', 2026, '2500000000');
    expect(estimate).toMatchObject({ status: 'DRAFT', recipient: null, requestedAmount: 2500000000, version: 1 });
    const sent = dataOf<EstimateData>(await call(SUBMIT, { id: estimate.id, version: 1 }), 'submitBudgetEstimate');
    expect(sent).toMatchObject({ status: 'SUBMITTED', recipient: 'DEPARTMENT_OF_PLANNING_AND_INVESTMENT', version: 2 });
    expect(sent.submittedAt).not.toBeNull();
    const approved = dataOf<EstimateData>(
      await call(
        APPROVE,
        { input: { id: estimate.id, version: 2, approvedAmount: '2400000000', decidedOn: '2026-02-01' } },
        approver,
      ),
      'approveBudgetEstimate',
    );
    expect(approved).toMatchObject({ status: 'APPROVED', approvedAmount: 2400000000, decidedOn: '2026-02-01', version: 3 });
  });

  it('submits a science operating (recurrent) estimate to the Department of Finance', async () => {
    const sent = await submitted('SCIENCE_OPERATING', 2026, 800_000_000);
    expect(sent.recipient).toBe('DEPARTMENT_OF_FINANCE');
  });

  it('refuses an estimate for money mobilised from enterprises (no state budget) with BAD_USER_INPUT on source', async () => {
    const error = errorOf(
      await call(CREATE, { input: { planCode: PLAN, source: 'ENTERPRISE_AND_OTHER', year: 2026, requestedAmount: 1 } }),
    );
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'source' });
  });

  it('rejects a submitted estimate with its reason, then allows a new draft for the same source and year', async () => {
    const sent = await submitted('SCIENCE_OPERATING', 2027, 900_000_000);
    const blank = errorOf(await call(REJECT, { input: { id: sent.id, version: sent.version, reason: '   ' } }));
    expect(blank).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const rejected = dataOf<EstimateData>(
      await call(REJECT, { input: { id: sent.id, version: sent.version, reason: 'Vượt khả năng cân đối ngân sách năm 2027' } }),
      'rejectBudgetEstimate',
    );
    expect(rejected).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'Vượt khả năng cân đối ngân sách năm 2027',
      approvedAmount: null,
    });
    expect(rejected.decidedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const again = await draft('SCIENCE_OPERATING', 2027, 700_000_000);
    expect(again.status).toBe('DRAFT');
  });

  it('refuses a second open estimate for the same source and year with CONFLICT', async () => {
    await draft('SCIENCE_OPERATING', 2028, 100);
    const error = errorOf(
      await call(CREATE, { input: { planCode: PLAN, source: 'SCIENCE_OPERATING', year: 2028, requestedAmount: 200 } }),
    );
    expect(error.code).toBe('CONFLICT');
  });

  it('refuses illegal transitions with CONFLICT: approving a draft, rejecting a draft, resubmitting, editing after submission, approving twice', async () => {
    const estimate = await draft('DEVELOPMENT_INVESTMENT', 2027, 1_000_000);
    expect(errorOf(await call(APPROVE, { input: { id: estimate.id, version: 1, approvedAmount: 1 } }, approver))).toMatchObject({
      code: 'CONFLICT',
      status: 'DRAFT',
    });
    expect(errorOf(await call(REJECT, { input: { id: estimate.id, version: 1, reason: 'x' } })).code).toBe('CONFLICT');
    const sent = dataOf<EstimateData>(await call(SUBMIT, { id: estimate.id, version: 1 }), 'submitBudgetEstimate');
    expect(errorOf(await call(SUBMIT, { id: estimate.id, version: sent.version })).code).toBe('CONFLICT');
    expect(errorOf(await call(UPDATE, { input: { id: estimate.id, version: sent.version, requestedAmount: 5 } })).code).toBe(
      'CONFLICT',
    );
    const approved = dataOf<EstimateData>(
      await call(APPROVE, { input: { id: estimate.id, version: sent.version, approvedAmount: 1_000_000 } }, approver),
      'approveBudgetEstimate',
    );
    expect(
      errorOf(await call(APPROVE, { input: { id: estimate.id, version: approved.version, approvedAmount: 1 } }, approver)),
    ).toMatchObject({
      code: 'CONFLICT',
      status: 'APPROVED',
    });
    expect(errorOf(await call(REJECT, { input: { id: estimate.id, version: approved.version, reason: 'x' } })).code).toBe(
      'CONFLICT',
    );
  });

  it('edits a draft on its version and refuses a stale version with CONFLICT', async () => {
    const estimate = await draft('DEVELOPMENT_INVESTMENT', 2028, 1_000);
    const edited = dataOf<EstimateData>(
      await call(UPDATE, { input: { id: estimate.id, version: 1, requestedAmount: 2_000, note: 'Thuyết minh bổ sung' } }),
      'updateBudgetEstimate',
    );
    expect(edited).toMatchObject({ requestedAmount: 2000, version: 2 });
    expect(errorOf(await call(UPDATE, { input: { id: estimate.id, version: 1, requestedAmount: 3_000 } }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'STALE_VERSION',
    });
    expect(errorOf(await call(SUBMIT, { id: estimate.id, version: 1 })).reason).toBe('STALE_VERSION');
  });

  it('lets one of two concurrent submissions of the same version win; the other gets CONFLICT', async () => {
    const estimate = await draft('SCIENCE_OPERATING', 2029, 1_000);
    const results = await Promise.all([1, 2].map(() => call(SUBMIT, { id: estimate.id, version: 1 })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(errorOf(results.find((result) => result.errors) ?? results[0]).code).toBe('CONFLICT');
  });

  it("refuses an approval that would take the source's approved estimates past its envelope (CONFLICT with over)", async () => {
    const rows = await subgraph.database.orm.em
      .fork()
      .execute<{ total: string }[]>(
        "select coalesce(sum(approved_amount), 0)::text as total from budget_estimate where source = 'DEVELOPMENT_INVESTMENT'",
      );
    const room = 7_500_000_000n - BigInt(rows[0].total);
    const sent = await submitted('DEVELOPMENT_INVESTMENT', 2029, '6000000000');
    const error = errorOf(
      await call(APPROVE, { input: { id: sent.id, version: sent.version, approvedAmount: String(room + 1n) } }, approver),
    );
    expect(error).toMatchObject({ code: 'CONFLICT', over: '1', limit: '7500000000' });
    const approved = dataOf<EstimateData>(
      await call(APPROVE, { input: { id: sent.id, version: sent.version, approvedAmount: String(room) } }, approver),
      'approveBudgetEstimate',
    );
    expect(approved.approvedAmount).toBe(Number(room));
  });

  it('refuses a year outside the plan and unknown ids (BAD_USER_INPUT, NOT_FOUND)', async () => {
    expect(
      errorOf(await call(CREATE, { input: { planCode: PLAN, source: 'SCIENCE_OPERATING', year: 2040, requestedAmount: 1 } })),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'year',
    });
    expect(errorOf(await call(SUBMIT, { id: '999999', version: 1 })).code).toBe('NOT_FOUND');
    expect(errorOf(await call(SUBMIT, { id: 'abc', version: 1 })).code).toBe('NOT_FOUND');
  });

  it('lists the estimates of a plan for finance and admin only', async () => {
    const query = `query { budgetEstimates(planCode: "${PLAN}", year: 2026) { source status } }`;
    const listed = dataOf<{ source: string }[]>(await subgraph.execute({ query }, admin), 'budgetEstimates');
    expect(listed.map((estimate) => estimate.source).sort()).toEqual(['DEVELOPMENT_INVESTMENT', 'SCIENCE_OPERATING']);
    expect(errorOf(await subgraph.execute({ query }, viewer)).code).toBe('FORBIDDEN');
    expect(
      errorOf(
        await call(CREATE, { input: { planCode: PLAN, source: 'SCIENCE_OPERATING', year: 2030, requestedAmount: 1 } }, trainer),
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('keeps an audit trail of every step: who and what', async () => {
    const estimate = await draft('SCIENCE_OPERATING', 2030, 5_000);
    await call(SUBMIT, { id: estimate.id, version: 1 }, admin);
    await call(APPROVE, { input: { id: estimate.id, version: 2, approvedAmount: 4_000 } });
    const events = await subgraph.database.orm.em
      .fork()
      .find(AuditEvent, { entityType: 'BudgetEstimate', entityId: estimate.id }, { orderBy: { id: 'asc' } });
    expect(events.map((event) => [event.action, event.actor])).toEqual([
      ['create', 'test-finance'],
      ['submit', 'test-admin'],
      ['approve', 'test-finance'],
    ]);
    expect(events[2].changes).toMatchObject({ approvedAmount: '4000', status: { from: 'SUBMITTED', to: 'APPROVED' } });
  });
});
