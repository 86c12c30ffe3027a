/**
 * The built `metrology` binary against the real stack (three subgraphs and the gateway, fresh
 * databases): a trainer imports a sign-in CSV, issues a course's certificates with a progress
 * bar, downloads one and checks its bytes; errors exit 1 with the coded message, a wrong command
 * line exits 2. Arranged through the gateway's GraphQL API, as the web app would.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { addDays, todayInVietnam } from '@metrology/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Stack, startStack } from '../../../test/harness';

const run = promisify(execFile);
const BIN = path.resolve(__dirname, '../dist/main.js');
const TRAINER: Caller = { role: 'trainer', subject: 'cli-trainer' };

const TRAINEES = [
  { fullName: 'Nguyễn Văn Hải', citizenId: '020090001111' },
  { fullName: 'Trần Thị Bình', citizenId: '020090002222' },
  { fullName: 'Lê Minh Châu', citizenId: '020090003333' },
];
/** A citizen ID on no one's record: never to be printed back. */
const STRANGER_CITIZEN_ID = '020099998888';
const BOM = '\uFEFF';

describe('metrology CLI against the gateway (the built binary)', () => {
  let stack: Stack;
  let token: string;
  let workDir: string;
  const today = todayInVietnam();
  const dates = [addDays(today, -10), addDays(today, -8), addDays(today, -6)];
  let courseId: string;
  const sessionIds: string[] = [];
  const enrolmentIds: string[] = [];

  async function metrology(args: string[], options: { cwd?: string; connect?: boolean } = {}) {
    const connection = options.connect === false ? [] : ['--url', stack.gatewayUrl, '--token', token];
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args, ...connection], {
        env: { PATH: process.env.PATH ?? '' },
        cwd: options.cwd ?? workDir,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  async function ok<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const result = await stack.execute<T>({ query, variables }, TRAINER);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as T;
  }

  async function marksOf(sessionId: string): Promise<Record<string, string | null>> {
    const data = await ok<{ sessionSheet: { rows: { trainee: { fullName: string }; mark: { status: string } | null }[] } }>(
      `query($sessionId: ID!) { sessionSheet(sessionId: $sessionId) { rows { trainee { fullName } mark { status } } } }`,
      { sessionId },
    );
    return Object.fromEntries(data.sessionSheet.rows.map((row) => [row.trainee.fullName, row.mark?.status ?? null]));
  }

  async function csvFile(name: string, content: string): Promise<string> {
    const file = path.join(workDir, name);
    await writeFile(file, content);
    return file;
  }

  beforeAll(async () => {
    stack = await startStack();
    token = await stack.token('trainer', 'cli-trainer');
    workDir = await mkdtemp(path.join(tmpdir(), 'metrology-cli-'));
    const created = await ok<{ createCourse: { id: string } }>(
      `mutation($input: CourseInput!) { createCourse(input: $input) { id } }`,
      {
        input: {
          code: 'CLI-01',
          title: 'Bồi dưỡng kiểm định viên đo lường',
          kind: 'VERIFIER_TRAINING',
          field: 'MASS',
          venue: 'Sở Khoa học và Công nghệ tỉnh Lạng Sơn',
          startDate: dates[0],
          endDate: dates[2],
          plannedHours: 24,
          capacity: 30,
          planCode: '129/KH-UBND',
        },
      },
    );
    courseId = created.createCourse.id;
    for (const [index, date] of dates.entries()) {
      const added = await ok<{ addSession: { id: string } }>(
        `mutation($courseId: ID!, $input: SessionInput!) { addSession(courseId: $courseId, input: $input) { id } }`,
        { courseId, input: { date, startTime: '08:00', endTime: '11:30', topic: `Chuyên đề ${index + 1}` } },
      );
      sessionIds.push(added.addSession.id);
    }
    for (const trainee of TRAINEES) {
      const registered = await ok<{ registerTrainee: { trainee: { id: string } } }>(
        `mutation($input: TraineeInput!) { registerTrainee(input: $input) { trainee { id } } }`,
        { input: { ...trainee, dateOfBirth: '1990-04-12' } },
      );
      const enrolled = await ok<{ enrol: { id: string } }>(
        `mutation($courseId: ID!, $traineeId: ID!) { enrol(courseId: $courseId, traineeId: $traineeId, enrolledOn: "${dates[0]}") { id } }`,
        { courseId, traineeId: registered.registerTrainee.trainee.id },
      );
      enrolmentIds.push(enrolled.enrol.id);
    }
  });

  afterAll(async () => {
    await stack?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('refuses a whole CSV with a bad row (exit 1): the rows and reasons in Vietnamese, no citizen ID echoed, nothing written', async () => {
    const file = await csvFile(
      'bad-row.csv',
      `${BOM}Họ và tên,CCCD,Trạng thái\r\nNguyễn Văn Hải,${TRAINEES[0].citizenId},Có mặt\r\nNgười Lạ,${STRANGER_CITIZEN_ID},Có mặt\r\n`,
    );
    const result = await metrology(['import-attendance', '--session', sessionIds[0], '--file', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Lỗi [BAD_USER_INPUT]: không ghi gì vì có 1 dòng không hợp lệ.');
    expect(result.stderr).toContain('dòng/row 3 · Người Lạ — số CCCD không khớp với học viên nào của lớp');
    expect(result.stderr).toContain('--valid-rows-only');
    expect(`${result.stdout}${result.stderr}`).not.toContain(STRANGER_CITIZEN_ID);
    expect(`${result.stdout}${result.stderr}`).not.toContain(TRAINEES[0].citizenId);
    expect(Object.values(await marksOf(sessionIds[0]))).toEqual([null, null, null]);
  });

  it('imports a sign-in CSV with Vietnamese headers and a BOM, prints the report, and the marks are recorded', async () => {
    // One name arrives decomposed (NFD) and one without accents: both are matched.
    const file = await csvFile(
      'buoi-1.csv',
      `${BOM}Họ và tên;Trạng thái;Ghi chú\r\n${'Nguyễn Văn Hải'.normalize('NFD')};Có mặt;\r\nTrần Thị Bình;Đi muộn;Tắc đường\r\nle minh chau;Vắng;\r\n`,
    );
    const result = await metrology(['import-attendance', '--session', sessionIds[0], '--file', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Đã nhập điểm danh / Attendance imported (ALL_OR_NOTHING)');
    expect(result.stdout).toMatch(/Đã ghi \/ imported: +3 \(mới\/new 3, thay đổi\/changed 0, không đổi\/unchanged 0\)/);
    expect(await marksOf(sessionIds[0])).toEqual({
      'Lê Minh Châu': 'ABSENT',
      'Nguyễn Văn Hải': 'PRESENT',
      'Trần Thị Bình': 'LATE',
    });
  });

  it('with --valid-rows-only writes the valid rows and lists the rejected ones with their reasons (exit 0)', async () => {
    const file = await csvFile(
      'buoi-1-lai.csv',
      `${BOM}Họ và tên,Trạng thái\r\nNguyễn Văn Hải,Có mặt\r\nTrần Thị Bình,Ngủ quên\r\nLê Minh Châu,Có mặt\r\n`,
    );
    const result = await metrology(['import-attendance', '--session', sessionIds[0], '--file', file, '--valid-rows-only']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(VALID_ROWS_ONLY)');
    expect(result.stdout).toMatch(/Đã ghi \/ imported: +2 \(mới\/new 0, thay đổi\/changed 1, không đổi\/unchanged 1\)/);
    expect(result.stdout).toMatch(/Bị từ chối \/ rejected: +1/);
    expect(result.stdout).toContain('dòng/row 3 · Trần Thị Bình — trạng thái "Ngủ quên" không hợp lệ');
    expect(await marksOf(sessionIds[0])).toEqual({
      'Lê Minh Châu': 'PRESENT',
      'Nguyễn Văn Hải': 'PRESENT',
      'Trần Thị Bình': 'LATE',
    });
  });

  it('fails with exit 1 on a missing file and on a file that is not UTF-8, before calling the gateway', async () => {
    const missing = await metrology(['import-attendance', '--session', sessionIds[0], '--file', 'khong-co.csv']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Không đọc được tệp "khong-co.csv" (ENOENT).');
    const latin = path.join(workDir, 'windows-1258.csv');
    await writeFile(latin, Buffer.from([0x48, 0xf4, 0x20, 0x74, 0xea, 0x6e, 0x0d, 0x0a]));
    const notUtf8 = await metrology(['import-attendance', '--session', sessionIds[0], '--file', latin]);
    expect(notUtf8.code).toBe(1);
    expect(notUtf8.stderr).toContain('không phải UTF-8');
  });

  it('fails with exit 1 and the coded message for a session that does not exist', async () => {
    const file = await csvFile('any.csv', 'Họ và tên,Trạng thái\nNguyễn Văn Hải,Có mặt\n');
    const result = await metrology(['import-attendance', '--session', randomUUID(), '--file', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Lỗi \[NOT_FOUND\]: .+\nError \[NOT_FOUND\]: .+/);
  });

  it('answers exit 2 with the usage when a required option is missing or unknown', async () => {
    const missing = await metrology(['import-attendance', '--session', sessionIds[0]]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Thiếu --file. / --file is required.');
    expect(missing.stderr).toContain('Usage: metrology import-attendance');
    const unknown = await metrology(['issue-certificates', '--courses', courseId]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage: metrology issue-certificates');
  });

  it('fails with exit 1 and UNAUTHENTICATED, saying what to do, when the token is refused', async () => {
    const result = await metrology(
      ['issue-certificates', '--course', courseId, '--url', stack.gatewayUrl, '--token', 'not-a-jwt'],
      {
        connect: false,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Lỗi [UNAUTHENTICATED]: Mã xác thực không hợp lệ hoặc đã hết hạn.');
    expect(result.stderr).toContain('METROLOGY_TOKEN');
  });

  it('issues the certificates of a completed course one by one with a progress bar, skipping with the reason', async () => {
    for (const sessionId of sessionIds.slice(1)) {
      await ok(`mutation($input: AttendanceSheetInput!) { recordAttendanceSheet(input: $input) { created } }`, {
        input: {
          sessionId,
          rows: enrolmentIds.map((enrolmentId, index) => ({ enrolmentId, status: index === 2 ? 'ABSENT' : 'PRESENT' })),
        },
      });
    }
    await ok(`mutation($courseId: ID!) { completeCourse(courseId: $courseId) { completed } }`, { courseId });

    const result = await metrology(['issue-certificates', '--course', courseId]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Khóa học / Course: CLI-01 — Bồi dưỡng kiểm định viên đo lường (Đã kết thúc / Completed)');
    const progress = result.stderr.trim().split('\n');
    expect(progress).toEqual(
      [0, 1, 2, 3].map((done) =>
        expect.stringMatching(new RegExp(`^Cấp giấy chứng nhận / Issuing \\[[#-]{24}\\] +\\d+%  ${done}/3$`)),
      ),
    );
    expect(progress.at(-1)).toBe(`Cấp giấy chứng nhận / Issuing [${'#'.repeat(24)}] 100%  3/3`);
    expect(result.stdout).toMatch(
      /Đã cấp mới \/ Issued now: 2\n {2}LS-DL-\d{4}-\d{5} {2}Nguyễn Văn Hải\n {2}LS-DL-\d{4}-\d{5} {2}Trần Thị Bình\n/,
    );
    expect(result.stdout).toMatch(/Không cấp \/ Skipped: 1\n {2}Lê Minh Châu — .+ \/ .+\n/);

    const roster = await ok<{ courseRoster: { items: { enrolment: { certificate: { serial: string } | null } }[] } }>(
      `query($id: ID!) { courseRoster(courseId: $id) { items { enrolment { certificate { serial } } } } }`,
      { id: courseId },
    );
    expect(roster.courseRoster.items.filter((item) => item.enrolment.certificate !== null)).toHaveLength(2);

    const again = await metrology(['issue-certificates', '--course', courseId]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Đã cấp mới / Issued now: 0');
    expect(again.stdout).toContain('Đã có từ trước / Already issued: 2');
  });

  it('downloads a certificate whose bytes have the SHA-256 recorded at issue, to --out or to the name the server gives', async () => {
    const roster = await ok<{
      courseRoster: { items: { enrolment: { certificate: { id: string; serial: string; sha256: string } | null } }[] };
    }>(`query($id: ID!) { courseRoster(courseId: $id) { items { enrolment { certificate { id serial sha256 } } } } }`, {
      id: courseId,
    });
    const certificate = roster.courseRoster.items.find((item) => item.enrolment.certificate)?.enrolment.certificate;
    if (!certificate) throw new Error('no certificate was issued');

    const out = path.join(workDir, 'giay-chung-nhan.pdf');
    const result = await metrology(['download-certificate', '--id', certificate.id, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Đã lưu / Saved: ${out}`);
    expect(result.stdout).toContain(`SHA-256 khớp bản đã cấp / matches the issued file: ${certificate.sha256}`);
    const bytes = await readFile(out);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(certificate.sha256);

    const folder = await mkdtemp(path.join(workDir, 'default-'));
    const byDefault = await metrology(['download-certificate', '--id', certificate.id], { cwd: folder });
    expect(byDefault.code).toBe(0);
    const saved = /Đã lưu \/ Saved: (.+\.pdf) \(/.exec(byDefault.stdout)?.[1] ?? '';
    expect(path.dirname(saved)).toBe(folder);
    expect(path.basename(saved)).toContain(certificate.serial);
    expect(
      createHash('sha256')
        .update(await readFile(saved))
        .digest('hex'),
    ).toBe(certificate.sha256);
  });

  it('fails with exit 1 and NOT_FOUND for a certificate that does not exist', async () => {
    const result = await metrology(['download-certificate', '--id', randomUUID(), '--out', path.join(workDir, 'none.pdf')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Lỗi \[NOT_FOUND\]: .+\nError \[NOT_FOUND\]: .+/);
  });

  it('downloads the annual report as a viewer; a trainer gets FORBIDDEN and an unknown plan NOT_FOUND (exit 1); no --year is exit 2', async () => {
    const viewer = ['--url', stack.gatewayUrl, '--token', await stack.token('viewer', 'cli-viewer')];
    const year = today.slice(0, 4);
    const folder = await mkdtemp(path.join(workDir, 'report-'));
    const report = await metrology(['download-report', '--year', year, ...viewer], { cwd: folder, connect: false });
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    const saved = /: (\/.+\.pdf) \(/.exec(report.stdout)?.[1] ?? '';
    expect(path.dirname(saved)).toBe(folder);
    expect(path.basename(saved)).toContain(year);
    expect((await readFile(saved)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const trainer = await metrology(['download-report', '--year', year, '--out', path.join(workDir, 't.pdf')]);
    expect(trainer.code).toBe(1);
    expect(trainer.stderr).toMatch(/^Lỗi \[FORBIDDEN\]: .+\nError \[FORBIDDEN\]: .+/);
    const unknown = await metrology(['download-report', '--plan', 'KHONG-CO/KH', '--year', year, ...viewer], { connect: false });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Lỗi \[NOT_FOUND\]: .+/);
    const usage = await metrology(['download-report', '--plan', '129/KH-UBND']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Thiếu --year. / --year is required.');
  });

  it('fails with exit 1 and NETWORK_ERROR, naming the URL, when no gateway listens there', async () => {
    const url = 'http://127.0.0.1:9/graphql';
    const result = await metrology(['issue-certificates', '--course', courseId, '--url', url, '--token', token], {
      connect: false,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Lỗi [NETWORK_ERROR]: Không kết nối được tới máy chủ.');
    expect(result.stderr).toContain(url);
  });
});
