/**
 * Issue 5's acceptance, tried through the gateway as a new finance officer would: plan the 2026
 * lines, get the estimate approved, allocate, pay for a course (training) and a laboratory (labs),
 * record an enterprise contribution, read the summary exactly, be refused 1 đồng over the
 * allocation with nothing written, and see the money spent on the course and the laboratory.
 */
import type { Role } from '@metrology/kit/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, type Stack, startStack } from './harness';

const PLAN = '129/KH-UBND';
const AS_OF = '2026-12-31';

const CREATE_LINE = /* GraphQL */ `
  mutation CreateLine($input: CreateBudgetLineInput!) {
    createBudgetLine(input: $input) { id source taskGroup year plannedAmount funding }
  }
`;
const CREATE_ESTIMATE = /* GraphQL */ `
  mutation Draft($input: CreateBudgetEstimateInput!) { createBudgetEstimate(input: $input) { id status version } }
`;
const SUBMIT_ESTIMATE = /* GraphQL */ `
  mutation Submit($id: ID!, $version: Int!) { submitBudgetEstimate(id: $id, version: $version) { id status recipient version } }
`;
const APPROVE_ESTIMATE = /* GraphQL */ `
  mutation Approve($input: ApproveBudgetEstimateInput!) {
    approveBudgetEstimate(input: $input) { id status approvedAmount decidedOn }
  }
`;
const RECORD_ALLOCATION = /* GraphQL */ `
  mutation Allocate($input: RecordAllocationInput!) { recordAllocation(input: $input) { id decisionNumber amount } }
`;
const CREATE_COURSE = /* GraphQL */ `
  mutation CreateCourse($input: CourseInput!) { createCourse(input: $input) { id code title } }
`;
const REGISTER_ORGANIZATION = /* GraphQL */ `
  mutation RegisterOrganization($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { taxCode } }
`;
const REGISTER_LABORATORY = /* GraphQL */ `
  mutation RegisterLaboratory($input: RegisterLaboratoryInput!) { registerLaboratory(input: $input) { id code name } }
`;
const ACTIVITY = '__typename ... on Course { id code title } ... on Laboratory { id code name }';
const RECORD_DISBURSEMENT = /* GraphQL */ `
  mutation Disburse($input: RecordDisbursementInput!) {
    recordDisbursement(input: $input) { id voucherNumber amount activity { ${ACTIVITY} } }
  }
`;
const DISBURSEMENT = /* GraphQL */ `
  query Disbursement($id: ID!) { disbursement(id: $id) { voucherNumber amount activity { ${ACTIVITY} } } }
`;
const RECORD_CONTRIBUTION = /* GraphQL */ `
  mutation Contribute($input: RecordContributionInput!) { recordContribution(input: $input) { id contributorTaxCode amount } }
`;
const FIGURES = 'envelope planned allocated disbursed remaining executionRate';
const SUMMARY = /* GraphQL */ `
  query Summary($code: ID!, $asOf: LocalDate) {
    plan(code: $code) {
      budgetSummary(asOf: $asOf) {
        total { ${FIGURES} }
        bySource { source ${FIGURES} }
        contributions stateDisbursed mobilisationRatio
      }
    }
  }
`;
const LINE = /* GraphQL */ `
  query Line($id: ID!) { budgetLine(id: $id) { allocated disbursed available disbursements { id amount } } }
`;
const COURSE_MONEY = /* GraphQL */ `
  query CourseMoney($id: ID!) { course(id: $id) { id code title moneySpent } }
`;
const LABORATORY_MONEY = /* GraphQL */ `
  query LaboratoryMoney($id: ID!) { laboratory(id: $id) { id code name moneySpent } }
`;

interface Summary {
  total: Record<string, unknown>;
  bySource: Record<string, unknown>[];
  contributions: number;
  stateDisbursed: number;
  mobilisationRatio: string | null;
}

const TRAINING_CENTRE = '4900123456';
const ENTERPRISE = '4900654321';
const COURSE_TITLE = 'Bồi dưỡng kiểm định viên phương tiện đo khối lượng';
const LAB_NAME = 'Phòng thí nghiệm đo lường Lạng Sơn';

describe('gateway: funding from envelope to disbursement, exact to the đồng (issue 5 acceptance)', () => {
  let stack: Stack;
  const lines = { science: '', investment: '' };
  let courseId = '';
  let laboratoryId = '';
  let tuitionId = '';
  let summaryBefore: Summary;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  async function call<T>(query: string, variables: Record<string, unknown>, role: Role = 'finance'): Promise<GraphQLResponse<T>> {
    return stack.execute<T>({ query, variables }, { role });
  }

  /** The data of a call that must succeed: fails the test with the errors otherwise. */
  async function data<T>(query: string, variables: Record<string, unknown>, role: Role = 'finance'): Promise<T> {
    const result = await call<T>(query, variables, role);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as T;
  }

  async function summary(): Promise<Summary> {
    return (await data<{ plan: { budgetSummary: Summary } }>(SUMMARY, { code: PLAN, asOf: AS_OF })).plan.budgetSummary;
  }

  it('plans 2026 lines for each source, each within its envelope', async () => {
    const plan = async (source: string, taskGroup: number, plannedAmount: string) =>
      (
        await data<{ createBudgetLine: { id: string } & Record<string, unknown> }>(CREATE_LINE, {
          input: { planCode: PLAN, source, taskGroup, year: 2026, plannedAmount },
        })
      ).createBudgetLine;
    const science = await plan('SCIENCE_OPERATING', 3, '850000000');
    const investment = await plan('DEVELOPMENT_INVESTMENT', 2, '2400000000');
    const mobilised = await plan('ENTERPRISE_AND_OTHER', 4, '300000000');
    expect(science).toMatchObject({ source: 'SCIENCE_OPERATING', taskGroup: 3, plannedAmount: 850_000_000, funding: 'NAMED' });
    expect(investment).toMatchObject({ taskGroup: 2, plannedAmount: 2_400_000_000, funding: 'NAMED' });
    expect(mobilised).toMatchObject({ taskGroup: 4, plannedAmount: 300_000_000, funding: 'UNNAMED' });
    Object.assign(lines, { science: science.id, investment: investment.id });
  });

  it('drafts the 2026 science estimate, submits it to the Department of Finance and records its approval', async () => {
    const draft = (
      await data<{ createBudgetEstimate: { id: string; status: string; version: number } }>(CREATE_ESTIMATE, {
        input: { planCode: PLAN, source: 'SCIENCE_OPERATING', year: 2026, requestedAmount: '850000000' },
      })
    ).createBudgetEstimate;
    expect(draft.status).toBe('DRAFT');
    const submitted = (
      await data<{ submitBudgetEstimate: { id: string; status: string; recipient: string; version: number } }>(SUBMIT_ESTIMATE, {
        id: draft.id,
        version: draft.version,
      })
    ).submitBudgetEstimate;
    expect(submitted).toMatchObject({ status: 'SUBMITTED', recipient: 'DEPARTMENT_OF_FINANCE' });
    // Four eyes (docs/ROLES.md): someone other than the submitter records the approval.
    const approved = await data<{ approveBudgetEstimate: unknown }>(
      APPROVE_ESTIMATE,
      { input: { id: submitted.id, version: submitted.version, approvedAmount: '800000000', decidedOn: '2026-01-10' } },
      'admin',
    );
    expect(approved.approveBudgetEstimate).toEqual({
      id: draft.id,
      status: 'APPROVED',
      approvedAmount: 800_000_000,
      decidedOn: '2026-01-10',
    });
  });

  it('allocates money to the science and investment lines by decision', async () => {
    const science = await data<{ recordAllocation: unknown }>(RECORD_ALLOCATION, {
      input: { lineId: lines.science, decisionNumber: '45/QĐ-SKHCN', decisionDate: '2026-01-20', amount: '600000000' },
    });
    const investment = await data<{ recordAllocation: unknown }>(RECORD_ALLOCATION, {
      input: { lineId: lines.investment, decisionNumber: '46/QĐ-SKHCN', decisionDate: '2026-01-20', amount: '2000000000' },
    });
    expect(science.recordAllocation).toMatchObject({ decisionNumber: '45/QĐ-SKHCN', amount: 600_000_000 });
    expect(investment.recordAllocation).toMatchObject({ decisionNumber: '46/QĐ-SKHCN', amount: 2_000_000_000 });
  });

  it('creates the course (training, as an admin) and the laboratory of its organisation (labs, as an assessor)', async () => {
    const course = await data<{ createCourse: { id: string } }>(
      CREATE_COURSE,
      {
        input: {
          code: 'KDV-KL-2026-01',
          title: COURSE_TITLE,
          kind: 'VERIFIER_TRAINING',
          field: 'MASS',
          venue: 'Hội trường Sở Khoa học và Công nghệ, TP. Lạng Sơn',
          startDate: '2026-03-09',
          endDate: '2026-03-13',
          plannedHours: 40,
          capacity: 30,
          planCode: PLAN,
        },
      },
      'admin',
    );
    courseId = course.createCourse.id;
    await data(
      REGISTER_ORGANIZATION,
      {
        input: {
          taxCode: TRAINING_CENTRE,
          name: 'Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Lạng Sơn',
          kind: 'SERVICE_PROVIDER',
          ownership: 'STATE',
          sector: 'OTHER',
        },
      },
      'assessor',
    );
    const laboratory = await data<{ registerLaboratory: { id: string; name: string } }>(
      REGISTER_LABORATORY,
      {
        input: {
          code: 'PTN-LS-01',
          name: LAB_NAME,
          organizationTaxCode: TRAINING_CENTRE,
          fields: ['MASS', 'PRESSURE'],
          services: ['VERIFICATION', 'CALIBRATION'],
        },
      },
      'assessor',
    );
    laboratoryId = laboratory.registerLaboratory.id;
    expect(courseId).not.toBe('');
    expect(laboratory.registerLaboratory.name).toBe(LAB_NAME);
  });

  it('pays for the course and the laboratory; each payment’s activity resolves through the gateway (title from training, name from labs)', async () => {
    const pay = async (
      lineId: string,
      voucherNumber: string,
      date: string,
      amount: string,
      activity: { kind: string; id: string },
    ) =>
      (
        await data<{ recordDisbursement: Record<string, unknown> }>(RECORD_DISBURSEMENT, {
          input: {
            lineId,
            voucherNumber,
            date,
            amount,
            payeeTaxCode: TRAINING_CENTRE,
            purpose: 'Chi tổ chức lớp bồi dưỡng và đầu tư chuẩn đo lường',
            activity,
          },
        })
      ).recordDisbursement;
    const tuition = await pay(lines.science, 'PC-2026-001', '2026-03-13', '95000000', { kind: 'COURSE', id: courseId });
    tuitionId = String(tuition.id);
    const materials = await pay(lines.science, 'PC-2026-002', '2026-03-20', '28456789', { kind: 'COURSE', id: courseId });
    const equipment = await pay(lines.investment, 'PC-2026-003', '2026-04-15', '1234567891', {
      kind: 'LABORATORY',
      id: laboratoryId,
    });
    const course = { __typename: 'Course', id: courseId, code: 'KDV-KL-2026-01', title: COURSE_TITLE };
    expect(tuition).toMatchObject({ voucherNumber: 'PC-2026-001', amount: 95_000_000, activity: course });
    expect(materials).toMatchObject({ amount: 28_456_789, activity: course });
    expect(equipment).toMatchObject({
      amount: 1_234_567_891,
      activity: { __typename: 'Laboratory', id: laboratoryId, code: 'PTN-LS-01', name: LAB_NAME },
    });
  });

  it('reads a payment back with its course, the title resolved by training (funding stub → training)', async () => {
    const read = await data<{ disbursement: unknown }>(DISBURSEMENT, { id: tuitionId });
    expect(read.disbursement).toEqual({
      voucherNumber: 'PC-2026-001',
      amount: 95_000_000,
      activity: { __typename: 'Course', id: courseId, code: 'KDV-KL-2026-01', title: COURSE_TITLE },
    });
  });

  it('records an enterprise contribution by tax code', async () => {
    const contribution = await data<{ recordContribution: unknown }>(RECORD_CONTRIBUTION, {
      input: {
        planCode: PLAN,
        contributorTaxCode: ENTERPRISE,
        date: '2026-05-05',
        amount: '250000000',
        purpose: 'Doanh nghiệp đối ứng kinh phí Chương trình đảm bảo đo lường',
      },
    });
    expect(contribution.recordContribution).toMatchObject({ contributorTaxCode: ENTERPRISE, amount: 250_000_000 });
  });

  it('shows envelope, planned, allocated, disbursed and remaining per source and in total, exactly', async () => {
    summaryBefore = await summary();
    expect(summaryBefore.bySource).toEqual([
      {
        source: 'SCIENCE_OPERATING',
        envelope: 6_000_000_000,
        planned: 850_000_000,
        allocated: 600_000_000,
        disbursed: 123_456_789,
        remaining: 5_876_543_211,
        executionRate: '0.2058',
      },
      {
        source: 'DEVELOPMENT_INVESTMENT',
        envelope: 7_500_000_000,
        planned: 2_400_000_000,
        allocated: 2_000_000_000,
        disbursed: 1_234_567_891,
        remaining: 6_265_432_109,
        executionRate: '0.6173',
      },
      {
        source: 'ENTERPRISE_AND_OTHER',
        envelope: 3_425_000_000,
        planned: 300_000_000,
        allocated: 0,
        disbursed: 0,
        remaining: 3_425_000_000,
        executionRate: null,
      },
    ]);
    expect(summaryBefore.total).toEqual({
      envelope: 16_925_000_000,
      planned: 3_550_000_000,
      allocated: 2_600_000_000,
      disbursed: 1_358_024_680,
      remaining: 15_566_975_320,
      executionRate: '0.5223',
    });
    expect(summaryBefore).toMatchObject({
      contributions: 250_000_000,
      stateDisbursed: 1_358_024_680,
      mobilisationRatio: '0.1841',
    });
  });

  it('refuses a payment 1 đồng over the allocation (CONFLICT, over = 1) and writes nothing', async () => {
    const lineBefore = await data<{ budgetLine: { available: number } }>(LINE, { id: lines.science });
    expect(lineBefore.budgetLine.available).toBe(476_543_211);
    const refused = await call(RECORD_DISBURSEMENT, {
      input: {
        lineId: lines.science,
        voucherNumber: 'PC-2026-004',
        date: '2026-06-01',
        amount: '476543212',
        payeeTaxCode: TRAINING_CENTRE,
        purpose: 'Chi vượt số đã phân bổ',
        activity: { kind: 'COURSE', id: courseId },
      },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', over: '1', limit: '600000000' });
    expect(refused.data).toBeNull();
    expect(await data(LINE, { id: lines.science })).toEqual(lineBefore);
    expect(await summary()).toEqual(summaryBefore);
  });

  it('shows the money spent on the course on the course entity (training’s course, funding’s moneySpent)', async () => {
    const { course } = await data<{ course: unknown }>(COURSE_MONEY, { id: courseId });
    expect(course).toEqual({ id: courseId, code: 'KDV-KL-2026-01', title: COURSE_TITLE, moneySpent: 123_456_789 });
  });

  it('shows the money spent on the laboratory on the laboratory entity (labs’ laboratory, funding’s moneySpent)', async () => {
    const { laboratory } = await data<{ laboratory: unknown }>(LABORATORY_MONEY, { id: laboratoryId });
    expect(laboratory).toEqual({ id: laboratoryId, code: 'PTN-LS-01', name: LAB_NAME, moneySpent: 1_234_567_891 });
  });
});
