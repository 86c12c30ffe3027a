import { identityOf, type TestSubgraph } from '@metrology/kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { CriterionScore } from '../src/modules/assessment/assessment.entity';
import { ASSESSMENT_FIELDS, type AssessmentData, assessmentSteps, SET } from './assessment.fixtures';
import { assessor, errorCode, registerLaboratory, registerOrganization, run, viewer } from './fixtures';

describe('labs subgraph: assessments against a criteria set', () => {
  const steps = assessmentSteps();
  const { create, scoreQuery, recordScores, submit, decide, decided } = steps;
  let subgraph: TestSubgraph;
  let laboratoryId: string;

  beforeAll(() => {
    ({ subgraph, laboratoryId } = steps.env);
  });

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
    await decided({ G1: 5, G2: 8, M1: 3 });
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
