import { AuditEvent } from '@metrology/kit';
import type { TestSubgraph } from '@metrology/kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { ASSESSMENT_FIELDS, type AssessmentData, assessmentSteps, leadAssessor } from './assessment.fixtures';
import { assessor, errorCode, run } from './fixtures';

describe('labs subgraph: deciding an assessment', () => {
  const steps = assessmentSteps();
  const { create, recordScores, submit, decide, addFinding, addAction, decided, newMassLaboratory } = steps;
  let subgraph: TestSubgraph;

  beforeAll(() => {
    ({ subgraph } = steps.env);
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
});
