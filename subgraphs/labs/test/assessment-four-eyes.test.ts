import type { Identity } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';
import { BACKFILL_SCORE_RECORDERS } from '../src/migrations/Migration20261208040000_score_recorder';
import { CriterionScore } from '../src/modules/assessment/assessment.entity';
import { Recognition } from '../src/modules/recognition/recognition.entity';
import { admin, registerLaboratory, registerOrganization, run } from './fixtures';

/** Two mandatory criteria, so that two people can share the scoring. */
const SET = {
  code: 'TEST-FOUR-EYES',
  version: 1,
  title: 'Bộ tiêu chí thử nguyên tắc hai người',
  effectiveDate: '2020-01-01',
  passThreshold: 4,
  criteria: [
    { code: 'A', group: 'Chung', title: 'Pháp lý', maxScore: 5, mandatory: true },
    { code: 'B', group: 'Chung', title: 'Hệ thống quản lý', maxScore: 5, mandatory: true },
  ],
};

const ASSESSMENT = 'id status version outcome decidedByName recognition { id }';

interface AssessmentData {
  id: string;
  status: string;
  version: number;
  outcome: string | null;
  decidedByName: string | null;
  recognition: { id: string } | null;
}

const first = identityOf('assessor', 'test-assessor-first');
const second = identityOf('assessor', 'test-assessor-second');

describe('labs subgraph: an assessment is decided by someone other than its sole scorer (four eyes)', () => {
  let subgraph: TestSubgraph;
  let laboratoryId: string;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(labsSubgraph);
    await run(subgraph, `mutation($c: String!) { importCriteriaSet(format: JSON, content: $c) { id } }`, {
      c: JSON.stringify(SET),
    });
    const organization = await registerOrganization(subgraph, { kind: 'SERVICE_PROVIDER', ownership: 'STATE' });
    laboratoryId = (await registerLaboratory(subgraph, organization.taxCode)).id;
  });
  afterAll(() => subgraph?.stop());

  const mutate = async (query: string, variables: Record<string, unknown>, identity: Identity) =>
    subgraph.execute<Record<string, AssessmentData>>({ query, variables }, identity);

  /** A submitted assessment whose scores were recorded by `scorers` (criterion → who). */
  async function submitted(scorers: { A: Identity; B: Identity }): Promise<AssessmentData> {
    let current = (
      await run<{ createAssessment: AssessmentData }>(
        subgraph,
        `mutation($input: CreateAssessmentInput!) { createAssessment(input: $input) { ${ASSESSMENT} } }`,
        {
          input: {
            laboratoryId,
            criteriaSetCode: SET.code,
            criteriaSetVersion: 1,
            kind: 'INITIAL',
            startDate: '2025-03-01',
            assessors: [{ subject: first.subject, name: 'Chuyên gia thứ nhất' }],
          },
        },
        first,
      )
    ).createAssessment;
    for (const code of ['A', 'B'] as const) {
      const result = await mutate(
        `mutation($input: RecordAssessmentScoresInput!) { recordAssessmentScores(input: $input) { ${ASSESSMENT} } }`,
        { input: { assessmentId: current.id, version: current.version, scores: [{ criterionCode: code, score: 4 }] } },
        scorers[code],
      );
      current = result.data?.recordAssessmentScores as AssessmentData;
    }
    return (
      await run<{ submitAssessment: AssessmentData }>(
        subgraph,
        `mutation($id: ID!, $version: Int!) { submitAssessment(id: $id, version: $version) { ${ASSESSMENT} } }`,
        { id: current.id, version: current.version },
        first,
      )
    ).submitAssessment;
  }

  const decide = (assessment: AssessmentData, identity: Identity) =>
    mutate(
      `mutation($input: DecideAssessmentInput!) { decideAssessment(input: $input) { ${ASSESSMENT} } }`,
      { input: { id: assessment.id, version: assessment.version, decidedOn: '2025-03-10' } },
      identity,
    );

  it('refuses the decision of whoever recorded every score alone with FORBIDDEN (reason FOUR_EYES), deciding nothing', async () => {
    const assessment = await submitted({ A: first, B: first });
    const result = await decide(assessment, first);
    expect(result.data?.decideAssessment ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FOUR_EYES' });
    expect(result.errors?.[0]?.extensions?.messageEn).toMatch(/another officer must decide/);
    expect(result.errors?.[0]?.message).toMatch(/hai người/);
    const stored = await run<{ assessment: AssessmentData }>(
      subgraph,
      `query($id: ID!) { assessment(id: $id) { ${ASSESSMENT} } }`,
      {
        id: assessment.id,
      },
    );
    expect(stored.assessment).toMatchObject({ status: 'SUBMITTED', version: assessment.version, outcome: null });
    const em = subgraph.database.orm.em.fork();
    expect(await em.count(Recognition, { assessment: assessment.id })).toBe(0);
  });

  it('refuses an administrator who scored every criterion alone too: the rule is about the person, not the role', async () => {
    const assessment = await submitted({ A: admin, B: admin });
    expect((await decide(assessment, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FOUR_EYES' });
  });

  it('lets another officer decide the assessment the sole scorer may not, granting its recognition', async () => {
    const assessment = await submitted({ A: first, B: first });
    const result = await decide(assessment, second);
    expect(result.errors).toBeUndefined();
    expect(result.data?.decideAssessment).toMatchObject({
      status: 'DECIDED',
      outcome: 'PASSED',
      recognition: { id: expect.any(String) },
    });
  });

  it('lets one of two scorers decide: a second person already scored', async () => {
    const assessment = await submitted({ A: first, B: second });
    const result = await decide(assessment, first);
    expect(result.errors).toBeUndefined();
    expect(result.data?.decideAssessment).toMatchObject({ status: 'DECIDED', outcome: 'PASSED' });
  });

  it('counts the latest recorder of each score: a score re-recorded by the decider makes them the sole scorer again', async () => {
    const rescored = await submittedAfterRescoring();
    expect((await decide(rescored, first)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FOUR_EYES' });
  });

  /** Scored A by first and B by second, then B again by first, then submitted. */
  async function submittedAfterRescoring(): Promise<AssessmentData> {
    const draft = (
      await run<{ createAssessment: AssessmentData }>(
        subgraph,
        `mutation($input: CreateAssessmentInput!) { createAssessment(input: $input) { ${ASSESSMENT} } }`,
        {
          input: {
            laboratoryId,
            criteriaSetCode: SET.code,
            criteriaSetVersion: 1,
            kind: 'SURVEILLANCE',
            startDate: '2025-03-01',
            assessors: [{ subject: first.subject, name: 'Chuyên gia thứ nhất' }],
          },
        },
        first,
      )
    ).createAssessment;
    let current = draft;
    for (const [code, identity] of [
      ['A', first],
      ['B', second],
      ['B', first],
    ] as const) {
      const result = await mutate(
        `mutation($input: RecordAssessmentScoresInput!) { recordAssessmentScores(input: $input) { ${ASSESSMENT} } }`,
        { input: { assessmentId: current.id, version: current.version, scores: [{ criterionCode: code, score: 4 }] } },
        identity,
      );
      expect(result.errors).toBeUndefined();
      current = result.data?.recordAssessmentScores as AssessmentData;
    }
    return (
      await run<{ submitAssessment: AssessmentData }>(
        subgraph,
        `mutation($id: ID!, $version: Int!) { submitAssessment(id: $id, version: $version) { ${ASSESSMENT} } }`,
        { id: current.id, version: current.version },
        second,
      )
    ).submitAssessment;
  }

  it('gives scores recorded before recorders were kept the recorder of their latest audited scoring (migration)', async () => {
    const assessment = await submittedAfterRescoring();
    const em = subgraph.database.orm.em.fork();
    await em.getConnection().execute('update criterion_score set recorded_by = null where assessment_id = ?', [assessment.id]);
    await em.getConnection().execute(BACKFILL_SCORE_RECORDERS);
    const scores = await em.find(CriterionScore, { assessment: assessment.id }, { populate: ['criterion'] });
    const recorders = Object.fromEntries(scores.map((score) => [score.criterion.code, score.recordedBy]));
    expect(recorders).toEqual({ A: first.subject, B: first.subject });
  });
});
