/**
 * Each subgraph caches the aggregates behind the scorecard and the annual report (kit
 * `RevisionCache`). Through the gateway: every write that changes one shows at once in the next
 * read, whoever makes it; reads in between are served from the cache (no aggregate statement).
 */
import type { StatementCounter } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Stack, startStack, statementCounters } from './harness';

const TRAINER: Caller = { role: 'trainer', subject: 'cache-trainer' };
const VIEWER: Caller = { role: 'viewer' };
const PLAN = '129/KH-UBND';
const YEAR = 2026;
const AS_OF = '2026-06-30';
const SESSION_DATES = ['2026-03-02', '2026-03-03'];

const { statements, subgraphOptions } = statementCounters();
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ subgraphOptions });
});
afterAll(() => stack?.stop());

async function ok<T>(query: string, variables: Record<string, unknown>, caller: Caller): Promise<T> {
  const result = await stack.execute<T>({ query, variables }, caller);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

/** Runs a read and tells whether `counter`'s subgraph ran a statement touching `table`. */
async function read<T>(
  counter: StatementCounter,
  table: string,
  run: () => Promise<T>,
): Promise<{ value: T; computed: boolean }> {
  counter.reset();
  const value = await run();
  return { value, computed: counter.statements.some((sql) => sql.includes(table)) };
}

describe('the cached participations behind the scorecard', () => {
  let sessions: { id: string; version: number }[] = [];
  let enrolmentIds: string[] = [];

  /** The yearly TRAINING actual, and whether the training subgraph counted participations for it. */
  async function yearlyActual(asOf = AS_OF): Promise<{ actual: number; counted: boolean }> {
    const { value, computed } = await read(statements.training, 'first_attended_on', () =>
      ok<{ plan: { trainingIndicator: { yearly: { actual: number } } } }>(
        `query($asOf: LocalDate!, $year: Int!) { plan(code: "${PLAN}") { trainingIndicator(asOf: $asOf, year: $year) { yearly { actual } } } }`,
        { asOf, year: YEAR },
        VIEWER,
      ),
    );
    return { actual: value.plan.trainingIndicator.yearly.actual, counted: computed };
  }

  async function recordSheet(sessionId: string, statuses: string[]) {
    await ok(
      `mutation($input: AttendanceSheetInput!) { recordAttendanceSheet(input: $input) { created } }`,
      { input: { sessionId, rows: enrolmentIds.map((enrolmentId, i) => ({ enrolmentId, status: statuses[i] })) } },
      TRAINER,
    );
  }

  beforeAll(async () => {
    const { createCourse } = await ok<{ createCourse: { id: string } }>(
      `mutation($input: CourseInput!) { createCourse(input: $input) { id } }`,
      {
        input: {
          code: 'CACHE-2026-01',
          title: 'Bồi dưỡng đo lường (kiểm tra bộ nhớ đệm)',
          kind: 'VERIFIER_TRAINING',
          field: 'MASS',
          venue: 'Lạng Sơn',
          startDate: SESSION_DATES[0],
          endDate: '2026-09-30',
          plannedHours: 8,
          capacity: 10,
          planCode: PLAN,
        },
      },
      TRAINER,
    );
    for (const date of SESSION_DATES) {
      const { addSession } = await ok<{ addSession: { id: string; version: number } }>(
        `mutation($courseId: ID!, $input: SessionInput!) { addSession(courseId: $courseId, input: $input) { id version } }`,
        { courseId: createCourse.id, input: { date, startTime: '08:00', endTime: '11:30', topic: 'Đo lường' } },
        TRAINER,
      );
      sessions = [...sessions, addSession];
    }
    for (const fullName of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Quốc Cường']) {
      const { registerTrainee } = await ok<{ registerTrainee: { trainee: { id: string } } }>(
        `mutation($input: TraineeInput!) { registerTrainee(input: $input) { trainee { id } } }`,
        { input: { fullName } },
        TRAINER,
      );
      const { enrol } = await ok<{ enrol: { id: string } }>(
        `mutation($courseId: ID!, $traineeId: ID!) { enrol(courseId: $courseId, traineeId: $traineeId, enrolledOn: "2026-03-02") { id } }`,
        { courseId: createCourse.id, traineeId: registerTrainee.trainee.id },
        TRAINER,
      );
      enrolmentIds = [...enrolmentIds, enrol.id];
    }
  });

  it('counts nothing before any attendance, then serves the same count from the cache', async () => {
    expect(await yearlyActual()).toEqual({ actual: 0, counted: true });
    expect(await yearlyActual()).toEqual({ actual: 0, counted: false });
  });

  it('shows a recorded sheet at the next read, then serves it from the cache for every as-of date', async () => {
    await recordSheet(sessions[0].id, ['PRESENT', 'LATE', 'PRESENT']);
    expect(await yearlyActual()).toEqual({ actual: 3, counted: true });
    expect(await yearlyActual()).toEqual({ actual: 3, counted: false });
    // Before the first session: nothing yet, from the same cached count.
    expect(await yearlyActual('2026-03-01')).toEqual({ actual: 0, counted: false });
  });

  it('shows a corrected mark at the next read', async () => {
    await ok(
      `mutation($enrolmentId: ID!, $sessionId: ID!) { correctAttendanceMark(enrolmentId: $enrolmentId, sessionId: $sessionId, status: ABSENT, note: "Ghi nhầm") { status } }`,
      { enrolmentId: enrolmentIds[0], sessionId: sessions[0].id },
      TRAINER,
    );
    expect(await yearlyActual()).toEqual({ actual: 2, counted: true });
  });

  it('shows a session moved past the as-of date at the next read', async () => {
    await recordSheet(sessions[1].id, ['PRESENT', 'ABSENT', 'ABSENT']);
    expect((await yearlyActual()).actual).toBe(3);
    await ok(
      `mutation($id: ID!, $version: Int!) { updateSession(id: $id, input: { date: "2026-08-03" }, version: $version) { date } }`,
      { id: sessions[0].id, version: sessions[0].version },
      TRAINER,
    );
    // Bình and Cường attended only the moved session, now after the as-of date; An the other one.
    expect(await yearlyActual()).toEqual({ actual: 1, counted: true });
    expect((await yearlyActual('2026-08-31')).actual).toBe(3);
  });

  it('shows a change made straight in the database (another instance, an import, a fix by hand) as soon as its revision is announced', async () => {
    expect((await yearlyActual()).actual).toBe(1);
    const em = stack.subgraphs.training.database.orm.em.fork();
    await em.execute('delete from attendance_mark where enrolment_id = ?', [enrolmentIds[0]]);
    // The gateway keeps its last answer until the new revision's notification reaches it (milliseconds).
    await expect.poll(() => yearlyActual()).toEqual({ actual: 0, counted: true });
  });

  it("keeps every enrolment's first attended date equal to a recount from its marks, through marks, corrections, moved sessions and deletions", async () => {
    const em = stack.subgraphs.training.database.orm.em.fork();
    const drift: unknown[] = await em.execute(
      `select e.id, e.first_attended_on, f.first_date
         from enrolment e
         left join (
           select m.enrolment_id, min(s.date) as first_date
             from attendance_mark m
             join enrolment x on x.id = m.enrolment_id
             join course_session s on s.id = m.session_id and s.course_id = x.course_id
            where m.status in ('PRESENT', 'LATE')
            group by m.enrolment_id
         ) f on f.enrolment_id = e.id
        where e.first_attended_on is distinct from f.first_date`,
    );
    expect(drift).toEqual([]);
    const [{ kept }]: { kept: number }[] = await em.execute(
      'select count(*)::int as kept from enrolment where first_attended_on is not null',
    );
    expect(kept).toBe(2);
  });
});

describe('the cached counts behind the infrastructure indicators (labs)', () => {
  const ASSESSOR: Caller = { role: 'assessor' };
  const OWNER = '4900700001';

  /** The STANDARDS actual of phase 2 and whether labs counted standards for it. */
  async function standards(asOf: string): Promise<{ actual: number; counted: boolean }> {
    const { value, computed } = await read(statements.labs, 'measurement_standard', () =>
      ok<{ plan: { infrastructureIndicators: { standards: { actual: number } } } }>(
        `query($asOf: LocalDate!) { plan(code: "${PLAN}") { infrastructureIndicators(asOf: $asOf, phase: 2) { standards { actual } } } }`,
        { asOf },
        VIEWER,
      ),
    );
    return { actual: value.plan.infrastructureIndicators.standards.actual, counted: computed };
  }

  async function supportStandard(kindCode: string, yearFirstSupported: number) {
    await ok(
      `mutation($input: RegisterStandardKindInput!) { registerStandardKind(input: $input) { code } }`,
      {
        input: { code: kindCode, name: `Loại chuẩn ${kindCode}` },
      },
      ASSESSOR,
    );
    await ok(
      `mutation($input: RegisterMeasurementStandardInput!) { registerMeasurementStandard(input: $input) { id } }`,
      {
        input: {
          kindCode,
          name: `Chuẩn ${kindCode}`,
          field: 'MASS',
          ownerTaxCode: OWNER,
          yearFirstSupported,
          serial: `${kindCode}-01`,
        },
      },
      ASSESSOR,
    );
  }

  beforeAll(async () => {
    await ok(
      `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { taxCode } }`,
      {
        input: {
          taxCode: OWNER,
          name: 'Trung tâm Kỹ thuật Đo lường Lạng Sơn',
          kind: 'SERVICE_PROVIDER',
          ownership: 'STATE',
          sector: 'OTHER',
        },
      },
      ASSESSOR,
    );
  });

  it('shows a newly supported kind of standard at the next read, then serves every as-of date from the cache', async () => {
    const before = await standards(AS_OF);
    expect(before.counted).toBe(true);
    expect(await standards(AS_OF)).toEqual({ actual: before.actual, counted: false });
    await supportStandard('CACHE-K1', YEAR);
    expect(await standards(AS_OF)).toEqual({ actual: before.actual + 1, counted: true });
    expect(await standards(AS_OF)).toEqual({ actual: before.actual + 1, counted: false });
    // Counted from 1 January of its year: not yet at the end of the year before.
    expect(await standards(`${YEAR - 1}-12-31`)).toMatchObject({ counted: false });
  });
});

describe('the cached budget summary (funding)', () => {
  const FINANCE: Caller = { role: 'finance' };

  async function contributions(): Promise<{ amount: number; summed: boolean }> {
    const { value, computed } = await read(statements.funding, 'from contribution', () =>
      ok<{ plan: { budgetSummary: { contributions: number } } }>(
        `query($asOf: LocalDate!, $year: Int!) { plan(code: "${PLAN}") { budgetSummary(asOf: $asOf, year: $year) { contributions } } }`,
        { asOf: AS_OF, year: YEAR },
        VIEWER,
      ),
    );
    return { amount: value.plan.budgetSummary.contributions, summed: computed };
  }

  it('shows a recorded contribution at the next read, and serves repeated reads from the cache', async () => {
    const before = await contributions();
    expect(before.summed).toBe(true);
    expect(await contributions()).toEqual({ amount: before.amount, summed: false });
    await ok(
      `mutation($input: RecordContributionInput!) { recordContribution(input: $input) { id } }`,
      {
        input: {
          planCode: PLAN,
          contributorTaxCode: '4900654321',
          date: '2026-05-05',
          amount: '250000000',
          purpose: 'Đối ứng kinh phí (kiểm tra bộ nhớ đệm)',
        },
      },
      FINANCE,
    );
    expect(await contributions()).toEqual({ amount: before.amount + 250_000_000, summed: true });
    expect(await contributions()).toEqual({ amount: before.amount + 250_000_000, summed: false });
  });

  it('shows a change made straight in the database (another instance, an import) as soon as its revision is announced', async () => {
    const before = await contributions();
    const em = stack.subgraphs.funding.database.orm.em.fork();
    await em.execute(
      `insert into contribution (plan_id, contributor_tax_code, date, amount, purpose)
       select id, '4900654321', '2026-05-06', 1000000, 'Nhập trực tiếp' from plan where code = ?`,
      [PLAN],
    );
    // The gateway keeps the last answer until the notification of the new revision reaches it
    // (milliseconds); the first read that reaches funding after that sums again.
    await expect.poll(contributions).toEqual({ amount: before.amount + 1_000_000, summed: true });
  });
});
