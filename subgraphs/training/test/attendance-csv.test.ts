import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { AttendanceStatus } from '../src/modules/attendance/attendance.entity';
import { classroom, errorOf, IMPORT_CSV, storedChanges, storedMarks, TRAINER } from './attendance.fixtures';
import { mark } from './fixtures';

const trainer = identityOf('trainer', TRAINER);
const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường'];

type Report = {
  importAttendanceCsv: {
    mode: string;
    rows: number;
    imported: number;
    created: number;
    changed: number;
    unchanged: number;
    rejected: { row: number; name: string | null; enrolmentId: string | null; reason: string; reasonEn: string }[];
  };
};

describe('attendance import from a CSV sign-in sheet', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();
  const run = (sessionId: string, csv: string, mode?: string) =>
    subgraph.execute<Report>({ query: IMPORT_CSV, variables: { sessionId, csv, mode } }, trainer);

  it('imports a file with a BOM, Vietnamese headers and statuses, and names written decomposed (NFD)', async () => {
    const { sessions, enrolments } = await classroom(em(), { names: NAMES });
    const session = sessions[0];
    const csv = `\uFEFFSTT,Họ và tên,Trạng thái,Ghi chú\r\n1,${NAMES[0].normalize('NFD')},Có mặt,\r\n2,${NAMES[1].normalize('NFD')},đi muộn,"Kẹt xe, 10 phút"\r\n3,${NAMES[2].normalize('NFD')},Vắng có phép,Ốm\r\n`;

    const result = await run(session.id, csv);

    expect(result.errors).toBeUndefined();
    expect(result.data?.importAttendanceCsv).toEqual({
      mode: 'ALL_OR_NOTHING',
      rows: 3,
      imported: 3,
      created: 3,
      changed: 0,
      unchanged: 0,
      rejected: [],
    });
    const marks = await storedMarks(subgraph, session);
    expect(enrolments.map((e) => [marks.get(e.id)?.status, marks.get(e.id)?.note])).toEqual([
      ['PRESENT', null],
      ['LATE', 'Kẹt xe, 10 phút'],
      ['EXCUSED', 'Ốm'],
    ]);
    const changes = await storedChanges(subgraph, session);
    expect(changes.map((change) => change.source)).toEqual(['IMPORT', 'IMPORT', 'IMPORT']);
  });

  it('reads semicolon-separated files with English headers, accent-free names and English statuses; importing it again changes nothing', async () => {
    const { sessions } = await classroom(em(), { names: NAMES });
    const csv = 'Full name;Status\nnguyen van an;present\nTRAN THI BINH;Absent\nle hoang cuong;LATE\n';

    const first = await run(sessions[1].id, csv);
    const again = await run(sessions[1].id, csv);

    expect(first.data?.importAttendanceCsv).toMatchObject({ imported: 3, created: 3 });
    expect(again.data?.importAttendanceCsv).toMatchObject({ imported: 3, created: 0, changed: 0, unchanged: 3 });
    expect(await storedChanges(subgraph, sessions[1])).toHaveLength(3);
  });

  it('reads a name split into "Họ và tên đệm" and "Tên" columns, as Vietnamese sheets often have it', async () => {
    const { sessions, enrolments } = await classroom(em(), { names: NAMES });
    const csv = 'Họ và tên đệm,Tên,Điểm danh\nNguyễn Văn,An,Vắng mặt\nTrần Thị,Bình,Muộn\n';

    const result = await run(sessions[2].id, csv);

    expect(result.data?.importAttendanceCsv).toMatchObject({ imported: 2, created: 2 });
    const marks = await storedMarks(subgraph, sessions[2]);
    expect([marks.get(enrolments[0].id)?.status, marks.get(enrolments[1].id)?.status]).toEqual(['ABSENT', 'LATE']);
  });

  it('rejects the whole file for an unknown name (ALL_OR_NOTHING): the file line is named and nothing is written', async () => {
    const { sessions } = await classroom(em(), { names: NAMES });
    const csv = 'Họ tên,Trạng thái\nNguyễn Văn An,Có mặt\n\nNguyễn Văn Không Có,Có mặt\n';

    const result = await run(sessions[0].id, csv);

    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
    expect(errorOf(result)?.rows).toEqual([
      expect.objectContaining({
        row: 4,
        name: 'Nguyễn Văn Không Có',
        reasonEn: 'no trainee named "Nguyễn Văn Không Có" on the roster',
      }),
    ]);
    expect((await storedMarks(subgraph, sessions[0])).size).toBe(0);
  });

  it('rejects an ambiguous name (two trainees with the same name without accents) and an unknown status', async () => {
    const { sessions } = await classroom(em(), { names: ['Nguyễn Văn Hải', 'Nguyễn Văn Hai', 'Trần Thị Bình'] });
    const csv = 'Name,Status\nNguyen Van Hai,Present\nTrần Thị Bình,ngủ gật\n';

    const result = await run(sessions[0].id, csv);

    expect(errorOf(result)?.rows).toEqual([
      expect.objectContaining({ row: 2, reasonEn: expect.stringContaining('several trainees are named') }),
      expect.objectContaining({ row: 3, reasonEn: expect.stringContaining('is not recognised') }),
    ]);
  });

  it('imports only the valid rows with VALID_ROWS_ONLY and reports each rejected row with its reason', async () => {
    const fork = em();
    const { sessions, enrolments } = await classroom(fork, { names: NAMES, sessionDays: [-9, -7, -5, 3] });
    const future = sessions[3];
    await mark(fork, enrolments[2], future, AttendanceStatus.EXCUSED);
    const csv = [
      'Họ và tên,Trạng thái,Ghi chú',
      'Nguyễn Văn An,Vắng có phép,Công tác',
      'Trần Thị Bình,Có mặt,',
      'Người Lạ,Vắng,',
      'Lê Hoàng Cường,Có phép,',
    ].join('\n');

    const result = await run(future.id, csv, 'VALID_ROWS_ONLY');

    expect(result.errors).toBeUndefined();
    const report = result.data?.importAttendanceCsv;
    expect(report).toMatchObject({ mode: 'VALID_ROWS_ONLY', rows: 4, imported: 2, created: 1, changed: 0, unchanged: 1 });
    expect(report?.rejected).toEqual([
      expect.objectContaining({
        row: 3,
        name: 'Trần Thị Bình',
        enrolmentId: enrolments[1].id,
        reasonEn: expect.stringContaining('only EXCUSED'),
      }),
      expect.objectContaining({ row: 4, name: 'Người Lạ', enrolmentId: null }),
    ]);
    const marks = await storedMarks(subgraph, future);
    expect(marks.get(enrolments[0].id)).toMatchObject({ status: 'EXCUSED', note: 'Công tác' });
    expect(marks.has(enrolments[1].id)).toBe(false);
  });

  it('matches by citizen ID when the file has that column, and the same trainee twice in a file is rejected', async () => {
    const { sessions, trainees } = await classroom(em(), {
      names: NAMES,
      trainee: (index) => ({ citizenId: `0200900${Date.now().toString().slice(-4)}${index}` }),
    });
    const citizen = (index: number) => trainees[index].citizenId;
    const csv = `CCCD,Họ tên,Trạng thái\n${citizen(0)},Tên sai chính tả,Có mặt\n${citizen(1)},,Vắng\n${citizen(1)},,Có mặt\n`;

    const result = await run(sessions[0].id, csv, 'VALID_ROWS_ONLY');

    expect(result.data?.importAttendanceCsv).toMatchObject({ imported: 1, created: 1 });
    expect(result.data?.importAttendanceCsv.rejected.map((r) => [r.row, r.reasonEn])).toEqual([
      [3, 'the same enrolment appears more than once (rows 3, 4)'],
      [4, 'the same enrolment appears more than once (rows 3, 4)'],
    ]);
  });

  it('refuses a file without a recognised header, an oversized file, and an empty file (BAD_USER_INPUT on csv)', async () => {
    const { sessions } = await classroom(em(), { names: NAMES });

    const noHeader = await run(sessions[0].id, 'Nguyễn Văn An,Có mặt\n');
    const oversized = await run(sessions[0].id, `Họ và tên,Trạng thái\n${'Nguyễn Văn An,Có mặt\n'.repeat(60_000)}`);
    const headerOnly = await run(sessions[0].id, '\uFEFFHọ và tên,Trạng thái\n');

    expect(errorOf(noHeader)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
    expect(errorOf(oversized)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
    expect(errorOf(headerOnly)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
  });

  it('refuses more than 5,000 rows', async () => {
    const { sessions } = await classroom(em(), { names: NAMES });
    const result = await run(sessions[0].id, `Name,Status\n${'An,Present\n'.repeat(5001)}`);
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv', maxRows: 5000 });
  });

  it("refuses another course's trainer (FORBIDDEN)", async () => {
    const { sessions } = await classroom(em(), { names: NAMES });
    const result = await subgraph.execute(
      { query: IMPORT_CSV, variables: { sessionId: sessions[0].id, csv: 'Name,Status\nNguyễn Văn An,Present\n' } },
      identityOf('trainer', 'another-trainer'),
    );
    expect(errorOf(result)?.code).toBe('FORBIDDEN');
  });
});
