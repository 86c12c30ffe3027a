import { AuditEvent } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';
import { CriterionScore } from '../src/modules/assessment/assessment.entity';
import { assessor, errorCode, registerLaboratory, registerOrganization, run, viewer } from './fixtures';

/**
 * A small criteria set, so that every rule shows: G1 mandatory without a minimum, G2 mandatory
 * with a minimum of 6, M1 optional for MASS only, T1 mandatory for TEMPERATURE only. Threshold 12.
 */
const SET = {
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

const ASSESSMENT_FIELDS = /* GraphQL */ `
  id status kind version fields outcome totalScore decidedOn unmetMandatoryCriteria openMajorFindingsAtDecision
  applicableCriteria { code }
  scores { score criterion { code } }
  evaluation { applicableCriteria missingCriteria totalScore maxScore passThreshold unmetMandatoryCriteria openMajorFindings passRuleHolds outcome }
  recognition { validFrom validUntil scope status effectiveStatus(asOf: "2025-06-01") }
`;

interface AssessmentData {
  id: string;
  status: string;
  version: number;
  outcome: string | null;
  evaluation: Record<string, unknown>;
  recognition: Record<string, unknown> | null;
  scores: { score: number; criterion: { code: string } }[];
}

const leadAssessor = identityOf('assessor', 'test-lead-assessor');

describe('labs subgraph: assessments against a criteria set', () => {
  let subgraph: TestSubgraph;
  let laboratoryId: string;

  const create = async (overrides: Record<string, unknown> = {}, lab = laboratoryId): Promise<AssessmentData> =>
    (
      await run<{ createAssessment: AssessmentData }>(
        subgraph,
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
    subgraph.execute<{ recordAssessmentScores: AssessmentData }>(
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
    subgraph.execute<{ submitAssessment: AssessmentData }>(
      {
        query: `mutation($id: ID!, $version: Int!) { submitAssessment(id: $id, version: $version) { ${ASSESSMENT_FIELDS} } }`,
        variables: { id: assessment.id, version: assessment.version },
      },
      assessor,
    );
  /** A second officer decides: the one who recorded every score may not (four eyes, docs/ROLES.md). */
  const decide = (assessment: { id: string; version: number }, extra: Record<string, unknown> = {}) =>
    subgraph.execute<{ decideAssessment: AssessmentData }>(
      {
        query: `mutation($input: DecideAssessmentInput!) { decideAssessment(input: $input) { ${ASSESSMENT_FIELDS} } }`,
        variables: { input: { id: assessment.id, version: assessment.version, decidedOn: '2025-03-10', ...extra } },
      },
      leadAssessor,
    );
  const addFinding = async (assessmentId: string, severity: string) =>
    (
      await run<{ addFinding: { id: string; version: number } }>(
        subgraph,
        `mutation($input: AddFindingInput!) { addFinding(input: $input) { id version } }`,
        { input: { assessmentId, severity, description: 'Chuẩn quả cân F1 quá hạn hiệu chuẩn', criterionCode: 'M1' } },
      )
    ).addFinding;
  const addAction = async (findingId: string) =>
    (
      await run<{ addCorrectiveAction: { id: string; version: number } }>(
        subgraph,
        `mutation($input: AddCorrectiveActionInput!) { addCorrectiveAction(input: $input) { id version } }`,
        { input: { findingId, description: 'Gửi hiệu chuẩn lại bộ quả cân', dueOn: '2025-04-30' } },
      )
    ).addCorrectiveAction;

  /** Scores everything applicable, submits and decides: the decided assessment. */
  const decided = async (scores: Record<string, number>, overrides: Record<string, unknown> = {}, lab = laboratoryId) => {
    const draft = await create(overrides, lab);
    const scored = (await recordScores(draft, scores)).data?.recordAssessmentScores as AssessmentData;
    const submitted = (await submit(scored)).data?.submitAssessment as AssessmentData;
    const result = await decide(submitted);
    expect(result.errors).toBeUndefined();
    return result.data?.decideAssessment as AssessmentData;
  };

  const newMassLaboratory = async () => {
    const organization = await registerOrganization(subgraph, { kind: 'SERVICE_PROVIDER', ownership: 'STATE' });
    return (await registerLaboratory(subgraph, organization.taxCode, { fields: ['MASS'] })).id;
  };

  beforeAll(async () => {
    subgraph = await startTestSubgraph(labsSubgraph);
    await run(subgraph, `mutation($c: String!) { importCriteriaSet(format: JSON, content: $c) { id } }`, {
      c: JSON.stringify(SET),
    });
    laboratoryId = await newMassLaboratory();
  });
  afterAll(() => subgraph?.stop());

  it('opens a DRAFT whose applicable criteria are those naming no field or a field assessed', async () => {
    const assessment = await create();
    expect(assessment).toMatchObject({ status: 'DRAFT', version: 1, fields: ['MASS'], outcome: null, recognition: null });
    expect((assessment as unknown as { applicableCriteria: { code: string }[] }).applicableCriteria.map((c) => c.code)).toEqual([
      'G1',
      'G2',
      'M1',
    ]);
    expect(assessment.evaluation).toMatchObject({
      missingCriteria: ['G1', 'G2', 'M1'],
      maxScore: 20,
      passThreshold: 12,
      outcome: null,
    });
  });

  it('refuses a score above the maximum with BAD_USER_INPUT naming the criterion, writing nothing', async () => {
    const assessment = await create();
    const result = await recordScores(assessment, { G1: 5, M1: 6 });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'scores',
      criterion: 'M1',
      maxScore: 5,
    });
    expect(result.errors?.[0]?.message).toContain('từ 0 đến 5');
    expect(await subgraph.database.orm.em.fork().count(CriterionScore, { assessment: assessment.id })).toBe(0);
  });

  it.each([
    ['a negative score', { G1: -1 }, 'G1'],
    ['a criterion that does not apply to the fields assessed', { T1: 3 }, 'T1'],
    ['a criterion the set does not have', { X9: 1 }, 'X9'],
  ])('refuses %s with BAD_USER_INPUT', async (_name, scores, criterion) => {
    const assessment = await create();
    const result = await recordScores(assessment, scores);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scores', criterion });
  });

  it('refuses the same criterion twice in one list with BAD_USER_INPUT', async () => {
    const assessment = await create();
    const result = await subgraph.execute(
      {
        query: scoreQuery,
        variables: {
          input: {
            assessmentId: assessment.id,
            version: 1,
            scores: [
              { criterionCode: 'G1', score: 1 },
              { criterionCode: 'G1', score: 2 },
            ],
          },
        },
      },
      assessor,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', criterion: 'G1', index: 1 });
  });

  it('keeps one score per criterion: scoring it again replaces the score', async () => {
    const assessment = await create();
    const first = (await recordScores(assessment, { G1: 2 })).data?.recordAssessmentScores as AssessmentData;
    const second = (await recordScores(first, { G1: 4 })).data?.recordAssessmentScores as AssessmentData;
    expect(second.scores).toEqual([{ score: 4, criterion: { code: 'G1' } }]);
    expect(second.version).toBe(3);
  });

  it('refuses submission while an applicable criterion (here a mandatory one) has no score, listing the missing codes', async () => {
    const assessment = await create();
    const scored = (await recordScores(assessment, { G1: 5 })).data?.recordAssessmentScores as AssessmentData;
    const result = await submit(scored);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'scores',
      missingCriteria: ['G2', 'M1'],
    });
    expect(result.errors?.[0]?.message).toContain('G2, M1');
  });

  it('refuses a decision on a DRAFT with CONFLICT: it must be submitted first', async () => {
    const assessment = await create();
    const result = await decide(assessment);
    expect(errorCode(result)).toBe('CONFLICT');
  });

  describe('a NOT_PASSED decision with an open major finding, then a reassessment', () => {
    let first: AssessmentData;
    let finding: { id: string; version: number };
    let action: { id: string; version: number };

    it('decides NOT_PASSED when the pass rule holds but a major finding is open, granting no recognition', async () => {
      const draft = await create();
      finding = await addFinding(draft.id, 'MAJOR');
      action = await addAction(finding.id);
      const scored = (await recordScores(draft, { G1: 5, G2: 8, M1: 4 })).data?.recordAssessmentScores as AssessmentData;
      const submitted = (await submit(scored)).data?.submitAssessment as AssessmentData;
      expect(submitted.status).toBe('SUBMITTED');
      const result = await decide(submitted);
      expect(result.errors).toBeUndefined();
      first = result.data?.decideAssessment as AssessmentData;
      expect(first).toMatchObject({
        status: 'DECIDED',
        outcome: 'NOT_PASSED',
        totalScore: 17,
        decidedOn: '2025-03-10',
        unmetMandatoryCriteria: [],
        openMajorFindingsAtDecision: 1,
        recognition: null,
      });
      expect(first.evaluation).toMatchObject({ passRuleHolds: true, openMajorFindings: 1, outcome: 'NOT_PASSED' });
    });

    it('refuses every edit of the decided assessment with CONFLICT', async () => {
      const current = { id: first.id, version: first.version };
      expect(errorCode(await recordScores(current, { G1: 1 }))).toBe('CONFLICT');
      expect(errorCode(await submit(current))).toBe('CONFLICT');
      expect(errorCode(await decide(current))).toBe('CONFLICT');
      const update = await subgraph.execute(
        {
          query: `mutation($input: UpdateAssessmentInput!) { updateAssessment(input: $input) { id } }`,
          variables: { input: { id: first.id, version: first.version, kind: 'SURVEILLANCE' } },
        },
        assessor,
      );
      expect(errorCode(update)).toBe('CONFLICT');
      const newFinding = await subgraph.execute(
        {
          query: `mutation($input: AddFindingInput!) { addFinding(input: $input) { id } }`,
          variables: { input: { assessmentId: first.id, severity: 'MINOR', description: 'Muộn' } },
        },
        assessor,
      );
      expect(errorCode(newFinding)).toBe('CONFLICT');
      const changedFinding = await subgraph.execute(
        {
          query: `mutation($input: UpdateFindingInput!) { updateFinding(input: $input) { id } }`,
          variables: { input: { id: finding.id, version: finding.version, severity: 'MINOR' } },
        },
        assessor,
      );
      expect(errorCode(changedFinding)).toBe('CONFLICT');
      const stored = await run<{ assessment: AssessmentData }>(
        subgraph,
        `query($id: ID!) { assessment(id: $id) { ${ASSESSMENT_FIELDS} } }`,
        {
          id: first.id,
        },
      );
      expect(stored.assessment).toMatchObject({ outcome: 'NOT_PASSED', version: first.version, totalScore: 17 });
    });

    it('blocks a reassessment while the earlier major finding stays open', async () => {
      const draft = await create({ kind: 'REASSESSMENT', startDate: '2025-03-05', endDate: null });
      const scored = (await recordScores(draft, { G1: 5, G2: 10, M1: 5 })).data?.recordAssessmentScores as AssessmentData;
      expect(scored.evaluation).toMatchObject({ passRuleHolds: true, openMajorFindings: 1, outcome: 'NOT_PASSED' });
    });

    it('closes the corrective action after the decision (follow-up), which the decided outcome ignores', async () => {
      const result = await subgraph.execute(
        {
          query: `mutation($input: CloseCorrectiveActionInput!) { closeCorrectiveAction(input: $input) { closedOn evidence version } }`,
          variables: {
            input: {
              id: action.id,
              version: action.version,
              closedOn: '2025-03-08',
              evidence: 'Giấy chứng nhận hiệu chuẩn số 123/HC',
            },
          },
        },
        assessor,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.closeCorrectiveAction).toMatchObject({ closedOn: '2025-03-08', version: 2 });
      const again = await subgraph.execute(
        {
          query: `mutation($input: CloseCorrectiveActionInput!) { closeCorrectiveAction(input: $input) { closedOn } }`,
          variables: { input: { id: action.id, version: 2, evidence: 'Lần hai' } },
        },
        assessor,
      );
      expect(errorCode(again)).toBe('CONFLICT');
      const stored = await run<{ assessment: AssessmentData & { findings: { open: boolean }[] } }>(
        subgraph,
        `query($id: ID!) { assessment(id: $id) { outcome findings { open } } }`,
        { id: first.id },
      );
      expect(stored.assessment).toEqual({ outcome: 'NOT_PASSED', findings: [{ open: false }] });
    });

    it('passes the reassessment and grants a recognition for three years over the fields assessed', async () => {
      const passed = await decided({ G1: 5, G2: 8, M1: 4 }, { kind: 'REASSESSMENT' });
      expect(passed).toMatchObject({ status: 'DECIDED', outcome: 'PASSED', totalScore: 17, openMajorFindingsAtDecision: 0 });
      expect(passed.recognition).toEqual({
        validFrom: '2025-03-10',
        validUntil: '2028-03-09',
        scope: ['MASS'],
        status: 'ACTIVE',
        effectiveStatus: 'ACTIVE',
      });
    });

    it('leaves an audit trail of the assessment, its finding, corrective action and recognition', async () => {
      const em = subgraph.database.orm.em.fork();
      const actions = async (entityType: string, entityId: string) =>
        (await em.find(AuditEvent, { entityType, entityId }, { orderBy: { id: 'asc' } })).map((event) => event.action);
      expect(await actions('Assessment', first.id)).toEqual(['CREATE', 'RECORD_SCORES', 'SUBMIT', 'DECIDE']);
      expect(await actions('Finding', finding.id)).toEqual(['ADD']);
      expect(await actions('CorrectiveAction', action.id)).toEqual(['ADD', 'CLOSE']);
      const grants = await em.find(AuditEvent, { entityType: 'Recognition', action: 'GRANT' });
      expect(grants).toHaveLength(1);
      expect(grants[0]?.actor).toBe(leadAssessor.subject);
    });
  });

  it('decides NOT_PASSED when a mandatory criterion is below its own minimum, whatever the total', async () => {
    const result = await decided({ G1: 5, G2: 5, M1: 5 });
    expect(result).toMatchObject({ outcome: 'NOT_PASSED', totalScore: 15, unmetMandatoryCriteria: ['G2'], recognition: null });
  });

  it('decides NOT_PASSED when a mandatory criterion without a minimum scores 0', async () => {
    const result = await decided({ G1: 0, G2: 10, M1: 5 });
    expect(result).toMatchObject({ outcome: 'NOT_PASSED', unmetMandatoryCriteria: ['G1'] });
  });

  it('decides NOT_PASSED when the total is below the threshold though every mandatory criterion is met', async () => {
    const result = await decided({ G1: 1, G2: 6, M1: 0 });
    expect(result).toMatchObject({ outcome: 'NOT_PASSED', totalScore: 7, unmetMandatoryCriteria: [] });
  });

  it('keeps a major finding without any corrective action open: NOT_PASSED', async () => {
    const lab = await newMassLaboratory();
    const draft = await create({}, lab);
    await addFinding(draft.id, 'MAJOR');
    const scored = (await recordScores(draft, { G1: 5, G2: 10, M1: 5 })).data?.recordAssessmentScores as AssessmentData;
    const submitted = (await submit(scored)).data?.submitAssessment as AssessmentData;
    const result = (await decide(submitted)).data?.decideAssessment as AssessmentData;
    expect(result).toMatchObject({ outcome: 'NOT_PASSED', openMajorFindingsAtDecision: 1 });
  });

  it('passes with only minor findings and observations open', async () => {
    const lab = await newMassLaboratory();
    const draft = await create({}, lab);
    await addFinding(draft.id, 'MINOR');
    await addFinding(draft.id, 'OBSERVATION');
    const scored = (await recordScores(draft, { G1: 3, G2: 6, M1: 3 })).data?.recordAssessmentScores as AssessmentData;
    const submitted = (await submit(scored)).data?.submitAssessment as AssessmentData;
    const result = (await decide(submitted)).data?.decideAssessment as AssessmentData;
    expect(result).toMatchObject({ outcome: 'PASSED', totalScore: 12 });
    expect(result.recognition).toMatchObject({ status: 'ACTIVE' });
  });

  it('grants no recognition for a passed self-assessment or surveillance', async () => {
    const lab = await newMassLaboratory();
    const self = await decided({ G1: 5, G2: 10, M1: 5 }, { kind: 'SELF_ASSESSMENT' }, lab);
    expect(self).toMatchObject({ outcome: 'PASSED', recognition: null });
    const surveillance = await decided({ G1: 5, G2: 10, M1: 5 }, { kind: 'SURVEILLANCE' }, lab);
    expect(surveillance).toMatchObject({ outcome: 'PASSED', recognition: null });
  });

  it('refuses a recognition scope beyond the fields assessed with BAD_USER_INPUT, leaving the assessment SUBMITTED', async () => {
    const draft = await create();
    const scored = (await recordScores(draft, { G1: 5, G2: 10, M1: 5 })).data?.recordAssessmentScores as AssessmentData;
    const submitted = (await submit(scored)).data?.submitAssessment as AssessmentData;
    const result = await decide(submitted, { recognitionScope: ['MASS', 'PRESSURE'] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recognitionScope' });
    const stored = await run<{ assessment: { status: string; outcome: string | null } }>(
      subgraph,
      `query($id: ID!) { assessment(id: $id) { status outcome } }`,
      { id: draft.id },
    );
    expect(stored.assessment).toEqual({ status: 'SUBMITTED', outcome: null });
  });

  it('refuses scores based on a stale version with CONFLICT', async () => {
    const assessment = await create();
    expect((await recordScores(assessment, { G1: 1 })).errors).toBeUndefined();
    const stale = await recordScores(assessment, { G2: 7 });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('lets exactly one of two concurrent submissions of the same version through; the other gets CONFLICT', async () => {
    const draft = await create();
    const scored = (await recordScores(draft, { G1: 5, G2: 10, M1: 5 })).data?.recordAssessmentScores as AssessmentData;
    const results = await Promise.all([submit(scored), submit(scored)]);
    expect(results.map((result) => errorCode(result) ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
  });

  it('removes the scores of criteria that no longer apply when the fields assessed change', async () => {
    const organization = await registerOrganization(subgraph);
    const lab = (await registerLaboratory(subgraph, organization.taxCode, { fields: ['MASS', 'TEMPERATURE'] })).id;
    const draft = await create({}, lab);
    expect(draft.evaluation).toMatchObject({ missingCriteria: ['G1', 'G2', 'M1', 'T1'] });
    const scored = (await recordScores(draft, { T1: 4, G1: 2 })).data?.recordAssessmentScores as AssessmentData;
    const result = await subgraph.execute<{ updateAssessment: AssessmentData }>(
      {
        query: `mutation($input: UpdateAssessmentInput!) { updateAssessment(input: $input) { ${ASSESSMENT_FIELDS} } }`,
        variables: { input: { id: scored.id, version: scored.version, fields: ['MASS'] } },
      },
      assessor,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateAssessment.scores).toEqual([{ score: 2, criterion: { code: 'G1' } }]);
  });

  it.each([
    ['fields outside the laboratory', { fields: ['PRESSURE'] }, 'BAD_USER_INPUT', 'fields'],
    ['a start before the set is effective', { startDate: '2019-12-31', endDate: null }, 'BAD_USER_INPUT', 'startDate'],
    ['an end before the start', { endDate: '2025-02-01' }, 'BAD_USER_INPUT', 'endDate'],
    ['no assessor', { assessors: [] }, 'BAD_USER_INPUT', 'assessors'],
    ['an unknown laboratory', { laboratoryId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', 'laboratoryId'],
    ['an unknown criteria-set version', { criteriaSetVersion: 7 }, 'NOT_FOUND', 'criteriaSetCode'],
  ])('refuses an assessment with %s', async (_name, overrides, code, field) => {
    const result = await subgraph.execute(
      {
        query: `mutation($input: CreateAssessmentInput!) { createAssessment(input: $input) { id } }`,
        variables: {
          input: {
            laboratoryId,
            criteriaSetCode: SET.code,
            criteriaSetVersion: 1,
            kind: 'INITIAL',
            startDate: '2025-03-01',
            endDate: '2025-03-02',
            assessors: [{ subject: 'a', name: 'A' }],
            ...overrides,
          },
        },
      },
      assessor,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
  });

  it('keeps assessments from viewers and trainers (FORBIDDEN)', async () => {
    expect(errorCode(await subgraph.execute({ query: `{ assessments { total } }` }, viewer))).toBe('FORBIDDEN');
    const asTrainer = await subgraph.execute(
      {
        query: `mutation($input: CreateAssessmentInput!) { createAssessment(input: $input) { id } }`,
        variables: {
          input: {
            laboratoryId,
            criteriaSetCode: SET.code,
            criteriaSetVersion: 1,
            kind: 'INITIAL',
            startDate: '2025-03-01',
            assessors: [{ subject: 'a', name: 'A' }],
          },
        },
      },
      identityOf('trainer'),
    );
    expect(errorCode(asTrainer)).toBe('FORBIDDEN');
  });

  it('lists the assessments of a laboratory, and on the laboratory for officers only', async () => {
    const list = await run<{ assessments: { total: number } }>(
      subgraph,
      `query($lab: ID!) { assessments(laboratoryId: $lab, status: DECIDED) { total } }`,
      { lab: laboratoryId },
    );
    expect(list.assessments.total).toBeGreaterThan(0);
    const asViewer = await subgraph.execute(
      { query: `query($id: ID!) { laboratory(id: $id) { code assessments { id } } }`, variables: { id: laboratoryId } },
      viewer,
    );
    expect(errorCode(asViewer)).toBe('FORBIDDEN');
  });
});
