/**
 * Issue acceptance, through the gateway only: a course with 3 sessions and 61 trainees with
 * Vietnamese names; attendance recorded as sheets; certificates issued in bulk and downloaded by
 * a trainee; the yearly indicator shows 61 of 60, ACHIEVED; the PDF's text holds the exact name;
 * verification says valid, then revoked; another trainee's download is refused.
 */
import { createHash } from 'node:crypto';
import { addDays, todayInVietnam } from '@metrology/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Stack, startStack } from './harness';

const TRAINER: Caller = { role: 'trainer', subject: 'e2e-trainer' };
const ADMIN: Caller = { role: 'admin', subject: 'e2e-admin' };
const LEARNER_A: Caller = { role: 'trainee', subject: 'e2e-learner-a' };
const LEARNER_B: Caller = { role: 'trainee', subject: 'e2e-learner-b' };

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quốc', 'Ngọc', 'Hữu'];
const GIVEN = ['Hải', 'Bình', 'Lan', 'Hùng', 'Phương', 'Tuấn', 'Hằng', 'Dũng', 'Yến', 'Sơn', 'Trang', 'Khoa', 'Linh', 'Đạt'];
/**
 * 61 distinct Vietnamese names (family and middle name differ for any two: 12 × 8 pairs); the first
 * one, "Nguyễn Văn Hải", is the name checked in the PDF. Letters only, as the name rule wants.
 */
const NAMES = Array.from({ length: 61 }, (_, i) => `${FAMILY[i % 12]} ${MIDDLE[Math.floor(i / 12) % 8]} ${GIVEN[(i * 3) % 14]}`);

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes) });
  const document = await task.promise;
  const parts: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await task.destroy();
  return parts.join('\n');
}

describe('training acceptance through the gateway: 61 trainees, sheets, certificates, the yearly indicator', () => {
  let stack: Stack;
  const today = todayInVietnam();
  // Three sessions in the past, in one calendar year; the course ended before today.
  const first = addDays(today, -20).slice(0, 4) === addDays(today, -12).slice(0, 4) ? addDays(today, -20) : addDays(today, -12);
  const dates = [first, addDays(first, 2), addDays(first, 4)];
  const year = Number(first.slice(0, 4));
  let courseId: string;
  const sessionIds: string[] = [];
  const enrolmentIds: string[] = [];
  const traineeIds: string[] = [];
  let certificate: { id: string; serial: string; sha256: string; verificationCode: string; holderName: string };

  async function ok<T>(query: string, variables: Record<string, unknown>, caller: Caller): Promise<T> {
    const result = await stack.execute<T>({ query, variables }, caller);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as T;
  }

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('a trainer creates a course with 3 sessions and enrols 61 trainees with Vietnamese names', async () => {
    const created = await ok<{ createCourse: { id: string } }>(
      `mutation($input: CourseInput!) { createCourse(input: $input) { id } }`,
      {
        input: {
          code: `E2E-${year}-01`,
          title: 'Bồi dưỡng kiểm định viên phương tiện đo khối lượng',
          kind: 'VERIFIER_TRAINING',
          field: 'MASS',
          venue: 'Sở Khoa học và Công nghệ tỉnh Lạng Sơn',
          startDate: dates[0],
          endDate: dates[2],
          plannedHours: 24,
          capacity: 80,
          planCode: '129/KH-UBND',
        },
      },
      TRAINER,
    );
    courseId = created.createCourse.id;
    for (const [index, date] of dates.entries()) {
      const added = await ok<{ addSession: { id: string } }>(
        `mutation($courseId: ID!, $input: SessionInput!) { addSession(courseId: $courseId, input: $input) { id } }`,
        { courseId, input: { date, startTime: '08:00', endTime: '11:30', topic: `Chuyên đề ${index + 1}` } },
        TRAINER,
      );
      sessionIds.push(added.addSession.id);
    }
    for (const [index, fullName] of NAMES.entries()) {
      const registered = await ok<{ registerTrainee: { trainee: { id: string } } }>(
        `mutation($input: TraineeInput!) { registerTrainee(input: $input) { trainee { id } } }`,
        // Names arrive decomposed (NFD), as some keyboards send them; they are stored NFC.
        {
          input: {
            fullName: fullName.normalize('NFD'),
            citizenId: `0200${String(9000 + index).padStart(8, '0')}`,
            dateOfBirth: '1990-04-12',
          },
        },
        TRAINER,
      );
      traineeIds.push(registered.registerTrainee.trainee.id);
      const enrolled = await ok<{ enrol: { id: string } }>(
        `mutation($courseId: ID!, $traineeId: ID!) { enrol(courseId: $courseId, traineeId: $traineeId, enrolledOn: "${dates[0]}") { id } }`,
        { courseId, traineeId: registered.registerTrainee.trainee.id },
        TRAINER,
      );
      enrolmentIds.push(enrolled.enrol.id);
    }
    const course = await ok<{ course: { enrolmentCount: number; sessions: unknown[] } }>(
      `query($id: ID!) { course(id: $id) { enrolmentCount sessions { date } } }`,
      { id: courseId },
      TRAINER,
    );
    expect(course.course).toMatchObject({ enrolmentCount: 61, sessions: dates.map((date) => ({ date })) });
  });

  it('records each session as one sheet; sending a sheet again changes nothing', async () => {
    for (const [index, sessionId] of sessionIds.entries()) {
      const rows = enrolmentIds.map((enrolmentId, i) => ({ enrolmentId, status: (i + index) % 10 === 0 ? 'LATE' : 'PRESENT' }));
      const recorded = await ok<{ recordAttendanceSheet: { created: number; changed: number } }>(
        `mutation($input: AttendanceSheetInput!) { recordAttendanceSheet(input: $input) { created changed unchanged } }`,
        { input: { sessionId, rows } },
        TRAINER,
      );
      expect(recorded.recordAttendanceSheet).toMatchObject({ created: 61, changed: 0 });
    }
    const again = await ok<{ recordAttendanceSheet: { created: number; changed: number; unchanged: number } }>(
      `mutation($input: AttendanceSheetInput!) { recordAttendanceSheet(input: $input) { created changed unchanged } }`,
      {
        input: {
          sessionId: sessionIds[0],
          rows: enrolmentIds.map((enrolmentId, i) => ({ enrolmentId, status: i % 10 === 0 ? 'LATE' : 'PRESENT' })),
        },
      },
      TRAINER,
    );
    expect(again.recordAttendanceSheet).toEqual({ created: 0, changed: 0, unchanged: 61 });
  });

  it('completes the course and issues 61 certificates in bulk', async () => {
    const completed = await ok<{ completeCourse: { completed: number; notCompleted: number } }>(
      `mutation($courseId: ID!) { completeCourse(courseId: $courseId) { completed notCompleted } }`,
      { courseId },
      TRAINER,
    );
    expect(completed.completeCourse).toEqual({ completed: 61, notCompleted: 0 });
    const issued = await ok<{ issueCertificates: { issued: { serial: string }[]; skipped: unknown[] } }>(
      `mutation($courseId: ID!) { issueCertificates(courseId: $courseId) { issued { serial } skipped { reason } } }`,
      { courseId },
      TRAINER,
    );
    expect(issued.issueCertificates.issued).toHaveLength(61);
    expect(issued.issueCertificates.skipped).toEqual([]);
    const serials = issued.issueCertificates.issued.map((c) => c.serial).sort();
    expect(new Set(serials).size).toBe(61);
  });

  it('the yearly TRAINING indicator for that year shows 61 of 60, ACHIEVED', async () => {
    const data = await ok<{ plan: { trainingIndicator: { yearly: Record<string, unknown> } } }>(
      `query($asOf: LocalDate, $year: Int) { plan(code: "129/KH-UBND") { trainingIndicator(asOf: $asOf, year: $year) { yearly { actual target status gap year } } } }`,
      { asOf: today, year },
      { role: 'viewer' },
    );
    expect(data.plan.trainingIndicator.yearly).toEqual({ actual: 61, target: 60, status: 'ACHIEVED', gap: 0, year });
  });

  it('a trainee downloads their certificate through the gateway: a PDF whose bytes match the stored SHA-256 and whose text holds the exact name', async () => {
    await ok(
      `mutation($traineeId: ID!, $subject: String!) { linkTraineeAccount(traineeId: $traineeId, subject: $subject) { id } }`,
      { traineeId: traineeIds[0], subject: 'e2e-learner-a' },
      ADMIN,
    );
    await ok(
      `mutation($traineeId: ID!, $subject: String!) { linkTraineeAccount(traineeId: $traineeId, subject: $subject) { id } }`,
      { traineeId: traineeIds[1], subject: 'e2e-learner-b' },
      ADMIN,
    );
    const mine = await ok<{ myCertificates: (typeof certificate)[] }>(
      `{ myCertificates { id serial sha256 verificationCode holderName } }`,
      {},
      LEARNER_A,
    );
    expect(mine.myCertificates).toHaveLength(1);
    certificate = mine.myCertificates[0];
    expect(certificate.holderName).toBe('Nguyễn Văn Hải');

    const response = await fetch(stack.gatewayUrl.replace('/graphql', `/certificates/${certificate.id}.pdf`), {
      headers: { authorization: `Bearer ${await stack.token('trainee', 'e2e-learner-a')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(certificate.sha256);
    const text = await pdfText(bytes);
    expect(text.normalize('NFC')).toContain('Nguyễn Văn Hải');
    expect(text).toContain(certificate.serial);
  });

  it("refuses another trainee's download (403) and an anonymous one (401)", async () => {
    const url = stack.gatewayUrl.replace('/graphql', `/certificates/${certificate.id}.pdf`);
    const other = await fetch(url, { headers: { authorization: `Bearer ${await stack.token('trainee', 'e2e-learner-b')}` } });
    expect(other.status).toBe(403);
    expect((await fetch(url)).status).toBe(401);
    const graphql = await stack.execute(
      { query: `query($id: ID!) { certificate(id: $id) { serial } }`, variables: { id: certificate.id } },
      LEARNER_B,
    );
    expect(graphql.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('verification by code, signed out, says valid; after revocation it says revoked', async () => {
    const verify = `query($code: String!) { verifyCertificate(code: $code) { status serial holderName courseTitle issuedOn } }`;
    const valid = await ok<{ verifyCertificate: Record<string, unknown> }>(verify, { code: certificate.verificationCode }, {});
    expect(valid.verifyCertificate).toMatchObject({ status: 'VALID', serial: certificate.serial, holderName: 'Nguyễn Văn Hải' });
    const page = await fetch(stack.gatewayUrl.replace('/graphql', `/verify/${certificate.verificationCode}`), {
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Nguyễn Văn Hải');

    await ok(
      `mutation($id: ID!) { revokeCertificate(id: $id, reason: "Cấp nhầm thông tin khóa học") { id } }`,
      { id: certificate.id },
      TRAINER,
    );
    const revoked = await ok<{ verifyCertificate: Record<string, unknown> }>(verify, { code: certificate.verificationCode }, {});
    expect(revoked.verifyCertificate).toMatchObject({ status: 'REVOKED', serial: certificate.serial });
  });
});
