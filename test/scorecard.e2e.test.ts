/**
 * Issue 6, point 1, through the gateway only: the whole-plan scorecard in one query (training's
 * TRAINING indicator, labs' STANDARDS / MAP / LABS / CAPACITY, funding's header and budget), the
 * drill-down lists behind it page by page, and two plans of two provinces side by side.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type PlanScorecard, SCORECARD_FRAGMENTS, SCORECARD_QUERY, type ScorecardData } from '@metrology/reports';
import { CompletedEngagementsDocument, RecognitionsDocument, YearCoursesDocument } from '@metrology/sdk';
import { type DocumentNode, type FieldDefinitionNode, Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './harness';
import { OTHER_PLAN, seedOtherPlan } from './other-plan.fixtures';
import { AS_OF, ok, PLAN, PRIVATE_ENTERPRISE_NAME, type Seeded, seedPlanActivity, YEAR } from './scorecard.fixtures';

const SIDE_BY_SIDE = /* GraphQL */ `
  query TwoPlans($first: ID!, $second: ID!, $year: Int!, $phase: Int, $asOf: LocalDate) {
    first: plan(code: $first) { ...PlanScorecard }
    second: plan(code: $second) { ...PlanScorecard }
  }
  ${SCORECARD_FRAGMENTS}
`;

describe('gateway: the whole-plan scorecard in one query, drill-downs and two plans side by side', () => {
  let stack: Stack;
  let seeded: Seeded;
  let scorecard: PlanScorecard;

  beforeAll(async () => {
    stack = await startStack();
    seeded = await seedPlanActivity(stack);
    await seedOtherPlan(stack);
  });
  afterAll(() => stack?.stop());

  it('resolves each part in the subgraph that owns it: trainingIndicator in training, infrastructureIndicators in labs, budgetSummary in funding', () => {
    const supergraph: DocumentNode = parse(readFileSync(path.resolve(__dirname, '../gateway/supergraph.graphql'), 'utf8'));
    const plan = supergraph.definitions.find(
      (definition) => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Plan',
    );
    const ownerOf = (field: string) => {
      const definition = (plan && 'fields' in plan ? (plan.fields as readonly FieldDefinitionNode[]) : []).find(
        (candidate) => candidate.name.value === field,
      );
      const join = definition?.directives?.find((directive) => directive.name.value === 'join__field');
      const graph = join?.arguments?.find((argument) => argument.name.value === 'graph')?.value;
      return graph?.kind === Kind.ENUM ? graph.value : undefined;
    };
    expect({
      trainingIndicator: ownerOf('trainingIndicator'),
      infrastructureIndicators: ownerOf('infrastructureIndicators'),
      budgetSummary: ownerOf('budgetSummary'),
      title: ownerOf('title'),
    }).toEqual({ trainingIndicator: 'TRAINING', infrastructureIndicators: 'LABS', budgetSummary: 'FUNDING', title: 'FUNDING' });
  });

  it('answers the Scorecard query for 2026, phase 2, on 27/11/2026 with every target and the budget, for a viewer, without errors', async () => {
    const data = await ok<ScorecardData>(stack, SCORECARD_QUERY, { plan: PLAN, year: YEAR, phase: 2, asOf: AS_OF }, 'viewer');
    scorecard = data.plan;
    expect(scorecard).toMatchObject({
      code: PLAN,
      issuer: 'UBND tỉnh Lạng Sơn',
      province: 'Lạng Sơn',
      budgetTotal: 16_925_000_000,
    });
  });

  it('counts TRAINING from training: 10 participations in 2026 of 60 (OFF_TRACK), 10 of 300 in phase 2, 3 in 2025', () => {
    // 2026-01-01..2026-11-27 is 331 of 365 days: expected 60 × 331 / 365 = 54.41; pace 10 / 54.41 = 0.1838;
    // forecast 10 × 365 / 331 = 11.03. Phase 2 is 1826 days: expected 300 × 331 / 1826 = 54.38.
    const training = scorecard.trainingIndicator;
    expect(training?.yearly).toMatchObject({
      indicator: 'TRAINING',
      scope: 'PER_YEAR',
      year: 2026,
      target: 60,
      actual: 10,
      expected: 54.41,
      pace: 0.1838,
      forecast: 11.03,
      gap: 50,
      status: 'OFF_TRACK',
      unit: 'lượt người',
    });
    expect(training?.phase).toMatchObject({ scope: 'PER_PHASE', phase: 2, target: 300, actual: 10, expected: 54.38, gap: 290 });
    expect(training?.participationsByYear.filter((row) => row.actual > 0)).toEqual([
      { year: 2025, actual: 3, runningTotal: 3, percentOfTarget: 5 },
      { year: 2026, actual: 10, runningTotal: 13, percentOfTarget: 16.67 },
    ]);
  });

  it('counts STANDARDS, MAP and LABS from labs, cumulative or held from the plan start; CAPACITY has no phase 2 target', () => {
    // Window 2019-01-01..2030-12-31: 4383 days, 2888 elapsed on 27/11/2026.
    const infrastructure = scorecard.infrastructureIndicators;
    expect(infrastructure?.phase).toBe(2);
    expect(infrastructure?.standards).toMatchObject({
      target: 10,
      actual: 2,
      expected: 6.59,
      pace: 0.3035,
      gap: 8,
      status: 'OFF_TRACK',
    });
    expect(infrastructure?.assurance).toMatchObject({
      target: 20,
      actual: 3,
      expected: 13.18,
      pace: 0.2276,
      gap: 17,
      status: 'OFF_TRACK',
    });
    expect(infrastructure?.laboratories).toMatchObject({
      target: 2,
      actual: 1,
      expected: 1.32,
      pace: 0.7588,
      gap: 1,
      status: 'AT_RISK',
    });
    expect(infrastructure?.capacity).toBeNull();
    expect(infrastructure?.assurance?.series.filter((row) => row.actual > 0)).toEqual([
      expect.objectContaining({ year: 2025, actual: 1, runningTotal: 1 }),
      expect.objectContaining({ year: 2026, actual: 2, runningTotal: 3 }),
    ]);
    const byOwnership = Object.fromEntries((infrastructure?.mapByOwnership ?? []).map((row) => [row.ownership, row.completed]));
    expect(byOwnership).toMatchObject({ PRIVATE: 2, STATE: 1 });
  });

  it('sums the 2026 budget and the budget to date from funding, exact to the đồng', () => {
    const year = scorecard.budgetOfYear;
    if (!year) throw new Error('no budget of the year');
    expect(year.year).toBe(2026);
    expect(year.total).toMatchObject({
      planned: 3_250_000_000,
      allocated: 600_000_000,
      disbursed: 123_456_789,
      executionRate: '0.2058',
    });
    expect(year.bySource.find((row) => row.source === 'SCIENCE_OPERATING')).toMatchObject({
      planned: 850_000_000,
      allocated: 600_000_000,
      disbursed: 123_456_789,
    });
    expect(year.byTaskGroup.find((row) => row.taskGroup === 3)).toMatchObject({ planned: 850_000_000, disbursed: 123_456_789 });
    expect(year).toMatchObject({ contributions: 150_000_000, stateDisbursed: 123_456_789, mobilisationRatio: '1.2150' });
    const toDate = scorecard.budgetToDate;
    if (!toDate) throw new Error('no budget to date');
    expect(toDate.year).toBeNull();
    expect(toDate.bySource.map((row) => [row.source, row.envelope, row.remaining])).toEqual([
      ['SCIENCE_OPERATING', 6_000_000_000, 5_876_543_211],
      ['DEVELOPMENT_INVESTMENT', 7_500_000_000, 7_500_000_000],
      ['ENTERPRISE_AND_OTHER', 3_425_000_000, 3_425_000_000],
    ]);
  });

  it('evaluates the phase asked for: phase 1 on the same date has CAPACITY 1 of 1, ACHIEVED', async () => {
    const data = await ok<ScorecardData>(stack, SCORECARD_QUERY, { plan: PLAN, year: 2025, phase: 1, asOf: AS_OF }, 'viewer');
    expect(data.plan.infrastructureIndicators?.capacity).toMatchObject({ phase: 1, target: 1, actual: 1, status: 'ACHIEVED' });
    expect(data.plan.trainingIndicator?.yearly).toMatchObject({ year: 2025, actual: 3, status: 'MISSED' });
  });

  it('pages the drill-down lists: the year’s courses, a course roster, recognitions and completed MAP engagements', async () => {
    const courses = async (offset: number) =>
      (
        await ok<{ courses: { total: number; items: { code: string }[] } }>(
          stack,
          YearCoursesDocument.toString(),
          { plan: PLAN, year: YEAR, limit: 1, offset },
          'viewer',
        )
      ).courses;
    const [firstCourse, secondCourse, noCourse] = await Promise.all([courses(0), courses(1), courses(2)]);
    expect([firstCourse.total, firstCourse.items.length, secondCourse.items.length, noCourse.items.length]).toEqual([2, 1, 1, 0]);
    expect(new Set([...firstCourse.items, ...secondCourse.items].map((course) => course.code))).toEqual(
      new Set(['SC-2026-01', 'SC-2026-02']),
    );

    const roster = async (offset: number) =>
      (
        await ok<{ courseRoster: { total: number; items: { trainee: { fullName: string } }[] } }>(
          stack,
          `query($courseId: ID!, $offset: Int!) { courseRoster(courseId: $courseId, limit: 3, offset: $offset) { total items { trainee { fullName } } } }`,
          { courseId: seeded.courseA, offset },
          'admin',
        )
      ).courseRoster;
    const pages = await Promise.all([roster(0), roster(3), roster(6)]);
    expect(pages.map((page) => [page.total, page.items.length])).toEqual([
      [7, 3],
      [7, 3],
      [7, 1],
    ]);
    expect(new Set(pages.flatMap((page) => page.items.map((item) => item.trainee.fullName))).size).toBe(7);

    const recognitions = async (offset: number) =>
      (
        await ok<{ recognitions: { total: number; items: { id: string }[] } }>(
          stack,
          RecognitionsDocument.toString(),
          { asOf: AS_OF, limit: 1, offset },
          'viewer',
        )
      ).recognitions;
    const [recognitionA, recognitionB] = await Promise.all([recognitions(0), recognitions(1)]);
    expect([recognitionA.total, recognitionA.items.length, recognitionB.items.length]).toEqual([2, 1, 1]);
    expect(recognitionA.items[0].id).not.toBe(recognitionB.items[0].id);

    const engagements = async (offset: number) =>
      (
        await ok<{ assuranceEngagements: { total: number; items: { completedOn: string; enterprise: { name: string } }[] } }>(
          stack,
          CompletedEngagementsDocument.toString(),
          { limit: 2, offset },
          'viewer',
        )
      ).assuranceEngagements;
    const [engagementsA, engagementsB] = await Promise.all([engagements(0), engagements(2)]);
    expect([engagementsA.total, engagementsA.items.length, engagementsB.items.length]).toEqual([3, 2, 1]);
    expect([...engagementsA.items, ...engagementsB.items].map((item) => item.completedOn).sort()).toEqual([
      '2025-11-20',
      '2026-04-10',
      '2026-09-01',
    ]);
    expect(engagementsA.items.some((item) => item.enterprise.name === PRIVATE_ENTERPRISE_NAME)).toBe(true);
  });

  it('drills from the budget to the payments of each 2026 line (finance)', async () => {
    const data = await ok<{ budgetLines: { source: string; disbursements: { voucherNumber: string; amount: number }[] }[] }>(
      stack,
      `query($plan: ID!, $year: Int) { budgetLines(planCode: $plan, year: $year) { source disbursements { voucherNumber amount } } }`,
      { plan: PLAN, year: YEAR },
      'finance',
    );
    const science = data.budgetLines.find((line) => line.source === 'SCIENCE_OPERATING');
    expect(science?.disbursements).toEqual([
      { voucherNumber: 'PC-2026-001', amount: 95_000_000 },
      { voucherNumber: 'PC-2026-002', amount: 28_456_789 },
    ]);
  });

  it('answers two plans of two provinces in one request with aliases, each with its own targets, issuer and budget', async () => {
    const data = await ok<{ first: PlanScorecard; second: PlanScorecard }>(
      stack,
      SIDE_BY_SIDE,
      { first: PLAN, second: OTHER_PLAN.code, year: YEAR, phase: 2, asOf: AS_OF },
      'viewer',
    );
    expect(data.first).toEqual(scorecard);
    const other = data.second;
    expect(other).toMatchObject({
      code: '88/KH-UBND',
      issuer: 'UBND tỉnh Cao Bằng',
      province: 'Cao Bằng',
      budgetTotal: 2_500_000_000,
      phases: [
        { number: 1, startDate: '2020-01-01', endDate: '2025-12-31' },
        { number: 2, startDate: '2026-01-01', endDate: '2030-12-31' },
      ],
    });
    // Its own course only: 2 participations against its own yearly target of 40 and phase target of 200.
    expect(other.trainingIndicator?.yearly).toMatchObject({ target: 40, actual: 2, gap: 38, status: 'OFF_TRACK' });
    expect(other.trainingIndicator?.phase).toMatchObject({ target: 200, actual: 2 });
    // Laboratories, standards and engagements are the province's register, counted from this plan's start (2020).
    expect(other.infrastructureIndicators?.laboratories).toMatchObject({ target: 1, actual: 1, status: 'ACHIEVED' });
    expect(other.infrastructureIndicators?.assurance).toMatchObject({ target: 8, actual: 3, windowStart: '2020-01-01' });
    expect(other.infrastructureIndicators?.standards).toMatchObject({ target: 4, actual: 2 });
    expect(other.infrastructureIndicators?.capacity).toBeNull();
    expect(other.budgetOfYear?.total).toMatchObject({ planned: 0, allocated: 0, disbursed: 0, executionRate: null });
    expect(other.budgetToDate?.bySource.map((row) => [row.source, row.envelope])).toEqual([
      ['SCIENCE_OPERATING', 2_000_000_000],
      ['ENTERPRISE_AND_OTHER', 500_000_000],
    ]);
  });

  it('refuses the scorecard to an anonymous caller (UNAUTHENTICATED) and gives a trainee no budget (FORBIDDEN)', async () => {
    const anonymous = await stack.execute({ query: SCORECARD_QUERY, variables: { plan: PLAN, year: YEAR, asOf: AS_OF } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data?.plan ?? null).toBeNull();
    const trainee = await stack.execute<ScorecardData>(
      { query: SCORECARD_QUERY, variables: { plan: PLAN, year: YEAR, asOf: AS_OF } },
      { role: 'trainee', subject: 'scorecard-trainee' },
    );
    expect(trainee.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
  });
});
