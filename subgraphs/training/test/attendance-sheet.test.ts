import { AuditEvent } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { AttendanceStatus } from '../src/modules/attendance/attendance.entity';
import { Enrolment, EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { CORRECT_MARK, classroom, errorOf, RECORD_SHEET, storedChanges, storedMarks, TRAINER } from './attendance.fixtures';
import { mark } from './fixtures';

const trainer = identityOf('trainer', TRAINER);
const admin = identityOf('admin');

const HISTORY = /* GraphQL */ `
  query($enrolmentId: ID!, $sessionId: ID) {
    attendanceHistory(enrolmentId: $enrolmentId, sessionId: $sessionId) {
      fromStatus toStatus fromNote toNote source changedBy changedAt enrolmentId session { id date }
    }
  }
`;

type SheetData = {
  recordAttendanceSheet: {
    created: number;
    changed: number;
    unchanged: number;
    sheet: {
      held: boolean;
      rows: {
        trainee: { fullName: string };
        enrolment: { id: string };
        mark: { status: string; note: string | null; version: number } | null;
      }[];
    };
  };
};

describe('attendance sheet: recording, rules, history, corrections', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();

  it('records a whole sheet in one call: marks created with one history row each, the sheet returned in name order', async () => {
    const { sessions, enrolments } = await classroom(em(), { names: ['Trần Thị Bình', 'Đặng Văn Dũng', 'Nguyễn Văn An'] });
    const session = sessions[0];
    const result = await subgraph.execute<SheetData>(
      {
        query: RECORD_SHEET,
        variables: {
          input: {
            sessionId: session.id,
            rows: [
              { enrolmentId: enrolments[0].id, status: 'PRESENT' },
              { enrolmentId: enrolments[1].id, status: 'LATE', note: '  Đến   muộn 15 phút ' },
              { enrolmentId: enrolments[2].id, status: 'ABSENT' },
            ],
          },
        },
      },
      trainer,
    );

    expect(result.errors).toBeUndefined();
    const recorded = result.data?.recordAttendanceSheet;
    expect(recorded).toMatchObject({ created: 3, changed: 0, unchanged: 0 });
    expect(recorded?.sheet.held).toBe(true);
    // searchName order: "dang van dung" < "nguyen van an" < "tran thi binh".
    expect(recorded?.sheet.rows.map((row) => [row.trainee.fullName, row.mark?.status, row.mark?.note])).toEqual([
      ['Đặng Văn Dũng', 'LATE', 'Đến muộn 15 phút'],
      ['Nguyễn Văn An', 'ABSENT', null],
      ['Trần Thị Bình', 'PRESENT', null],
    ]);
    const changes = await storedChanges(subgraph, session);
    expect(changes).toHaveLength(3);
    expect(changes.every((change) => change.fromStatus === null && change.source === 'SHEET')).toBe(true);
    expect(changes.every((change) => change.changedBySubject === TRAINER && change.changedBy === 'Test trainer')).toBe(true);
    const audits = await em().find(AuditEvent, { entityType: 'CourseSession', entityId: session.id });
    expect(audits.map((event) => event.action)).toEqual(['attendance.sheet']);
  });

  it('refuses PRESENT for a session still to come, but accepts EXCUSED given ahead', async () => {
    const { sessions, enrolments } = await classroom(em());
    const future = sessions[3];

    const refused = await subgraph.execute(
      {
        query: RECORD_SHEET,
        variables: { input: { sessionId: future.id, rows: [{ enrolmentId: enrolments[0].id, status: 'PRESENT' }] } },
      },
      trainer,
    );
    expect(errorOf(refused)?.code).toBe('BAD_USER_INPUT');
    expect(errorOf(refused)?.rows).toEqual([
      expect.objectContaining({ index: 0, row: 1, enrolmentId: enrolments[0].id, field: 'status' }),
    ]);
    expect(refused.errors?.[0]?.message).toContain('chưa diễn ra');

    const accepted = await subgraph.execute<SheetData>(
      {
        query: RECORD_SHEET,
        variables: {
          input: { sessionId: future.id, rows: [{ enrolmentId: enrolments[0].id, status: 'EXCUSED', note: 'Đi công tác' }] },
        },
      },
      trainer,
    );
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.recordAttendanceSheet.created).toBe(1);
    expect(accepted.data?.recordAttendanceSheet.sheet.held).toBe(false);
  });

  it('refuses a withdrawn enrolment', async () => {
    const { sessions, enrolments } = await classroom(em());
    const fork = em();
    const withdrawn = await fork.findOneOrFail(Enrolment, { id: enrolments[1].id });
    fork.assign(withdrawn, { status: EnrolmentStatus.WITHDRAWN });
    await fork.flush();

    const result = await subgraph.execute(
      {
        query: RECORD_SHEET,
        variables: { input: { sessionId: sessions[0].id, rows: [{ enrolmentId: enrolments[1].id, status: 'PRESENT' }] } },
      },
      trainer,
    );

    expect(errorOf(result)?.code).toBe('BAD_USER_INPUT');
    expect(errorOf(result)?.rows).toEqual([
      expect.objectContaining({ row: 1, enrolmentId: enrolments[1].id, reasonEn: 'the trainee has withdrawn from the course' }),
    ]);
    expect((await storedMarks(subgraph, sessions[0])).size).toBe(0);
  });

  it('refuses an enrolment of another course, and an id that is no enrolment at all', async () => {
    const mine = await classroom(em());
    const other = await classroom(em(), { names: ['Phạm Thị Hoa'] });

    const result = await subgraph.execute(
      {
        query: RECORD_SHEET,
        variables: {
          input: {
            sessionId: mine.sessions[0].id,
            rows: [
              { enrolmentId: other.enrolments[0].id, status: 'PRESENT' },
              { enrolmentId: 'not-an-id', status: 'PRESENT' },
            ],
          },
        },
      },
      trainer,
    );

    expect(errorOf(result)?.code).toBe('BAD_USER_INPUT');
    expect(errorOf(result)?.rows).toEqual([
      expect.objectContaining({
        index: 0,
        row: 1,
        enrolmentId: other.enrolments[0].id,
        reasonEn: "not an enrolment of this session's course",
      }),
      expect.objectContaining({
        index: 1,
        row: 2,
        enrolmentId: 'not-an-id',
        reasonEn: "not an enrolment of this session's course",
      }),
    ]);
  });

  it('refuses the same enrolment twice in one sheet, naming both rows', async () => {
    const { sessions, enrolments } = await classroom(em());

    const result = await subgraph.execute(
      {
        query: RECORD_SHEET,
        variables: {
          input: {
            sessionId: sessions[0].id,
            rows: [
              { enrolmentId: enrolments[0].id, status: 'PRESENT' },
              { enrolmentId: enrolments[1].id, status: 'PRESENT' },
              { enrolmentId: enrolments[0].id, status: 'ABSENT' },
            ],
          },
        },
      },
      trainer,
    );

    expect(errorOf(result)?.code).toBe('BAD_USER_INPUT');
    const rows = errorOf(result)?.rows as { row: number; reasonEn: string }[];
    expect(rows.map((row) => row.row)).toEqual([1, 3]);
    expect(rows[0].reasonEn).toContain('rows 1, 3');
  });

  it('one bad row rejects the whole sheet: every bad row listed, nothing written to the database', async () => {
    const { sessions, enrolments } = await classroom(em());
    const session = sessions[1];
    const before = await mark(em(), enrolments[2], session, AttendanceStatus.PRESENT);

    const result = await subgraph.execute(
      {
        query: RECORD_SHEET,
        variables: {
          input: {
            sessionId: session.id,
            rows: [
              { enrolmentId: enrolments[0].id, status: 'PRESENT' },
              { enrolmentId: enrolments[1].id, status: 'LATE', note: 'x'.repeat(501) },
              { enrolmentId: enrolments[2].id, status: 'ABSENT' },
            ],
          },
        },
      },
      trainer,
    );

    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows' });
    expect(errorOf(result)?.rows).toEqual([
      expect.objectContaining({ index: 1, row: 2, enrolmentId: enrolments[1].id, field: 'note' }),
    ]);
    expect(result.errors?.[0]?.message).toContain('dòng 2');
    const marks = await storedMarks(subgraph, session);
    expect([...marks.keys()]).toEqual([enrolments[2].id]);
    expect(marks.get(enrolments[2].id)).toMatchObject({ status: 'PRESENT', version: before.version });
    expect(await storedChanges(subgraph, session)).toHaveLength(0);
  });

  it('sending the same sheet again changes nothing: no history rows added, no version bump', async () => {
    const { sessions, enrolments } = await classroom(em());
    const session = sessions[0];
    const input = {
      sessionId: session.id,
      rows: [
        { enrolmentId: enrolments[0].id, status: 'PRESENT', note: 'Đúng giờ' },
        { enrolmentId: enrolments[1].id, status: 'EXCUSED' },
      ],
    };
    const first = await subgraph.execute<SheetData>({ query: RECORD_SHEET, variables: { input } }, trainer);
    expect(first.data?.recordAttendanceSheet.created).toBe(2);
    const marksBefore = await storedMarks(subgraph, session);
    const changesBefore = await storedChanges(subgraph, session);

    const again = await subgraph.execute<SheetData>({ query: RECORD_SHEET, variables: { input } }, trainer);

    expect(again.errors).toBeUndefined();
    expect(again.data?.recordAttendanceSheet).toMatchObject({ created: 0, changed: 0, unchanged: 2 });
    const marksAfter = await storedMarks(subgraph, session);
    for (const [id, markBefore] of marksBefore) {
      expect(marksAfter.get(id)).toMatchObject({ status: markBefore.status, note: markBefore.note, version: markBefore.version });
    }
    expect(await storedChanges(subgraph, session)).toHaveLength(changesBefore.length);
    const audits = await em().find(AuditEvent, { entityType: 'CourseSession', entityId: session.id });
    expect(audits).toHaveLength(1);
  });

  it('a changed row keeps its history from → to, with who and when, readable by the trainer', async () => {
    const { sessions, enrolments } = await classroom(em());
    const session = sessions[0];
    const send = (status: string, note?: string | null) =>
      subgraph.execute<SheetData>(
        {
          query: RECORD_SHEET,
          variables: { input: { sessionId: session.id, rows: [{ enrolmentId: enrolments[0].id, status, note }] } },
        },
        trainer,
      );
    await send('ABSENT');
    const changed = await send('LATE', 'Có giấy xác nhận');

    expect(changed.data?.recordAttendanceSheet).toMatchObject({ created: 0, changed: 1, unchanged: 0 });
    const history = await subgraph.execute<{
      attendanceHistory: {
        fromStatus: string | null;
        toStatus: string;
        toNote: string | null;
        source: string;
        changedBy: string;
        session: { id: string };
      }[];
    }>({ query: HISTORY, variables: { enrolmentId: enrolments[0].id, sessionId: session.id } }, trainer);
    expect(history.errors).toBeUndefined();
    expect(history.data?.attendanceHistory).toEqual([
      expect.objectContaining({
        fromStatus: null,
        toStatus: 'ABSENT',
        source: 'SHEET',
        changedBy: 'Test trainer',
        session: { id: session.id, date: session.date },
      }),
      expect.objectContaining({ fromStatus: 'ABSENT', toStatus: 'LATE', toNote: 'Có giấy xác nhận', source: 'SHEET' }),
    ]);
    expect((await storedMarks(subgraph, session)).get(enrolments[0].id)?.version).toBe(2);
  });

  it('a correction with a stale version gets CONFLICT and writes nothing; with the current version it applies', async () => {
    const { sessions, enrolments } = await classroom(em());
    const session = sessions[2];
    const variables = { sessionId: session.id, enrolmentId: enrolments[0].id };
    const first = await subgraph.execute<{ correctAttendanceMark: { version: number; status: string } }>(
      { query: CORRECT_MARK, variables: { ...variables, status: 'ABSENT' } },
      trainer,
    );
    expect(first.errors).toBeUndefined();
    const read = first.data?.correctAttendanceMark.version ?? 0;
    const second = await subgraph.execute<{ correctAttendanceMark: { version: number } }>(
      { query: CORRECT_MARK, variables: { ...variables, status: 'EXCUSED', note: 'Ốm', version: read } },
      trainer,
    );
    expect(second.errors).toBeUndefined();
    expect(second.data?.correctAttendanceMark).toMatchObject({
      version: read + 1,
      status: 'EXCUSED',
      note: 'Ốm',
      sessionId: session.id,
    });

    const stale = await subgraph.execute(
      { query: CORRECT_MARK, variables: { ...variables, status: 'PRESENT', version: read } },
      admin,
    );

    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', currentVersion: read + 1 });
    expect((await storedMarks(subgraph, session)).get(enrolments[0].id)?.status).toBe('EXCUSED');
    const changes = await storedChanges(subgraph, session);
    expect(changes.map((change) => [change.fromStatus, change.toStatus, change.source])).toEqual([
      [null, 'ABSENT', 'CORRECTION'],
      ['ABSENT', 'EXCUSED', 'CORRECTION'],
    ]);
  });

  it('a correction follows the sheet rules: PRESENT for a session to come is BAD_USER_INPUT on status', async () => {
    const { sessions, enrolments } = await classroom(em());
    const result = await subgraph.execute(
      { query: CORRECT_MARK, variables: { sessionId: sessions[3].id, enrolmentId: enrolments[0].id, status: 'PRESENT' } },
      trainer,
    );
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
  });

  it("another course's trainer is FORBIDDEN, a trainee is FORBIDDEN, an anonymous caller UNAUTHENTICATED; nothing written", async () => {
    const { sessions, enrolments } = await classroom(em());
    const input = { sessionId: sessions[0].id, rows: [{ enrolmentId: enrolments[0].id, status: 'PRESENT' }] };

    const otherTrainer = await subgraph.execute(
      { query: RECORD_SHEET, variables: { input } },
      identityOf('trainer', 'someone-else'),
    );
    const trainee = await subgraph.execute({ query: RECORD_SHEET, variables: { input } }, identityOf('trainee'));
    const anonymous = await subgraph.execute({ query: RECORD_SHEET, variables: { input } });
    const history = await subgraph.execute(
      { query: HISTORY, variables: { enrolmentId: enrolments[0].id } },
      identityOf('trainer', 'someone-else'),
    );

    expect(errorOf(otherTrainer)?.code).toBe('FORBIDDEN');
    expect(errorOf(trainee)?.code).toBe('FORBIDDEN');
    expect(errorOf(anonymous)?.code).toBe('UNAUTHENTICATED');
    expect(errorOf(history)?.code).toBe('FORBIDDEN');
    expect((await storedMarks(subgraph, sessions[0])).size).toBe(0);
  });

  it('an unknown session is NOT_FOUND, a malformed session id BAD_USER_INPUT, an empty sheet BAD_USER_INPUT', async () => {
    const { enrolments } = await classroom(em());
    const rows = [{ enrolmentId: enrolments[0].id, status: 'PRESENT' }];

    const unknown = await subgraph.execute(
      { query: RECORD_SHEET, variables: { input: { sessionId: '00000000-0000-4000-8000-000000000000', rows } } },
      trainer,
    );
    const malformed = await subgraph.execute({ query: RECORD_SHEET, variables: { input: { sessionId: 'abc', rows } } }, trainer);
    const empty = await subgraph.execute(
      { query: RECORD_SHEET, variables: { input: { sessionId: '00000000-0000-4000-8000-000000000000', rows: [] } } },
      trainer,
    );

    expect(errorOf(unknown)?.code).toBe('NOT_FOUND');
    expect(errorOf(malformed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sessionId' });
    expect(errorOf(empty)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows' });
  });
});
