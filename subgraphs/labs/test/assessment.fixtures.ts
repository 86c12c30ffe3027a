import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, expect } from 'vitest';
import { labsSubgraph } from '../src';
import { assessor, registerLaboratory, registerOrganization, run } from './fixtures';

/**
 * A small criteria set, so that every rule shows: G1 mandatory without a minimum, G2 mandatory
 * with a minimum of 6, M1 optional for MASS only, T1 mandatory for TEMPERATURE only. Threshold 12.
 */
export const SET = {
  code: 'TEST-ASSESS',
  version: 1,
  title: 'Bộ tiêu chí thử nghiệm quy tắc',
  effectiveDate: '2020-01-01',
  passThreshold: 12,
  criteria: [
    { code: 'G1', group: 'Chung', title: 'Pháp lý', maxScore: 5, mandatory: true },
    { code: 'G2', group: 'Chung', title: 'Hệ thống quản lý', maxScore: 10, minimumScore: 6, mandatory: true },
    { code: 'M1', group: 'Kỹ thuật', title: 'Chuẩn khối lượng', maxScore: 5, mandatory: false, fields: ['MASS'] },
    { code: 'T1', group: 'Kỹ thuật', title: 'Chuẩn nhiệt độ', maxScore: 5, mandatory: true, fields: ['TEMPERATURE'] },
  ],
};

export const ASSESSMENT_FIELDS = /* GraphQL */ `
  id status kind version fields outcome totalScore decidedOn unmetMandatoryCriteria openMajorFindingsAtDecision
  applicableCriteria { code }
  scores { score criterion { code } }
  evaluation { applicableCriteria missingCriteria totalScore maxScore passThreshold unmetMandatoryCriteria openMajorFindings passRuleHolds outcome }
  recognition { validFrom validUntil scope status effectiveStatus(asOf: "2025-06-01") }
`;

export interface AssessmentData {
  id: string;
  status: string;
  version: number;
  outcome: string | null;
  evaluation: Record<string, unknown>;
  recognition: Record<string, unknown> | null;
  scores: { score: number; criterion: { code: string } }[];
}

export const leadAssessor = identityOf('assessor', 'test-lead-assessor');

/**
 * A labs subgraph with the criteria set imported and a MASS laboratory registered, started before
 * the tests of the calling `describe` and stopped after them; and the steps of an assessment.
 */
export function assessmentSteps() {
  const env = {} as { subgraph: TestSubgraph; laboratoryId: string };

  const create = async (overrides: Record<string, unknown> = {}, lab = env.laboratoryId): Promise<AssessmentData> =>
    (
      await run<{ createAssessment: AssessmentData }>(
        env.subgraph,
        `mutation($input: CreateAssessmentInput!) { createAssessment(input: $input) { ${ASSESSMENT_FIELDS} } }`,
        {
          input: {
            laboratoryId: lab,
            criteriaSetCode: SET.code,
            criteriaSetVersion: 1,
            kind: 'INITIAL',
            startDate: '2025-03-01',
            endDate: '2025-03-02',
            assessors: [{ subject: 'test-assessor', name: 'Chuyên gia Nguyễn Văn An' }],
            ...overrides,
          },
        },
      )
    ).createAssessment;

  const scoreQuery = `mutation($input: RecordAssessmentScoresInput!) { recordAssessmentScores(input: $input) { ${ASSESSMENT_FIELDS} } }`;
  const recordScores = (assessment: { id: string; version: number }, scores: Record<string, number>) =>
    env.subgraph.execute<{ recordAssessmentScores: AssessmentData }>(
      {
        query: scoreQuery,
        variables: {
          input: {
            assessmentId: assessment.id,
            version: assessment.version,
            scores: Object.entries(scores).map(([criterionCode, score]) => ({ criterionCode, score })),
          },
        },
      },
      assessor,
    );
  const submit = (assessment: { id: string; version: number }) =>
    env.subgraph.execute<{ submitAssessment: AssessmentData }>(
      {
        query: `mutation($id: ID!, $version: Int!) { submitAssessment(id: $id, version: $version) { ${ASSESSMENT_FIELDS} } }`,
        variables: { id: assessment.id, version: assessment.version },
      },
      assessor,
    );
  /** A second officer decides: the one who recorded every score may not (four eyes, docs/ROLES.md). */
  const decide = (assessment: { id: string; version: number }, extra: Record<string, unknown> = {}) =>
    env.subgraph.execute<{ decideAssessment: AssessmentData }>(
      {
        query: `mutation($input: DecideAssessmentInput!) { decideAssessment(input: $input) { ${ASSESSMENT_FIELDS} } }`,
        variables: { input: { id: assessment.id, version: assessment.version, decidedOn: '2025-03-10', ...extra } },
      },
      leadAssessor,
    );
  const addFinding = async (assessmentId: string, severity: string) =>
    (
      await run<{ addFinding: { id: string; version: number } }>(
        env.subgraph,
        `mutation($input: AddFindingInput!) { addFinding(input: $input) { id version } }`,
        { input: { assessmentId, severity, description: 'Chuẩn quả cân F1 quá hạn hiệu chuẩn', criterionCode: 'M1' } },
      )
    ).addFinding;
  const addAction = async (findingId: string) =>
    (
      await run<{ addCorrectiveAction: { id: string; version: number } }>(
        env.subgraph,
        `mutation($input: AddCorrectiveActionInput!) { addCorrectiveAction(input: $input) { id version } }`,
        { input: { findingId, description: 'Gửi hiệu chuẩn lại bộ quả cân', dueOn: '2025-04-30' } },
      )
    ).addCorrectiveAction;

  /** Scores everything applicable, submits and decides: the decided assessment. */
  const decided = async (scores: Record<string, number>, overrides: Record<string, unknown> = {}, lab = env.laboratoryId) => {
    const draft = await create(overrides, lab);
    const scored = (await recordScores(draft, scores)).data?.recordAssessmentScores as AssessmentData;
    const submitted = (await submit(scored)).data?.submitAssessment as AssessmentData;
    const result = await decide(submitted);
    expect(result.errors).toBeUndefined();
    return result.data?.decideAssessment as AssessmentData;
  };

  const newMassLaboratory = async () => {
    const organization = await registerOrganization(env.subgraph, { kind: 'SERVICE_PROVIDER', ownership: 'STATE' });
    return (await registerLaboratory(env.subgraph, organization.taxCode, { fields: ['MASS'] })).id;
  };

  beforeAll(async () => {
    env.subgraph = await startTestSubgraph(labsSubgraph);
    await run(env.subgraph, `mutation($c: String!) { importCriteriaSet(format: JSON, content: $c) { id } }`, {
      c: JSON.stringify(SET),
    });
    env.laboratoryId = await newMassLaboratory();
  });
  afterAll(() => env.subgraph?.stop());

  return { env, create, scoreQuery, recordScores, submit, decide, addFinding, addAction, decided, newMassLaboratory };
}
