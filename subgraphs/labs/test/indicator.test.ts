import { todayInVietnam } from '@metrology/kit';
import { identityOf, StatementCounter, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';
import { EngagementStatus } from '../src/modules/engagement/engagement.entity';
import { Ownership } from '../src/modules/organization/organization.entity';
import { RecognitionStatus } from '../src/modules/recognition/recognition.entity';
import { capacityProject, engagement, laboratory, organization, recognition, standard, standardKind } from './indicator.fixtures';

const PLAN = '129/KH-UBND';
const viewer = identityOf('viewer');

const RESULT = 'indicator scope phase year windowStart windowEnd asOf target actual expected pace status forecast gap unit';
const SERIES = 'series { year actual runningTotal percentOfTarget }';

const INDICATORS = /* GraphQL */ `
  query($r: [_Any!]!, $asOf: LocalDate, $phase: Int) {
    _entities(representations: $r) {
      ... on Plan {
        code
        infrastructureIndicators(asOf: $asOf, phase: $phase) {
          phase
          asOf
          standards { ${RESULT} ${SERIES} }
          assurance { ${RESULT} ${SERIES} }
          laboratories { ${RESULT} ${SERIES} }
          capacity { ${RESULT} ${SERIES} }
          mapByOwnership { ownership completed }
        }
      }
    }
  }
`;

interface Result {
  actual: number;
  status: string;
  series: { year: number; actual: number; runningTotal: number; percentOfTarget: number | null }[];
  [field: string]: unknown;
}
interface Indicators {
  phase: number;
  asOf: string;
  standards: Result | null;
  assurance: Result | null;
  laboratories: Result | null;
  capacity: Result | null;
  mapByOwnership: { ownership: string; completed: number }[];
}
interface IndicatorsData {
  _entities: { code: string; infrastructureIndicators: Indicators | null }[];
}

const plan = (code = PLAN) => ({ __typename: 'Plan', code });

/** A series from 2019 whose listed years have the given actuals (others 0), against `target`. */
function flowSeries(lastYear: number, actuals: Record<number, number>, target: number) {
  let runningTotal = 0;
  const series = [];
  for (let year = 2019; year <= lastYear; year++) {
    const actual = actuals[year] ?? 0;
    runningTotal += actual;
    series.push({ year, actual, runningTotal, percentOfTarget: Math.round((runningTotal * 10000) / target) / 100 });
  }
  return series;
}

/**
 * The register behind every expectation (plan 129/KH-UBND; windows from 2019-01-01):
 * - STANDARDS: kind K0 first supported 2018 (before the plan), K1 in 2020 and again in 2023
 *   (counted once, in 2020), K2 2024, K3 2025, K4, K5 and K6 2026.
 * - MAP: completed 2018-10-01 (before the plan), 2023-05-10 (state), 2024-09-01 and 2025-03-15
 *   (private), 2025-06-30 (foreign-invested), 2025-08-01 (private); one cancelled, one in progress.
 * - LABS: A recognised 2022-01-01..2024-12-31 (expired after); B 2024-06-01..2027-05-31,
 *   suspended from 2025-03-01, reinstated from 2026-01-15; C two overlapping recognitions from
 *   2025-05-01 and 2025-06-01 (one laboratory); D 2023-01-01..2025-12-31, withdrawn 2023-06-01.
 * - CAPACITY: organisation X completed projects on 2024-11-20 and 2025-02-01 (counted once, in
 *   2024), Y has an unfinished project, Z completed one on 2025-09-01.
 */
describe('labs subgraph: the STANDARDS, MAP, LABS and CAPACITY indicators', () => {
  let subgraph: TestSubgraph;
  const counter = new StatementCounter();

  const indicators = async (variables: Record<string, unknown>): Promise<Indicators> => {
    const result = await subgraph.execute<IndicatorsData>(
      { query: INDICATORS, variables: { r: [plan()], ...variables } },
      viewer,
    );
    expect(result.errors).toBeUndefined();
    const value = result.data?._entities[0]?.infrastructureIndicators;
    if (!value) throw new Error('no infrastructure indicators');
    return value;
  };

  beforeAll(async () => {
    subgraph = await startTestSubgraph(labsSubgraph, { onQuery: counter.onQuery });
    const em = subgraph.database.orm.em.fork();

    const provider = organization(em, '4900200001', Ownership.STATE);
    const stateEnterprise = organization(em, '4900200002', Ownership.STATE);
    const privateEnterprise = organization(em, '4900200003', Ownership.PRIVATE);
    const foreignEnterprise = organization(em, '4900200004', Ownership.FOREIGN_INVESTED);

    const [k0, k1, k2, k3, k4, k5, k6] = ['K0', 'K1', 'K2', 'K3', 'K4', 'K5', 'K6'].map((code) => standardKind(em, code));
    standard(em, k0, provider, 2018);
    standard(em, k1, provider, 2020);
    standard(em, k1, privateEnterprise, 2023);
    standard(em, k2, provider, 2024);
    standard(em, k3, provider, 2025);
    standard(em, k4, provider, 2026);
    standard(em, k5, privateEnterprise, 2026);
    standard(em, k6, privateEnterprise, 2026);

    const [labA, labB, labC, labD] = ['PTN-A', 'PTN-B', 'PTN-C', 'PTN-D'].map((code) => laboratory(em, provider, code));
    engagement(em, stateEnterprise, labA, EngagementStatus.COMPLETED, '2018-10-01');
    engagement(em, stateEnterprise, labA, EngagementStatus.COMPLETED, '2023-05-10');
    engagement(em, privateEnterprise, labA, EngagementStatus.COMPLETED, '2024-09-01');
    engagement(em, privateEnterprise, labB, EngagementStatus.COMPLETED, '2025-03-15');
    engagement(em, foreignEnterprise, labB, EngagementStatus.COMPLETED, '2025-06-30');
    engagement(em, privateEnterprise, labA, EngagementStatus.COMPLETED, '2025-08-01');
    engagement(em, foreignEnterprise, labA, EngagementStatus.CANCELLED, '2025-02-01');
    engagement(em, stateEnterprise, labA, EngagementStatus.IN_PROGRESS, '2025-04-01');

    capacityProject(em, provider, 2024, '2024-11-20');
    capacityProject(em, provider, 2025, '2025-02-01');
    capacityProject(em, privateEnterprise, 2025, null);
    capacityProject(em, foreignEnterprise, 2025, '2025-09-01');
    await em.flush();

    await recognition(em, labA, '2022-01-01', '2024-12-31');
    await recognition(em, labB, '2024-06-01', '2027-05-31', [
      [RecognitionStatus.SUSPENDED, '2025-03-01'],
      [RecognitionStatus.ACTIVE, '2026-01-15'],
    ]);
    await recognition(em, labC, '2025-05-01', '2028-04-30');
    await recognition(em, labC, '2025-06-01', '2028-05-31');
    await recognition(em, labD, '2023-01-01', '2025-12-31', [[RecognitionStatus.WITHDRAWN, '2023-06-01']]);
  });
  afterAll(() => subgraph?.stop());
  beforeEach(() => counter.reset());

  describe('phase 1 (targets 5 / 10 / 1 / 1) on 1 July 2025', () => {
    // Window 2019-01-01..2025-12-31: 2557 days, 2374 elapsed by 1 July 2025.
    it('STANDARDS: 3 kinds of 5 (K1 once, in 2020; K0 before the plan; 2026 kinds not yet), AT_RISK', async () => {
      // expected = 5 × 2374 / 2557 = 4.642; pace = 3 / 4.642 = 0.6463; forecast = 3 × 2557 / 2374 = 3.231.
      const value = await indicators({ asOf: '2025-07-01', phase: 1 });
      expect(value).toMatchObject({ phase: 1, asOf: '2025-07-01' });
      expect(value.standards).toEqual({
        indicator: 'STANDARDS',
        scope: 'CUMULATIVE',
        phase: 1,
        year: null,
        windowStart: '2019-01-01',
        windowEnd: '2025-12-31',
        asOf: '2025-07-01',
        target: 5,
        actual: 3,
        expected: 4.64,
        pace: 0.6463,
        status: 'AT_RISK',
        forecast: 3.23,
        gap: 2,
        unit: 'loại',
        series: flowSeries(2025, { 2020: 1, 2024: 1, 2025: 1 }, 5),
      });
    });

    it('MAP: 4 completed engagements of 10 (not the cancelled, the one in progress, the one before the plan or after the date), OFF_TRACK', async () => {
      // expected = 10 × 2374 / 2557 = 9.284; pace = 4 / 9.284 = 0.4308; forecast = 4 × 2557 / 2374 = 4.308.
      const value = await indicators({ asOf: '2025-07-01' });
      expect(value.assurance).toMatchObject({
        indicator: 'MAP',
        target: 10,
        actual: 4,
        expected: 9.28,
        pace: 0.4308,
        status: 'OFF_TRACK',
        forecast: 4.31,
        gap: 6,
        unit: 'lượt doanh nghiệp',
      });
      expect(value.assurance?.series).toEqual(flowSeries(2025, { 2023: 1, 2024: 1, 2025: 2 }, 10));
    });

    it('splits the counted MAP engagements by ownership of the enterprise', async () => {
      const value = await indicators({ asOf: '2025-07-01' });
      expect(value.mapByOwnership).toEqual([
        { ownership: 'STATE', completed: 1 },
        { ownership: 'PRIVATE', completed: 2 },
        { ownership: 'FOREIGN_INVESTED', completed: 1 },
        { ownership: 'COLLECTIVE', completed: 0 },
      ]);
    });

    it('LABS: 1 of 1 held (C once for two recognitions; A past its date, B suspended, D withdrawn), ACHIEVED', async () => {
      const value = await indicators({ asOf: '2025-07-01' });
      expect(value.laboratories).toMatchObject({
        indicator: 'LABS',
        scope: 'HELD',
        windowStart: '2019-01-01',
        windowEnd: '2025-12-31',
        target: 1,
        actual: 1,
        expected: 0.93,
        pace: 1.0771,
        status: 'ACHIEVED',
        forecast: 1.08,
        gap: 0,
        unit: 'phòng thí nghiệm',
      });
      // Held at each year end (2025: at the as-of date): A from 2022, B from mid-2024, C in 2025.
      expect(value.laboratories?.series).toEqual(
        [0, 0, 0, 1, 1, 2, 1].map((held, index) => ({
          year: 2019 + index,
          actual: held,
          runningTotal: held,
          percentOfTarget: held * 100,
        })),
      );
    });

    it('LABS: a laboratory whose recognition is suspended, expired, withdrawn or not yet valid is not held', async () => {
      // 30 April 2025: A expired, B suspended since 1 March, C not yet valid, D withdrawn.
      const value = await indicators({ asOf: '2025-04-30' });
      expect(value.laboratories).toMatchObject({ actual: 0, status: 'OFF_TRACK', gap: 1 });
      // 31 December 2024: A on its last day and B.
      expect((await indicators({ asOf: '2024-12-31' })).laboratories?.actual).toBe(2);
      // 15 March 2023: A, and D before its withdrawal.
      expect((await indicators({ asOf: '2023-03-15' })).laboratories?.actual).toBe(2);
    });

    it('CAPACITY: 1 organisation of 1 (X once for two projects; Y unfinished; Z after the date), ACHIEVED', async () => {
      const value = await indicators({ asOf: '2025-07-01' });
      expect(value.capacity).toMatchObject({
        indicator: 'CAPACITY',
        scope: 'CUMULATIVE',
        target: 1,
        actual: 1,
        status: 'ACHIEVED',
        gap: 0,
        unit: 'tổ chức',
      });
      expect(value.capacity?.series).toEqual(flowSeries(2025, { 2024: 1 }, 1));
    });
  });

  describe('phase 2 (targets 10 / 20 / 2, no CAPACITY) on 1 July 2026', () => {
    // Window 2019-01-01..2030-12-31: 4383 days, 2739 elapsed by 1 July 2026.
    it('STANDARDS: 6 kinds of 10 (K1 to K6), ON_TRACK', async () => {
      // expected = 10 × 2739 / 4383 = 6.249; pace = 6 / 6.249 = 0.9601; forecast = 6 × 4383 / 2739 = 9.601.
      const value = await indicators({ asOf: '2026-07-01' });
      expect(value.phase).toBe(2);
      expect(value.standards).toMatchObject({
        phase: 2,
        windowStart: '2019-01-01',
        windowEnd: '2030-12-31',
        target: 10,
        actual: 6,
        expected: 6.25,
        pace: 0.9601,
        status: 'ON_TRACK',
        forecast: 9.6,
        gap: 4,
      });
      expect(value.standards?.series.slice(-2)).toEqual([
        { year: 2025, actual: 1, runningTotal: 3, percentOfTarget: 30 },
        { year: 2026, actual: 3, runningTotal: 6, percentOfTarget: 60 },
      ]);
    });

    it('MAP: 5 of 20, OFF_TRACK; the split counts the August 2025 engagement', async () => {
      // expected = 20 × 2739 / 4383 = 12.498; pace = 5 / 12.498 = 0.4001; forecast = 5 × 4383 / 2739 = 8.001.
      const value = await indicators({ asOf: '2026-07-01' });
      expect(value.assurance).toMatchObject({
        target: 20,
        actual: 5,
        expected: 12.5,
        pace: 0.4001,
        status: 'OFF_TRACK',
        forecast: 8,
        gap: 15,
      });
      expect(value.mapByOwnership).toEqual([
        { ownership: 'STATE', completed: 1 },
        { ownership: 'PRIVATE', completed: 3 },
        { ownership: 'FOREIGN_INVESTED', completed: 1 },
        { ownership: 'COLLECTIVE', completed: 0 },
      ]);
    });

    it('LABS: 2 of 2 held (B reinstated, C), ACHIEVED', async () => {
      const value = await indicators({ asOf: '2026-07-01' });
      expect(value.laboratories).toMatchObject({ target: 2, actual: 2, status: 'ACHIEVED', gap: 0 });
      expect(value.laboratories?.series.at(-1)).toEqual({ year: 2026, actual: 2, runningTotal: 2, percentOfTarget: 100 });
    });

    it('CAPACITY is null: the phase sets no such target', async () => {
      const value = await indicators({ asOf: '2026-07-01' });
      expect(value.capacity).toBeNull();
    });
  });

  describe('other dates and phases', () => {
    it('evaluates phase 1 after its end: counts through 31 December 2025, STANDARDS and MAP MISSED', async () => {
      const value = await indicators({ asOf: '2026-07-01', phase: 1 });
      expect(value.phase).toBe(1);
      expect(value.standards).toMatchObject({ actual: 3, expected: 5, pace: 0.6, status: 'MISSED', forecast: 3, gap: 2 });
      expect(value.assurance).toMatchObject({ actual: 5, expected: 10, pace: 0.5, status: 'MISSED', gap: 5 });
      // Held on 31 December 2025: C only (B suspended until 15 January 2026).
      expect(value.laboratories).toMatchObject({ actual: 1, status: 'ACHIEVED' });
      expect(value.capacity).toMatchObject({ actual: 2, status: 'ACHIEVED' });
      expect(value.mapByOwnership.map((row) => row.completed)).toEqual([1, 3, 1, 0]);
    });

    it('is NOT_STARTED before the plan, counting nothing from 2018', async () => {
      const value = await indicators({ asOf: '2018-12-31' });
      expect(value.phase).toBe(1);
      expect(value.standards).toMatchObject({ actual: 0, expected: 0, pace: null, forecast: null, status: 'NOT_STARTED' });
      expect(value.assurance).toMatchObject({ actual: 0, status: 'NOT_STARTED', series: [] });
      expect(value.mapByOwnership.every((row) => row.completed === 0)).toBe(true);
    });

    it('evaluates at today in Vietnam when no as-of date is given', async () => {
      const value = await indicators({});
      expect(value.asOf).toBe(todayInVietnam());
      expect(value.standards?.asOf).toBe(todayInVietnam());
    });

    it('refuses a phase the plan does not have with BAD_USER_INPUT', async () => {
      const result = await subgraph.execute<IndicatorsData>(
        { query: INDICATORS, variables: { r: [plan()], asOf: '2025-07-01', phase: 3 } },
        viewer,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phase' });
      expect(result.errors?.[0]?.message).toMatch(/giai đoạn/);
      expect(result.data?._entities[0]?.infrastructureIndicators).toBeNull();
    });

    it('answers null for a plan without infrastructure targets', async () => {
      const result = await subgraph.execute<IndicatorsData>(
        { query: INDICATORS, variables: { r: [plan('OTHER/KH')], asOf: '2025-07-01' } },
        viewer,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([{ code: 'OTHER/KH', infrastructureIndicators: null }]);
    });
  });

  describe('access and cost', () => {
    it.each(['viewer', 'trainee', 'trainer', 'finance', 'assessor', 'admin'] as const)('is readable by a %s', async (role) => {
      const result = await subgraph.execute<IndicatorsData>(
        { query: INDICATORS, variables: { r: [plan()], asOf: '2025-07-01' } },
        identityOf(role),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities[0]?.infrastructureIndicators?.laboratories?.actual).toBe(1);
    });

    it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
      const result = await subgraph.execute({ query: INDICATORS, variables: { r: [plan()], asOf: '2025-07-01' } });
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('costs the same statements for 100 plans as for 3: the targets and one read of the data revision (the counts come from their caches)', async () => {
      const run = async (count: number) => {
        const representations = Array.from({ length: count }, (_, i) => plan(i === 0 ? PLAN : `${i}/KH-TEST`));
        counter.reset();
        const result = await subgraph.execute<IndicatorsData>(
          { query: INDICATORS, variables: { r: representations, asOf: '2025-07-01' } },
          viewer,
        );
        expect(result.errors).toBeUndefined();
        expect(result.data?._entities).toHaveLength(count);
        expect(result.data?._entities[0]?.infrastructureIndicators?.assurance?.actual).toBe(4);
        return counter.count;
      };
      const three = await run(3);
      const hundred = await run(100);
      expect(three).toBe(2);
      expect(hundred).toBe(three);
    });

    it('batches several as-of dates in one query into the same statements', async () => {
      counter.reset();
      const result = await subgraph.execute<Record<string, { infrastructureIndicators: Indicators }[]>>(
        {
          query: /* GraphQL */ `
            query($r: [_Any!]!) {
              a: _entities(representations: $r) { ... on Plan { infrastructureIndicators(asOf: "2025-07-01") { assurance { actual } } } }
              b: _entities(representations: $r) { ... on Plan { infrastructureIndicators(asOf: "2026-07-01") { assurance { actual } } } }
            }
          `,
          variables: { r: [plan()] },
        },
        viewer,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.a[0].infrastructureIndicators.assurance?.actual).toBe(4);
      expect(result.data?.b[0].infrastructureIndicators.assurance?.actual).toBe(5);
      // As for one date: the targets and one read of the data revision.
      expect(counter.count).toBe(2);
    });
  });
});
