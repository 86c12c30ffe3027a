import { addDays } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { Enrolment, EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import {
  CORRECT_MARK,
  classroom,
  errorOf,
  IMPORT_CSV,
  RECORD_SHEET,
  SUMMARY_FIELDS,
  storedChanges,
  storedMarks,
  TRAINER,
} from './attendance.fixtures';
import { createTrainee, enrol, today } from './fixtures';

/**
 * One rule for attendance and the enrolment date (docs/ARCHITECTURE.md): no mark on a session
 * held before the trainee enrolled, by any write path; and no count takes such a mark, however it
 * was written.
 */

const trainer = identityOf('trainer', TRAINER);
const LATE_NAME = 'Vũ Văn Em';
/** Each class's late trainee works for an organisation of its own, so that its count is the class's alone. */
let employers = 0;
const nextEmployer = () => `49001999${String(++employers).padStart(2, '0')}`;

const SHEET = /* GraphQL */ `
  query($sessionId: ID!) { sessionSheet(sessionId: $sessionId) { rows { trainee { fullName } } } }
`;
const UPDATE_SESSION = /* GraphQL */ `
  mutation($id: ID!, $version: Int!, $input: SessionUpdateInput!) { updateSession(id: $id, version: $version, input: $input) { id date } }
`;
const ENROL = /* GraphQL */ `
  mutation($courseId: ID!, $traineeId: ID!, $enrolledOn: LocalDate) {
    enrol(courseId: $courseId, traineeId: $traineeId, enrolledOn: $enrolledOn) { id enrolledOn status }
  }
`;
const FIGURES = /* GraphQL */ `
  query($id: ID!, $r: [_Any!]!, $asOf: LocalDate) {
    enrolmentAttendance(enrolmentId: $id) { attendance { ${SUMMARY_FIELDS} } sessions { session { id } counts } }
    _entities(representations: $r) {
      ... on Organization { trainingParticipations(asOf: $asOf) }
      ... on Plan { trainingIndicator(asOf: $asOf) { participationsByYear { actual } } }
    }
  }
`;

interface Figures {
  enrolmentAttendance: { attendance: Record<string, number | null>; sessions: { session: { id: string }; counts: boolean }[] };
  _entities: [{ trainingParticipations: number }, { trainingIndicator: { participationsByYear: { actual: number }[] } }];
}

describe('attendance before the enrolment date', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();

  /** A class with sessions 9, 7 and 5 days ago and 3 days ahead, and one trainee enrolled 6 days ago. */
  async function lateClass() {
    const fork = em();
    const room = await classroom(fork, { names: ['Nguyễn Văn An'], sessionDays: [-9, -7, -5, 3] });
    const employer = nextEmployer();
    const trainee = await createTrainee(fork, { fullName: LATE_NAME, employerTaxCode: employer });
    const late = await enrol(fork, room.course, trainee, { enrolledOn: addDays(today(), -6) });
    return { ...room, late, trainee, employer };
  }

  /** A mark written by SQL, past every rule of the application. */
  async function sqlMark(enrolmentId: string, sessionId: string, status: string) {
    await em().execute(
      `insert into attendance_mark (enrolment_id, session_id, status, recorded_by, recorded_at, version)
       values (?, ?, ?, 'sql', now(), 1)`,
      [enrolmentId, sessionId, status],
    );
  }

  async function figures(enrolmentId: string, employer: string): Promise<Figures> {
    const result = await subgraph.execute<Figures>(
      {
        query: FIGURES,
        variables: {
          id: enrolmentId,
          asOf: today(),
          r: [
            { __typename: 'Organization', taxCode: employer },
            { __typename: 'Plan', code: '129/KH-UBND' },
          ],
        },
      },
      identityOf('admin'),
    );
    expect(result.errors).toBeUndefined();
    if (!result.data) throw new Error('no data');
    return result.data;
  }

  const planParticipations = (data: Figures) =>
    data._entities[1].trainingIndicator.participationsByYear.reduce((sum, year) => sum + year.actual, 0);

  const firstAttendedOn = async (enrolmentId: string) =>
    (await em().findOneOrFail(Enrolment, { id: enrolmentId }, { refresh: true })).firstAttendedOn ?? null;

  it('refuses a sheet marking a trainee on a session before their enrolment date, naming the trainee and the session; nothing is written', async () => {
    const { sessions, enrolments, late } = await lateClass();

    const result = await subgraph.execute(
      {
        query: RECORD_SHEET,
        variables: {
          input: {
            sessionId: sessions[1].id,
            rows: [
              { enrolmentId: enrolments[0].id, status: 'PRESENT' },
              { enrolmentId: late.id, status: 'PRESENT' },
            ],
          },
        },
      },
      trainer,
    );

    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows', sessionId: sessions[1].id });
    expect(errorOf(result)?.rows).toEqual([
      expect.objectContaining({
        row: 2,
        enrolmentId: late.id,
        name: LATE_NAME,
        field: 'enrolmentId',
        reasonEn: `${LATE_NAME} enrolled on ${late.enrolledOn}, after the session of ${sessions[1].date}: no mark on a session held before the enrolment date`,
      }),
    ]);
    expect(result.errors?.[0]?.message).toContain(LATE_NAME);
    expect((await storedMarks(subgraph, sessions[1])).size).toBe(0);
    expect(await storedChanges(subgraph, sessions[1])).toHaveLength(0);
  });

  it('refuses a correction and an EXCUSED mark before the enrolment date, and accepts the first session after it', async () => {
    const { sessions, late } = await lateClass();
    const correct = (sessionId: string, status: string) =>
      subgraph.execute({ query: CORRECT_MARK, variables: { sessionId, enrolmentId: late.id, status } }, trainer);

    const present = await correct(sessions[0].id, 'PRESENT');
    const excused = await correct(sessions[1].id, 'EXCUSED');
    const after = await correct(sessions[2].id, 'PRESENT');

    for (const refused of [present, excused]) {
      expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enrolmentId', enrolmentId: late.id });
      expect(errorOf(refused)?.messageEn).toMatch(
        new RegExp(`^${LATE_NAME} enrolled on ${late.enrolledOn}, after the session of `),
      );
    }
    expect(errorOf(present)?.sessionId).toBe(sessions[0].id);
    expect(after.errors).toBeUndefined();
    expect((await storedMarks(subgraph, sessions[0])).size).toBe(0);
    expect((await storedMarks(subgraph, sessions[1])).size).toBe(0);
    expect((await storedMarks(subgraph, sessions[2])).get(late.id)?.status).toBe('PRESENT');
  });

  it('refuses the row of a CSV import before the enrolment date: the whole file by default, only that row with VALID_ROWS_ONLY', async () => {
    const { sessions, enrolments, late } = await lateClass();
    const csv = `Họ và tên,Trạng thái\nNguyễn Văn An,Có mặt\n${LATE_NAME},Có mặt\n`;
    const run = (mode: string) =>
      subgraph.execute<{ importAttendanceCsv: { imported: number; rejected: { row: number; enrolmentId: string }[] } }>(
        { query: IMPORT_CSV, variables: { sessionId: sessions[0].id, csv, mode } },
        trainer,
      );

    const whole = await run('ALL_OR_NOTHING');
    const nothingWritten = (await storedMarks(subgraph, sessions[0])).size;
    const valid = await run('VALID_ROWS_ONLY');

    expect(errorOf(whole)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv', sessionId: sessions[0].id });
    expect(errorOf(whole)?.rows).toEqual([expect.objectContaining({ row: 3, enrolmentId: late.id, name: LATE_NAME })]);
    expect(nothingWritten).toBe(0);
    expect(valid.data?.importAttendanceCsv).toMatchObject({
      imported: 1,
      rejected: [expect.objectContaining({ row: 3, enrolmentId: late.id })],
    });
    expect([...(await storedMarks(subgraph, sessions[0])).keys()]).toEqual([enrolments[0].id]);
  });

  it("lists a trainee on the sheets of sessions from their enrolment date on, not before (so 'everyone present' can be sent)", async () => {
    const { sessions } = await lateClass();
    const names = async (sessionId: string) => {
      const result = await subgraph.execute<{ sessionSheet: { rows: { trainee: { fullName: string } }[] } }>(
        { query: SHEET, variables: { sessionId } },
        trainer,
      );
      return result.data?.sessionSheet.rows.map((row) => row.trainee.fullName);
    };

    expect(await names(sessions[1].id)).toEqual(['Nguyễn Văn An']);
    expect(await names(sessions[2].id)).toEqual(['Nguyễn Văn An', LATE_NAME]);
  });

  it("refuses with CONFLICT to move a session before a marked trainee's enrolment date; a move that stays on or after it is accepted", async () => {
    const { sessions, late } = await lateClass();
    await sqlMark(late.id, sessions[2].id, 'PRESENT');
    const move = (date: string, version: number) =>
      subgraph.execute<{ updateSession: { date: string } }>(
        { query: UPDATE_SESSION, variables: { id: sessions[2].id, version, input: { date } } },
        trainer,
      );

    const refused = await move(addDays(today(), -8), sessions[2].version);
    const stored = await em().findOneOrFail(Enrolment, { id: late.id });
    const accepted = await move(late.enrolledOn, sessions[2].version);

    expect(errorOf(refused)).toMatchObject({
      code: 'CONFLICT',
      reason: 'MARKS_BEFORE_ENROLMENT',
      sessionId: sessions[2].id,
      trainees: [{ enrolmentId: late.id, name: LATE_NAME, enrolledOn: late.enrolledOn }],
    });
    expect(stored.firstAttendedOn).toBe(sessions[2].date);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.updateSession.date).toBe(late.enrolledOn);
    expect(await firstAttendedOn(late.id)).toBe(late.enrolledOn);
  });

  it('re-enrols a withdrawn trainee from no later than their first marked session: a later date given is CONFLICT, the default stops there', async () => {
    const { course, sessions, late, trainee } = await lateClass();
    await sqlMark(late.id, sessions[2].id, 'PRESENT');
    await em().nativeUpdate(Enrolment, { id: late.id }, { status: EnrolmentStatus.WITHDRAWN });
    const reEnrol = (enrolledOn?: string) =>
      subgraph.execute<{ enrol: { id: string; enrolledOn: string; status: string } }>(
        { query: ENROL, variables: { courseId: course.id, traineeId: trainee.id, enrolledOn } },
        trainer,
      );

    const refused = await reEnrol(addDays(today(), -1));
    const stillWithdrawn = (await em().findOneOrFail(Enrolment, { id: late.id })).status;
    const byDefault = await reEnrol();

    expect(errorOf(refused)).toMatchObject({
      code: 'CONFLICT',
      reason: 'MARKS_BEFORE_ENROLMENT',
      enrolmentId: late.id,
      earliestMarkedSession: sessions[2].date,
    });
    expect(stillWithdrawn).toBe(EnrolmentStatus.WITHDRAWN);
    expect(byDefault.data?.enrol).toEqual({ id: late.id, enrolledOn: sessions[2].date, status: 'ENROLLED' });
  });

  it('counts a PRESENT mark written by SQL before the enrolment date for no figure: rate, participations (employer and plan), first attended date', async () => {
    const { sessions, late, employer } = await lateClass();
    const before = await figures(late.id, employer);

    await sqlMark(late.id, sessions[0].id, 'PRESENT');
    await sqlMark(late.id, sessions[1].id, 'LATE');
    const after = await figures(late.id, employer);

    expect(after.enrolmentAttendance.attendance).toMatchObject({ held: 1, present: 0, late: 0, unmarked: 1, rate: 0 });
    expect(after.enrolmentAttendance.sessions.map((s) => s.counts)).toEqual([false, false, true, false]);
    expect(after._entities[0].trainingParticipations).toBe(0);
    expect(planParticipations(after)).toBe(planParticipations(before));
    expect(await firstAttendedOn(late.id)).toBeNull();
  });

  it('agrees on participation and rate for marks around the enrolment date, also when the enrolment date moves by SQL', async () => {
    const { sessions, late, employer } = await lateClass();
    await sqlMark(late.id, sessions[0].id, 'PRESENT');
    const before = await figures(late.id, employer);

    const sheet = await subgraph.execute(
      { query: CORRECT_MARK, variables: { sessionId: sessions[2].id, enrolmentId: late.id, status: 'PRESENT' } },
      trainer,
    );
    const attended = await figures(late.id, employer);
    const attendedOn = await firstAttendedOn(late.id);
    await em().execute('update enrolment set enrolled_on = ? where id = ?', [sessions[0].date, late.id]);
    const widened = await figures(late.id, employer);
    const widenedOn = await firstAttendedOn(late.id);

    expect(sheet.errors).toBeUndefined();
    expect(attended.enrolmentAttendance.attendance).toMatchObject({ held: 1, attended: 1, rate: 1 });
    expect(attended._entities[0].trainingParticipations).toBe(1);
    expect(planParticipations(attended)).toBe(planParticipations(before) + 1);
    expect(attendedOn).toBe(sessions[2].date);
    // Enrolled from the first session by SQL: that mark now counts for every figure alike.
    expect(widened.enrolmentAttendance.attendance).toMatchObject({ held: 3, attended: 2, unmarked: 1, rate: 0.6667 });
    expect(widened._entities[0].trainingParticipations).toBe(1);
    expect(widenedOn).toBe(sessions[0].date);
  });
});
