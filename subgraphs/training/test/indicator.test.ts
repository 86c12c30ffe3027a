import { todayInVietnam } from '@metrology/kit';
import { identityOf, StatementCounter, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { AttendanceStatus } from '../src/modules/attendance/attendance.entity';
import type { Trainee } from '../src/modules/trainee/trainee.entity';
import { addSessions, createCourse, createTrainee, enrol, mark } from './fixtures';
import { rosterAttending } from './indicator.fixtures';

const PLAN = '129/KH-UBND';
const ORG_A = '4900100001';
const ORG_B = '4900100002';
const viewer = identityOf('viewer');

const RESULT = 'indicator scope phase year windowStart windowEnd asOf target actual expected pace status forecast gap unit';
const SERIES = 'series { year actual runningTotal percentOfTarget }';

const INDICATOR = /* GraphQL */ `
  query($r: [_Any!]!, $asOf: LocalDate, $year: Int, $phase: Int) {
    _entities(representations: $r) {
      ... on Plan {
        code
        trainingIndicator(asOf: $asOf, year: $year, phase: $phase) {
          yearly { ${RESULT} ${SERIES} }
          phase { ${RESULT} ${SERIES} }
          participationsByYear { year actual runningTotal percentOfTarget }
        }
      }
    }
  }
`;

const ORGANIZATIONS = /* GraphQL */ `
  query($r: [_Any!]!, $asOf: LocalDate) {
    _entities(representations: $r) {
      ... on Organization {
        taxCode
        all: trainingParticipations(asOf: $asOf)
        in2025: trainingParticipations(asOf: $asOf, year: 2025)
        in2026: trainingParticipations(asOf: $asOf, year: 2026)
        traineeCount
      }
    }
  }
`;

interface IndicatorResult {
  year: number | null;
  actual: number;
  status: string;
  [field: string]: unknown;
}
interface IndicatorData {
  _entities: {
    code: string;
    trainingIndicator: {
      yearly: IndicatorResult;
      phase: IndicatorResult;
      participationsByYear: { year: number; actual: number; runningTotal: number; percentOfTarget: number | null }[];
    } | null;
  }[];
}

const plan = (code = PLAN) => ({ __typename: 'Plan', code });
const organization = (taxCode: string) => ({ __typename: 'Organization', taxCode });

describe('training subgraph: the TRAINING indicator and participations per organisation', () => {
  let subgraph: TestSubgraph;
  const counter = new StatementCounter();
  let employed: Trainee;
  let unemployed: Trainee;

  const indicator = async (variables: Record<string, unknown>) => {
    const result = await subgraph.execute<IndicatorData>({ query: INDICATOR, variables: { r: [plan()], ...variables } }, viewer);
    expect(result.errors).toBeUndefined();
    const value = result.data?._entities[0]?.trainingIndicator;
    if (!value) throw new Error('no training indicator');
    return value;
  };

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph, { onQuery: counter.onQuery });
    const em = subgraph.database.orm.em.fork();

    // A course from December 2025 to January 2026, a 2026 course with a session after the
    // as-of date, a course of another plan, and a 2027 course of 61.
    const winter = await createCourse(em, { startDate: '2025-12-01', endDate: '2026-01-20', planYear: 2025 });
    const [winterDecember, winterJanuary] = await addSessions(em, winter, ['2025-12-15', '2026-01-10']);
    const spring = await createCourse(em, { startDate: '2026-03-02', endDate: '2026-09-30', planYear: 2026 });
    const [springFirst, springSecond, springAugust] = await addSessions(em, spring, ['2026-03-02', '2026-03-03', '2026-08-20']);
    const otherPlan = await createCourse(em, { startDate: '2026-03-01', endDate: '2026-03-31', planCode: 'OTHER/KH' });
    const [otherPlanSession] = await addSessions(em, otherPlan, ['2026-03-02']);
    const big = await createCourse(em, { startDate: '2027-02-01', endDate: '2027-02-28', planYear: 2027 });
    const [bigSession] = await addSessions(em, big, ['2027-02-01']);

    // Organisation A: p1 attends two courses (counted twice, once in 2025 and once in 2026),
    // p2 first attends (late) in January 2026, p3 is absent only, p6 attends another plan's course.
    const p1 = await createTrainee(em, { fullName: 'Nguyễn Văn Hải', employerTaxCode: ORG_A });
    const p2 = await createTrainee(em, { fullName: 'Trần Thị Lan', employerTaxCode: ORG_A });
    const p3 = await createTrainee(em, { fullName: 'Lê Đức Bình', employerTaxCode: ORG_A });
    const p6 = await createTrainee(em, { fullName: 'Hoàng Minh Sơn', employerTaxCode: ORG_A });
    // Organisation B: p4 first attends in August 2026, p5 was excused only.
    const p4 = await createTrainee(em, { fullName: 'Phạm Thu Hằng', employerTaxCode: ORG_B });
    const p5 = await createTrainee(em, { fullName: 'Vũ Quốc Tuấn', employerTaxCode: ORG_B });
    employed = p1;
    unemployed = await createTrainee(em, { fullName: 'Đặng Ngọc Yến' });

    const p1Winter = await enrol(em, winter, p1);
    await mark(em, p1Winter, winterDecember, AttendanceStatus.PRESENT);
    await mark(em, p1Winter, winterJanuary, AttendanceStatus.ABSENT);
    const p2Winter = await enrol(em, winter, p2);
    await mark(em, p2Winter, winterDecember, AttendanceStatus.ABSENT);
    await mark(em, p2Winter, winterJanuary, AttendanceStatus.LATE);
    const p3Winter = await enrol(em, winter, p3);
    await mark(em, p3Winter, winterDecember, AttendanceStatus.ABSENT);
    await mark(em, p3Winter, winterJanuary, AttendanceStatus.ABSENT);
    const p1Spring = await enrol(em, spring, p1);
    await mark(em, p1Spring, springFirst, AttendanceStatus.PRESENT);
    const p4Spring = await enrol(em, spring, p4);
    await mark(em, p4Spring, springFirst, AttendanceStatus.ABSENT);
    await mark(em, p4Spring, springAugust, AttendanceStatus.PRESENT);
    const p5Spring = await enrol(em, spring, p5);
    await mark(em, p5Spring, springFirst, AttendanceStatus.EXCUSED);
    const p6Other = await enrol(em, otherPlan, p6);
    await mark(em, p6Other, otherPlanSession, AttendanceStatus.PRESENT);

    // 26 more in spring 2026: with p1 and p2, 28 participations in 2026 by 2 July.
    await rosterAttending(em, spring, springSecond, 26);
    await rosterAttending(em, big, bigSession, 61, AttendanceStatus.LATE);
  });
  afterAll(() => subgraph?.stop());
  beforeEach(() => counter.reset());

  describe('Plan.trainingIndicator', () => {
    it('on 2 July 2026 counts 28 participations in 2026: AT_RISK with expected 30.08, pace 0.9308, forecast 55.85', async () => {
      // Yearly: elapsed 183 of 365 days; expected = 60 × 183 / 365 = 30.082; pace = 28 / 30.082 = 0.93078;
      // forecast = 28 × 365 / 183 = 55.847. Phase 2: 1826 days; expected = 300 × 183 / 1826 = 30.066;
      // pace = 28 × 1826 / 54900 = 0.93129; forecast = 28 × 1826 / 183 = 279.388.
      const value = await indicator({ asOf: '2026-07-02' });
      expect(value.yearly).toEqual({
        indicator: 'TRAINING',
        scope: 'PER_YEAR',
        phase: 2,
        year: 2026,
        windowStart: '2026-01-01',
        windowEnd: '2026-12-31',
        asOf: '2026-07-02',
        target: 60,
        actual: 28,
        expected: 30.08,
        pace: 0.9308,
        status: 'AT_RISK',
        forecast: 55.85,
        gap: 32,
        unit: 'lượt người',
        series: [{ year: 2026, actual: 28, runningTotal: 28, percentOfTarget: 46.67 }],
      });
      expect(value.phase).toEqual({
        indicator: 'TRAINING',
        scope: 'PER_PHASE',
        phase: 2,
        year: null,
        windowStart: '2026-01-01',
        windowEnd: '2030-12-31',
        asOf: '2026-07-02',
        target: 300,
        actual: 28,
        expected: 30.07,
        pace: 0.9313,
        status: 'AT_RISK',
        forecast: 279.39,
        gap: 272,
        unit: 'lượt người',
        series: [{ year: 2026, actual: 28, runningTotal: 28, percentOfTarget: 9.33 }],
      });
    });

    it('gives participations per year over the plan, each against the yearly target of 60', async () => {
      const value = await indicator({ asOf: '2026-07-02' });
      const empty = [2019, 2020, 2021, 2022, 2023, 2024].map((year) => ({
        year,
        actual: 0,
        runningTotal: 0,
        percentOfTarget: 0,
      }));
      expect(value.participationsByYear).toEqual([
        ...empty,
        { year: 2025, actual: 1, runningTotal: 1, percentOfTarget: 1.67 },
        { year: 2026, actual: 28, runningTotal: 29, percentOfTarget: 46.67 },
      ]);
    });

    it('counts a first attended session in December 2025 of a course ending in January 2026 in 2025, which is MISSED', async () => {
      const value = await indicator({ asOf: '2026-07-02', year: 2025 });
      expect(value.yearly).toMatchObject({
        phase: 1,
        year: 2025,
        actual: 1,
        expected: 60,
        status: 'MISSED',
        forecast: 1,
        gap: 59,
      });
      expect(value.phase).toMatchObject({ phase: 2, actual: 28 });
    });

    it('leaves out sessions after the as-of date: the August 2026 first attendance counts by 31 December', async () => {
      // Last day of the window: not yet MISSED; pace = 29 / 60 = 0.4833 → OFF_TRACK.
      const value = await indicator({ asOf: '2026-12-31' });
      expect(value.yearly).toMatchObject({ actual: 29, expected: 60, pace: 0.4833, status: 'OFF_TRACK', forecast: 29, gap: 31 });
    });

    it('reports 61 of 60 in 2027 as ACHIEVED, with no gap', async () => {
      const value = await indicator({ asOf: '2027-06-30', year: 2027 });
      expect(value.yearly).toMatchObject({
        year: 2027,
        target: 60,
        actual: 61,
        status: 'ACHIEVED',
        gap: 0,
        series: [{ year: 2027, actual: 61, runningTotal: 61, percentOfTarget: 101.67 }],
      });
      expect(value.phase).toMatchObject({ phase: 2, actual: 90 });
    });

    it('evaluates an explicit phase: phase 1 ended with 1 of 300, MISSED', async () => {
      const value = await indicator({ asOf: '2026-07-02', phase: 1 });
      expect(value.phase).toMatchObject({
        phase: 1,
        windowStart: '2019-01-01',
        windowEnd: '2025-12-31',
        target: 300,
        actual: 1,
        status: 'MISSED',
        gap: 299,
      });
      expect(value.yearly).toMatchObject({ phase: 2, year: 2026 });
    });

    it('is NOT_STARTED for a future year, with nothing expected', async () => {
      const value = await indicator({ asOf: '2026-07-02', year: 2029 });
      expect(value.yearly).toMatchObject({
        year: 2029,
        actual: 0,
        expected: 0,
        pace: null,
        forecast: null,
        status: 'NOT_STARTED',
      });
    });

    it('evaluates at today in Vietnam when no as-of date is given', async () => {
      const value = await indicator({});
      expect(value.yearly.asOf).toBe(todayInVietnam());
      expect(value.phase.asOf).toBe(todayInVietnam());
    });

    it.each([
      ['year', { year: 2031 }],
      ['year', { year: 2018 }],
      ['phase', { phase: 3 }],
    ])('refuses a %s outside the plan with BAD_USER_INPUT', async (field, selection) => {
      const result = await subgraph.execute<IndicatorData>(
        { query: INDICATOR, variables: { r: [plan()], asOf: '2026-07-02', ...selection } },
        viewer,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toMatch(/kế hoạch/i);
      expect(result.data?._entities[0]?.trainingIndicator).toBeNull();
    });

    it('refuses an impossible as-of date before evaluating anything', async () => {
      const result = await subgraph.execute({ query: INDICATOR, variables: { r: [plan()], asOf: '2026-02-30' } }, viewer);
      expect(result.status).toBe(400);
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    });

    it('answers null for a plan without training targets', async () => {
      const result = await subgraph.execute<IndicatorData>(
        { query: INDICATOR, variables: { r: [plan('OTHER/KH')], asOf: '2026-07-02' } },
        viewer,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([{ code: 'OTHER/KH', trainingIndicator: null }]);
    });

    it.each(['viewer', 'trainee', 'finance', 'assessor', 'trainer', 'admin'] as const)('is readable by a %s', async (role) => {
      const result = await subgraph.execute<IndicatorData>(
        { query: INDICATOR, variables: { r: [plan()], asOf: '2026-07-02' } },
        identityOf(role),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities[0]?.trainingIndicator?.yearly.actual).toBe(28);
    });

    it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
      const result = await subgraph.execute({ query: INDICATOR, variables: { r: [plan()], asOf: '2026-07-02' } });
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('costs the same statements for 100 plans as for 3 (targets and participations batched)', async () => {
      const run = async (count: number) => {
        const representations = Array.from({ length: count }, (_, i) => plan(i === 0 ? PLAN : `${i}/KH-TEST`));
        counter.reset();
        const result = await subgraph.execute<IndicatorData>(
          { query: INDICATOR, variables: { r: representations, asOf: '2026-07-02' } },
          viewer,
        );
        expect(result.errors).toBeUndefined();
        expect(result.data?._entities).toHaveLength(count);
        expect(result.data?._entities[0]?.trainingIndicator?.yearly.actual).toBe(28);
        return counter.count;
      };
      const three = await run(3);
      const hundred = await run(100);
      expect(three).toBeGreaterThan(0);
      expect(hundred).toBe(three);
    });
  });

  describe('Organization (by taxCode)', () => {
    it('resolves organisations by tax code with their participations and trainees', async () => {
      const result = await subgraph.execute(
        {
          query: ORGANIZATIONS,
          variables: { r: [organization(ORG_A), organization(ORG_B), organization('0100000000')], asOf: '2026-07-02' },
        },
        viewer,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          // p1 twice (2025 and 2026), p2 in 2026, p6 in another plan's course in 2026; p3 was absent only.
          { taxCode: ORG_A, all: 4, in2025: 1, in2026: 3, traineeCount: 4 },
          // p4 first attends in August, after the as-of date; p5 was excused only.
          { taxCode: ORG_B, all: 0, in2025: 0, in2026: 0, traineeCount: 2 },
          { taxCode: '0100000000', all: 0, in2025: 0, in2026: 0, traineeCount: 0 },
        ],
      });
    });

    it('counts a later first attendance once the as-of date reaches it', async () => {
      const result = await subgraph.execute(
        { query: ORGANIZATIONS, variables: { r: [organization(ORG_B)], asOf: '2026-12-31' } },
        viewer,
      );
      expect(result.data).toEqual({ _entities: [{ taxCode: ORG_B, all: 1, in2025: 0, in2026: 1, traineeCount: 2 }] });
    });

    it('refuses an impossible year with BAD_USER_INPUT', async () => {
      const result = await subgraph.execute(
        {
          query:
            'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { trainingParticipations(year: 0) } } }',
          variables: { r: [organization(ORG_A)] },
        },
        viewer,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    });

    it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
      const result = await subgraph.execute({ query: ORGANIZATIONS, variables: { r: [organization(ORG_A)] } });
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('costs the same statements for 100 organisations as for 3', async () => {
      const run = async (count: number) => {
        const representations = Array.from({ length: count }, (_, i) =>
          organization(i === 0 ? ORG_A : `49${String(i).padStart(8, '0')}`),
        );
        counter.reset();
        const result = await subgraph.execute<{ _entities: { all: number }[] }>(
          { query: ORGANIZATIONS, variables: { r: representations, asOf: '2026-07-02' } },
          viewer,
        );
        expect(result.errors).toBeUndefined();
        expect(result.data?._entities).toHaveLength(count);
        expect(result.data?._entities[0]?.all).toBe(4);
        return counter.count;
      };
      const three = await run(3);
      const hundred = await run(100);
      expect(three).toBeGreaterThan(0);
      expect(hundred).toBe(three);
    });
  });

  describe('Trainee.employer', () => {
    const EMPLOYER = /* GraphQL */ `
      query($r: [_Any!]!) {
        _entities(representations: $r) { ... on Trainee { id employer { taxCode traineeCount } } }
      }
    `;

    it("links a trainee to the organisation of the employer's tax code, and none without one", async () => {
      const result = await subgraph.execute(
        {
          query: EMPLOYER,
          variables: {
            r: [
              { __typename: 'Trainee', id: employed.id },
              { __typename: 'Trainee', id: unemployed.id },
            ],
          },
        },
        identityOf('admin'),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          { id: employed.id, employer: { taxCode: ORG_A, traineeCount: 4 } },
          { id: unemployed.id, employer: null },
        ],
      });
    });
  });
});
