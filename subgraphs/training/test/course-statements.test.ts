import { identityOf, StatementCounter, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { addSessions, createCourse, createTrainee, enrol } from './fixtures';

const COURSES = /* GraphQL */ `
  query($year: Int!) {
    courses(year: $year, limit: 100) {
      total
      items {
        code minAttendanceRate enrolmentCount
        trainers { subject name }
        sessions { date startTime topic }
        enrolments { status trainee { fullName citizenId email } }
      }
    }
  }
`;

describe('training subgraph: statements per course listing', () => {
  const counter = new StatementCounter();
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph, { onQuery: counter.onQuery });
    const em = subgraph.database.orm.em.fork();
    for (const [year, count] of [
      [2040, 5],
      [2041, 30],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const start = `${year}-03-${String((i % 28) + 1).padStart(2, '0')}`;
        const course = await createCourse(em, {
          planYear: year,
          startDate: start,
          endDate: `${year}-04-30`,
          trainers: [
            { subject: 'test-trainer', name: 'Test trainer' },
            { subject: `trainer-${year}-${i}`, name: `Giảng viên ${i}` },
          ],
        });
        await addSessions(em, course, [start, `${year}-04-0${(i % 9) + 1}`]);
        const trainee = await createTrainee(em, {
          fullName: `Nguyễn Văn ${year}-${i}`,
          citizenId: `0${year}${String(i).padStart(7, '0')}`,
        });
        await enrol(em, course, trainee);
      }
    }
  });
  afterAll(() => subgraph?.stop());

  async function statementsFor(year: number, expected: number): Promise<number> {
    counter.reset();
    const result = await subgraph.execute<{
      courses: {
        total: number;
        items: { trainers: unknown[]; sessions: unknown[]; enrolments: { trainee: { citizenId: string } }[] }[];
      };
    }>({ query: COURSES, variables: { year } }, identityOf('trainer'));
    expect(result.errors).toBeUndefined();
    const items = result.data?.courses.items ?? [];
    expect(items).toHaveLength(expected);
    for (const item of items) {
      expect(item).toMatchObject({ enrolmentCount: 1, trainers: [{}, {}], sessions: [{}, {}] });
      expect(item.enrolments[0]?.trainee.citizenId).toMatch(/^\*{8}\d{4}$/);
    }
    return counter.count;
  }

  it('lists 5 and 30 courses with trainers, sessions, enrolment counts and rosters in the same number of SQL statements', async () => {
    const five = await statementsFor(2040, 5);
    const thirty = await statementsFor(2041, 30);
    expect(thirty).toBe(five);
    // Page, total, enrolment counts, trainers, sessions, the caller's courses, rosters, trainees, their enrolments.
    expect(five).toBe(9);
  });
});
