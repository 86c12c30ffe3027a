import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './harness';

/**
 * Issue 4's acceptance, tried as a new user would, through the gateway only: an officer
 * (assessor) registers, assesses, reassesses, records MAP engagements and standards; a leader
 * (viewer) reads the plan's LABS, MAP and STANDARDS indicators. Every date is in 2025, inside
 * phase 1 (targets 1 / 10 / 5), and given explicitly so that the test is reproducible.
 */
const PROVIDER = '4900700001';
const STATE_ENTERPRISE = '4900700002';
const PRIVATE_ENTERPRISE = '4900700003';

const ASSESSMENT =
  'id version status outcome applicableCriteria { code maxScore } evaluation { openMajorFindings } recognition { validFrom validUntil status }';

interface AssessmentData {
  id: string;
  version: number;
  status: string;
  outcome: string | null;
  applicableCriteria: { code: string; maxScore: number }[];
  evaluation: { openMajorFindings: number };
  recognition: { validFrom: string; validUntil: string; status: string } | null;
}

describe('acceptance (issue 4): from a laboratory assessment to the plan indicators, through the gateway', () => {
  let stack: Stack;
  let laboratoryId: string;
  let action: { id: string; version: number };

  /** An officer's operation that must succeed (another officer than the scorer: `subject`). */
  const officer = async <T>(query: string, variables: Record<string, unknown> = {}, subject?: string): Promise<T> => {
    const result = await stack.execute<T>({ query, variables }, { role: 'assessor', subject });
    expect(result.errors).toBeUndefined();
    if (!result.data) throw new Error('no data');
    return result.data;
  };

  /** Opens an assessment, scores every applicable criterion at its maximum, submits and decides it. */
  const assess = async (kind: string, startDate: string, decidedOn: string, beforeSubmit?: (id: string) => Promise<void>) => {
    const { createAssessment: draft } = await officer<{ createAssessment: AssessmentData }>(
      `mutation($input: CreateAssessmentInput!) { createAssessment(input: $input) { ${ASSESSMENT} } }`,
      {
        input: {
          laboratoryId,
          criteriaSetCode: 'TCVN-13187-MAU',
          criteriaSetVersion: 1,
          kind,
          startDate,
          endDate: startDate,
          assessors: [{ subject: 'e2e-assessor', name: 'Chuyên gia Lê Minh' }],
        },
      },
    );
    const { recordAssessmentScores: scored } = await officer<{ recordAssessmentScores: AssessmentData }>(
      `mutation($input: RecordAssessmentScoresInput!) { recordAssessmentScores(input: $input) { ${ASSESSMENT} } }`,
      {
        input: {
          assessmentId: draft.id,
          version: draft.version,
          scores: draft.applicableCriteria.map((criterion) => ({ criterionCode: criterion.code, score: criterion.maxScore })),
        },
      },
    );
    if (beforeSubmit) await beforeSubmit(draft.id);
    const { submitAssessment: submitted } = await officer<{ submitAssessment: AssessmentData }>(
      `mutation($id: ID!, $version: Int!) { submitAssessment(id: $id, version: $version) { ${ASSESSMENT} } }`,
      { id: scored.id, version: scored.version },
    );
    const { decideAssessment: decided } = await officer<{ decideAssessment: AssessmentData }>(
      `mutation($input: DecideAssessmentInput!) { decideAssessment(input: $input) { ${ASSESSMENT} } }`,
      { input: { id: submitted.id, version: submitted.version, decidedOn } },
      // Four eyes (docs/ROLES.md): the officer who scored every criterion does not decide.
      'e2e-lead-assessor',
    );
    return decided;
  };

  const registerOrganization = (taxCode: string, name: string, kind: string, ownership: string) =>
    officer(`mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { taxCode } }`, {
      input: { taxCode, name, kind, ownership, sector: 'OTHER', address: 'Thành phố Lạng Sơn' },
    });

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('registers an organisation and its laboratory', async () => {
    await registerOrganization(PROVIDER, 'Trung tâm Kỹ thuật Đo lường Lạng Sơn', 'SERVICE_PROVIDER', 'STATE');
    const data = await officer<{ registerLaboratory: { id: string; organization: { taxCode: string } } }>(
      `mutation($input: RegisterLaboratoryInput!) { registerLaboratory(input: $input) { id organization { taxCode } } }`,
      {
        input: {
          code: 'PTN-LS-01',
          name: 'Phòng thí nghiệm Đo lường Khối lượng',
          organizationTaxCode: PROVIDER,
          fields: ['MASS'],
          services: ['VERIFICATION', 'CALIBRATION'],
          registration: {
            number: 'ĐK-01/2024',
            issuer: 'Tổng cục Tiêu chuẩn Đo lường Chất lượng',
            issuedOn: '2024-01-15',
            validUntil: '2029-01-14',
          },
        },
      },
    );
    expect(data.registerLaboratory.organization.taxCode).toBe(PROVIDER);
    laboratoryId = data.registerLaboratory.id;
  });

  it('assesses it against the sample criteria with one open major finding: NOT_PASSED, no recognition', async () => {
    const decided = await assess('INITIAL', '2025-03-03', '2025-03-10', async (assessmentId) => {
      const finding = await officer<{ addFinding: { id: string } }>(
        `mutation($input: AddFindingInput!) { addFinding(input: $input) { id } }`,
        {
          input: {
            assessmentId,
            severity: 'MAJOR',
            description: 'Bộ quả cân chuẩn F1 quá hạn hiệu chuẩn',
            criterionCode: 'B.2',
          },
        },
      );
      action = (
        await officer<{ addCorrectiveAction: { id: string; version: number } }>(
          `mutation($input: AddCorrectiveActionInput!) { addCorrectiveAction(input: $input) { id version } }`,
          { input: { findingId: finding.addFinding.id, description: 'Gửi hiệu chuẩn lại bộ quả cân', dueOn: '2025-04-30' } },
        )
      ).addCorrectiveAction;
    });
    expect(decided).toMatchObject({ status: 'DECIDED', outcome: 'NOT_PASSED', recognition: null });
  });

  it("closes the finding's corrective action, then reassesses: PASSED, recognition created", async () => {
    const closed = await officer<{ closeCorrectiveAction: { closedOn: string } }>(
      `mutation($input: CloseCorrectiveActionInput!) { closeCorrectiveAction(input: $input) { closedOn } }`,
      {
        input: {
          id: action.id,
          version: action.version,
          closedOn: '2025-04-15',
          evidence: 'Giấy chứng nhận hiệu chuẩn số HC-2025-0415',
        },
      },
    );
    expect(closed.closeCorrectiveAction.closedOn).toBe('2025-04-15');
    const decided = await assess('REASSESSMENT', '2025-05-05', '2025-05-12');
    expect(decided).toMatchObject({
      status: 'DECIDED',
      outcome: 'PASSED',
      evaluation: { openMajorFindings: 0 },
      recognition: { validFrom: '2025-05-12', validUntil: '2028-05-11', status: 'ACTIVE' },
    });
  });

  it('completes two MAP engagements for enterprises of different ownership', async () => {
    await registerOrganization(STATE_ENTERPRISE, 'Công ty TNHH MTV Nước sạch Lạng Sơn', 'ENTERPRISE', 'STATE');
    await registerOrganization(PRIVATE_ENTERPRISE, 'Công ty TNHH Cân điện tử Kỳ Lừa', 'ENTERPRISE', 'PRIVATE');
    for (const [enterpriseTaxCode, completedOn] of [
      [STATE_ENTERPRISE, '2025-06-10'],
      [PRIVATE_ENTERPRISE, '2025-06-20'],
    ]) {
      const planned = await officer<{ planAssuranceEngagement: { id: string; version: number } }>(
        `mutation($input: PlanAssuranceEngagementInput!) { planAssuranceEngagement(input: $input) { id version } }`,
        {
          input: {
            enterpriseTaxCode,
            providerLaboratoryId: laboratoryId,
            services: ['CALIBRATION'],
            instrumentsCovered: 10,
            plannedStart: '2025-05-20',
          },
        },
      );
      const move = `mutation($input: ChangeAssuranceEngagementStatusInput!) {
        changeAssuranceEngagementStatus(input: $input) { id version status completedOn }
      }`;
      const started = await officer<{ changeAssuranceEngagementStatus: { version: number } }>(move, {
        input: {
          id: planned.planAssuranceEngagement.id,
          version: planned.planAssuranceEngagement.version,
          status: 'IN_PROGRESS',
          on: '2025-05-20',
        },
      });
      const completed = await officer<{ changeAssuranceEngagementStatus: { status: string; completedOn: string } }>(move, {
        input: {
          id: planned.planAssuranceEngagement.id,
          version: started.changeAssuranceEngagementStatus.version,
          status: 'COMPLETED',
          on: completedOn,
        },
      });
      expect(completed.changeAssuranceEngagementStatus).toMatchObject({ status: 'COMPLETED', completedOn });
    }
  });

  it('supports two kinds of standards', async () => {
    for (const [kindCode, kindName, field, serial] of [
      ['QC-F1', 'Bộ quả cân chuẩn cấp chính xác F1', 'MASS', 'QC-2025-01'],
      ['BDC-2', 'Bình chuẩn kim loại hạng 2', 'VOLUME', 'BDC-2025-01'],
    ]) {
      await officer(`mutation($input: RegisterStandardKindInput!) { registerStandardKind(input: $input) { code } }`, {
        input: { code: kindCode, name: kindName },
      });
      await officer(`mutation($input: RegisterMeasurementStandardInput!) { registerMeasurementStandard(input: $input) { id } }`, {
        input: { kindCode, name: kindName, field, ownerTaxCode: PROVIDER, yearFirstSupported: 2025, serial },
      });
    }
  });

  it("shows the plan's LABS 1 of 1 ACHIEVED, MAP 2 of 10 and STANDARDS 2 of 5 OFF_TRACK on 30 June 2025", async () => {
    // Window 2019-01-01..2025-12-31: 2557 days, 2373 elapsed. MAP: expected 10 × 2373 / 2557 = 9.28,
    // pace 2 / 9.28 = 0.2155; STANDARDS: expected 4.64, pace 0.4310; both below 0.6: OFF_TRACK.
    const result = await stack.execute<{ plan: Record<string, unknown> }>(
      {
        query: /* GraphQL */ `
          query($code: ID!, $asOf: LocalDate) {
            plan(code: $code) {
              code
              infrastructureIndicators(asOf: $asOf, phase: 1) {
                laboratories { target actual status gap }
                assurance { target actual expected pace status gap }
                standards { target actual expected pace status gap }
                mapByOwnership { ownership completed }
              }
            }
          }
        `,
        variables: { code: '129/KH-UBND', asOf: '2025-06-30' },
      },
      { role: 'viewer' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.plan).toEqual({
      code: '129/KH-UBND',
      infrastructureIndicators: {
        laboratories: { target: 1, actual: 1, status: 'ACHIEVED', gap: 0 },
        assurance: { target: 10, actual: 2, expected: 9.28, pace: 0.2155, status: 'OFF_TRACK', gap: 8 },
        standards: { target: 5, actual: 2, expected: 4.64, pace: 0.431, status: 'OFF_TRACK', gap: 3 },
        mapByOwnership: [
          { ownership: 'STATE', completed: 1 },
          { ownership: 'PRIVATE', completed: 1 },
          { ownership: 'FOREIGN_INVESTED', completed: 0 },
          { ownership: 'COLLECTIVE', completed: 0 },
        ],
      },
    });
  });
});
