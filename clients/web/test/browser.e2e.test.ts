/**
 * The web app in a real browser (Debian's Chromium driven by playwright-core) against the real
 * stack (`browser.fixtures.ts`). Data is arranged through gateway mutations; everything checked is
 * what a person sees.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../../test/harness';
import { todayInVietnam } from '../src/format';
import { ADMIN, addDays, browserHarness, inBrowser, inkedPixels, TRAINEE, TRAINER } from './browser.fixtures';

const NAMES = ['Nguyễn Văn Hải', 'Trần Thị Bình', 'Lê Minh Đức', 'Phạm Thu Hằng', 'Hoàng Quốc Tuấn'];

describe('the web app through the gateway and in Chromium, against the real stack', () => {
  const web = browserHarness();
  const { pageErrors, ok, createCourse, addSession, enrol, newPage, signIn, screenshot, expectNoHorizontalScroll } = web;
  let stack: Stack;
  let origin: string;
  const today = todayInVietnam();
  // Three sessions in the past, in one calendar year; the course ended before today.
  const first = addDays(today, -20).slice(0, 4) === addDays(today, -12).slice(0, 4) ? addDays(today, -20) : addDays(today, -12);
  const dates = [first, addDays(first, 2), addDays(first, 4)];
  const year = Number(first.slice(0, 4));
  let course: { id: string; title: string };
  let upcoming: { courseId: string; sessionId: string };
  const sessionIds: string[] = [];
  const traineeIds: string[] = [];

  beforeAll(async () => {
    ({ stack, origin } = web.env);
    const title = 'Bồi dưỡng kiểm định viên phương tiện đo khối lượng';
    course = { id: await createCourse(`WEB-${year}-01`, title, dates[0], dates[2]), title };
    for (const [index, date] of dates.entries()) sessionIds.push(await addSession(course.id, date, `Chuyên đề ${index + 1}`));
    for (const [index, fullName] of NAMES.entries()) {
      const registered = await ok<{ registerTrainee: { trainee: { id: string } } }>(
        `mutation($input: TraineeInput!) { registerTrainee(input: $input) { trainee { id } } }`,
        { input: { fullName, citizenId: `0200${String(7000 + index).padStart(8, '0')}`, dateOfBirth: '1991-02-03' } },
        TRAINER,
      );
      traineeIds.push(registered.registerTrainee.trainee.id);
      await enrol(course.id, registered.registerTrainee.trainee.id, dates[0]);
    }
    await ok(
      `mutation($traineeId: ID!, $subject: String!) { linkTraineeAccount(traineeId: $traineeId, subject: $subject) { id } }`,
      { traineeId: traineeIds[0], subject: 'demo-trainee' },
      ADMIN,
    );
    // A running course whose next session is still to come: only "excused" may be marked ahead.
    const runningId = await createCourse(
      `WEB-${year}-02`,
      'Đảm bảo đo lường tại doanh nghiệp',
      addDays(today, -3),
      addDays(today, 10),
    );
    upcoming = { courseId: runningId, sessionId: await addSession(runningId, addDays(today, 5), 'Buổi sắp tới') };
    for (const traineeId of traineeIds.slice(1, 4)) await enrol(runningId, traineeId, addDays(today, -3));
  }, 240_000);

  it('serves the app on the gateway origin with a strict Content-Security-Policy, caching and development tokens', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${origin}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${origin}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${origin}/assets/..%2Fpackage.json`)).status).toBe(404);

    const token = await fetch(`${origin}/dev/token?role=trainer`);
    expect(token.status).toBe(200);
    expect(token.headers.get('cache-control')).toBe('no-store');
    const issued = (await token.json()) as { token: string; subject: string };
    expect(issued.subject).toBe('demo-trainer');
    const mine = await stack.execute<{ myCourses: { total: number } }>(
      { query: '{ myCourses { total } }' },
      { authorization: `Bearer ${issued.token}` },
    );
    expect(mine.data?.myCourses.total).toBe(2);
    expect((await fetch(`${origin}/dev/token?role=emperor`)).status).toBe(400);
  });

  inBrowser(
    'a trainer on a 360 px phone records a session sheet in one save and sees the attendance rates',
    async () => {
      const { context, page } = await newPage({ width: 360, height: 740 });
      await signIn(page, 'trainer');
      await page.getByRole('link', { name: course.title }).click();
      await page.getByRole('heading', { level: 1, name: course.title }).waitFor();
      await page.locator(`a[href="#/trainer/session/${sessionIds[0]}"]`).click();
      await page.getByRole('heading', { level: 1, name: 'Điểm danh buổi học' }).waitFor();
      await expect.poll(() => page.getByTestId('sheet-row').count()).toBe(NAMES.length);

      await page.getByRole('button', { name: 'Tất cả có mặt' }).click();
      const bình = page.getByTestId('sheet-row').filter({ hasText: 'Trần Thị Bình' });
      await bình.getByRole('radio', { name: 'Vắng', exact: true }).check();
      const đức = page.getByTestId('sheet-row').filter({ hasText: 'Lê Minh Đức' });
      await đức.getByRole('radio', { name: 'Đi muộn', exact: true }).check();
      await expect.poll(() => page.locator('.sheet-state').textContent()).toContain('5 dòng chưa lưu');
      await expectNoHorizontalScroll(page);
      await screenshot(page, 'trainer-sheet-360-before-save');

      await page.getByRole('button', { name: 'Lưu điểm danh' }).click();
      await expect.poll(() => page.getByTestId('sheet-result').textContent()).toBe('Đã lưu: 5 mới, 0 thay đổi, 0 giữ nguyên.');
      // One of three held sessions attended (the others are unmarked, so absent): 33,3%.
      const hải = page.getByTestId('sheet-row').filter({ hasText: 'Nguyễn Văn Hải' });
      await expect.poll(() => hải.getByTestId('row-rate').textContent()).toBe('Tỉ lệ chuyên cần: 33,3%');
      await expect.poll(() => đức.getByTestId('row-rate').textContent()).toBe('Tỉ lệ chuyên cần: 33,3%');
      await expect.poll(() => bình.getByTestId('row-rate').textContent()).toBe('Tỉ lệ chuyên cần: 0,0%');
      expect(await bình.getAttribute('data-status')).toBe('ABSENT');
      await screenshot(page, 'trainer-sheet-360-saved');

      // The two other sessions, everyone present; then the roster shows the rates.
      for (const sessionId of sessionIds.slice(1)) {
        await page.goto(`${origin}/#/trainer/session/${sessionId}`);
        await expect.poll(() => page.getByTestId('sheet-row').count()).toBe(NAMES.length);
        await page.getByRole('button', { name: 'Tất cả có mặt' }).click();
        await page.getByRole('button', { name: 'Lưu điểm danh' }).click();
        await expect.poll(() => page.getByTestId('sheet-result').textContent()).toBe('Đã lưu: 5 mới, 0 thay đổi, 0 giữ nguyên.');
      }
      await page.goto(`${origin}/#/trainer/course/${course.id}`);
      const roster = page.getByTestId('roster');
      await expect.poll(() => roster.locator('tbody tr').count()).toBe(NAMES.length);
      await expect
        .poll(() => roster.locator('tr', { hasText: 'Nguyễn Văn Hải' }).getByTestId('rate').textContent())
        .toBe('100,0%');
      await expect.poll(() => roster.locator('tr', { hasText: 'Trần Thị Bình' }).getByTestId('rate').textContent()).toBe('66,7%');
      await expectNoHorizontalScroll(page);
      await screenshot(page, 'trainer-roster-360');
      await context.close();
      expect(pageErrors).toEqual([]);
    },
    120_000,
  );

  inBrowser(
    'a refused sheet marks its bad rows; each error can be dismissed and nothing was saved',
    async () => {
      const { context, page } = await newPage({ width: 360, height: 740 });
      await signIn(page, 'trainer');
      await page.goto(`${origin}/#/trainer/session/${upcoming.sessionId}`);
      await expect.poll(() => page.getByTestId('sheet-row').count()).toBe(3);
      await expect.poll(() => page.locator('.notice-warning').textContent()).toContain('chưa diễn ra');

      // Keyboard only: the first row's first status, then along its group with the arrow keys.
      await page.getByTestId('sheet-row').first().getByRole('radio').first().focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await page.getByTestId('sheet-row').first().getAttribute('data-status')).toBe('EXCUSED');
      await page.getByRole('button', { name: 'Tất cả có mặt' }).click();
      await page.getByTestId('sheet-row').first().getByRole('radio', { name: 'Vắng có phép', exact: true }).check();
      await page.getByRole('button', { name: 'Lưu điểm danh' }).click();

      await expect.poll(() => page.getByTestId('row-error').count()).toBe(2);
      expect(await page.getByTestId('sheet-errors').textContent()).toContain('Chưa lưu gì: 2 dòng không hợp lệ');
      expect(await page.getByTestId('row-error').first().textContent()).toContain('chưa diễn ra');
      await screenshot(page, 'trainer-sheet-row-errors-360');
      await page.getByTestId('row-error').first().getByRole('button').click();
      await expect.poll(() => page.getByTestId('row-error').count()).toBe(1);
      await page.getByRole('button', { name: 'Xóa các thông báo lỗi' }).click();
      await expect.poll(() => page.getByTestId('row-error').count()).toBe(0);

      const sheet = await ok<{ sessionSheet: { rows: { mark: unknown }[] } }>(
        `query($id: ID!) { sessionSheet(sessionId: $id) { rows { mark { status } } } }`,
        { id: upcoming.sessionId },
        TRAINER,
      );
      expect(sheet.sessionSheet.rows.map((row) => row.mark)).toEqual([null, null, null]);
      await context.close();
      expect(pageErrors).toEqual([]);
    },
    120_000,
  );

  inBrowser(
    'the trainer closes the course and issues its certificates with a progress bar',
    async () => {
      const { context, page } = await newPage({ width: 360, height: 740 });
      await signIn(page, 'trainer');
      await page.goto(`${origin}/#/trainer/course/${course.id}`);
      await page.getByRole('button', { name: 'Kết thúc khóa học và xét hoàn thành' }).click();
      await expect.poll(() => page.locator('.notice-success').first().textContent()).toContain('Đã kết thúc khóa học');
      const issue = page.getByRole('button', { name: /^Cấp chứng chỉ cho \d+ học viên hoàn thành$/ });
      await issue.waitFor();
      const count = Number(/(\d+)/.exec((await issue.textContent()) ?? '')?.[1]);
      expect(count).toBeGreaterThanOrEqual(4);
      await issue.click();
      await expect.poll(() => page.locator('.progress span').textContent()).toBe(`Đã cấp ${count}/${count}`);
      expect(await page.getByTestId('issue-progress').getAttribute('value')).toBe(String(count));
      await expect
        .poll(() => page.getByTestId('certificates-held').textContent())
        .toBe(`Đã có chứng chỉ: ${count}/${count} học viên hoàn thành`);
      await screenshot(page, 'trainer-certificates-360');
      await context.close();
      expect(pageErrors).toEqual([]);
    },
    120_000,
  );

  inBrowser(
    'a trainee sees their course and attendance, downloads the certificate PDF, and gets its verification link',
    async () => {
      const { context, page } = await newPage();
      await signIn(page, 'trainee');
      const enrolment = page.getByTestId('enrolment').filter({ hasText: course.title });
      await enrolment.waitFor();
      await enrolment.getByRole('button', { name: 'Xem điểm danh' }).click();
      await expect.poll(() => enrolment.locator('tbody tr').count()).toBe(3);
      expect(await enrolment.locator('tbody').textContent()).toContain('Có mặt');

      const card = page.getByTestId('certificate').first();
      await card.waitFor();
      const serial = await card.getAttribute('data-serial');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        card.getByRole('button', { name: /Tải PDF/ }).click(),
      ]);
      // The name the server gives, in Vietnamese: "giấy-chứng-nhận-<serial>-nguyễn-văn-hải.pdf".
      expect(download.suggestedFilename().normalize('NFC')).toBe(`giấy-chứng-nhận-${serial}-nguyễn-văn-hải.pdf`);
      const bytes = readFileSync(await download.path());
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const mine = await ok<{ myCertificates: { serial: string; sha256: string; verificationCode: string }[] }>(
        '{ myCertificates { serial sha256 verificationCode } }',
        {},
        TRAINEE,
      );
      const certificate = mine.myCertificates.find((candidate) => candidate.serial === serial);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(certificate?.sha256);
      expect(await card.getByRole('textbox').inputValue()).toBe(`${origin}/verify/${certificate?.verificationCode}`);
      await screenshot(page, 'trainee-certificates');

      // English on request; dates stay dd/mm/yyyy.
      await page.getByTestId('language').click();
      await page.getByRole('heading', { level: 2, name: 'My certificates' }).waitFor();
      expect(await card.textContent()).toMatch(/Issued on: \d{2}\/\d{2}\/\d{4}/);
      expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
      await page.getByTestId('language').click();
      await context.close();
      expect(pageErrors).toEqual([]);
    },
    120_000,
  );

  inBrowser(
    'the verify page, signed out, says valid from the link and by typed code, then revoked, and names the replacement of a reissued certificate',
    async () => {
      const mine = await ok<{ myCertificates: { id: string; verificationCode: string }[] }>(
        '{ myCertificates { id verificationCode } }',
        {},
        TRAINEE,
      );
      const { id, verificationCode } = mine.myCertificates[0];
      const { context, page } = await newPage({ width: 360, height: 740 });
      await page.goto(`${origin}/#/verify/${verificationCode}`);
      const verdict = page.getByTestId('verdict');
      await expect.poll(() => verdict.getAttribute('data-status')).toBe('VALID');
      expect(await verdict.textContent()).toContain('Chứng chỉ hợp lệ');
      expect(await verdict.textContent()).toContain('Nguyễn Văn Hải');
      await expectNoHorizontalScroll(page);
      await screenshot(page, 'verify-valid-360');

      // The shared link itself (the QR code's) opens the public page on the same origin.
      const shared = await page
        .context()
        .request.get(`${origin}/verify/${verificationCode}`, { headers: { accept: 'text/html' } });
      expect(shared.status()).toBe(200);
      expect(await shared.text()).toContain('Nguyễn Văn Hải');

      await ok(
        `mutation($id: ID!) { revokeCertificate(id: $id, reason: "Cấp nhầm thông tin khóa học") { id } }`,
        { id },
        TRAINER,
      );
      await page.goto(`${origin}/#/verify`);
      await page.getByLabel('Mã xác minh').fill(verificationCode);
      await page.getByRole('button', { name: 'Tra cứu' }).click();
      await expect.poll(() => page.getByTestId('verdict').getAttribute('data-status')).toBe('REVOKED');
      expect(await page.getByTestId('verdict').textContent()).toContain('Chứng chỉ đã bị thu hồi');
      expect(await page.getByTestId('replacement').count()).toBe(0);
      await screenshot(page, 'verify-revoked-360');

      // Issued again and then reissued: the older code names its replacement, by serial and status only.
      const { certificate: enrolmentCertificate } = await ok<{ certificate: { enrolment: { id: string } } }>(
        `query($id: ID!) { certificate(id: $id) { enrolment { id } } }`,
        { id },
        TRAINER,
      );
      const again = await ok<{ issueCertificate: { id: string; verificationCode: string } }>(
        `mutation($enrolmentId: ID!) { issueCertificate(enrolmentId: $enrolmentId) { id verificationCode } }`,
        { enrolmentId: enrolmentCertificate.enrolment.id },
        TRAINER,
      );
      const { reissueCertificate: replacement } = await ok<{ reissueCertificate: { serial: string } }>(
        `mutation($id: ID!) { reissueCertificate(id: $id, reason: "Sửa họ tên theo căn cước") { serial } }`,
        { id: again.issueCertificate.id },
        TRAINER,
      );
      await page.goto(`${origin}/#/verify/${again.issueCertificate.verificationCode}`);
      await expect.poll(() => page.getByTestId('verdict').getAttribute('data-status')).toBe('REVOKED');
      const replaced = page.getByTestId('replacement');
      expect(await replaced.getAttribute('data-status')).toBe('VALID');
      expect(await replaced.textContent()).toContain(`Chứng chỉ này đã được thay thế bằng chứng chỉ số ${replacement.serial}`);
      expect(await replaced.textContent()).toContain('Hợp lệ');
      await expectNoHorizontalScroll(page);
      await screenshot(page, 'verify-replaced-360');

      await page.goto(`${origin}/#/verify/KHONG-CO-MA-NAY`);
      await expect.poll(() => page.getByTestId('verdict').getAttribute('data-status')).toBe('NOT_FOUND');
      await context.close();
      expect(pageErrors).toEqual([]);
    },
    120_000,
  );

  inBrowser(
    'the dashboard renders its scorecard and charts with data, drills down, and has no console errors',
    async () => {
      const { context, page } = await newPage();
      await signIn(page, 'viewer');
      const yearly = page.locator('[data-tile="trainingYear"]');
      await yearly.waitFor();
      expect(await yearly.getAttribute('data-status')).toMatch(/^(ACHIEVED|ON_TRACK|AT_RISK|OFF_TRACK|MISSED|NOT_STARTED)$/);
      if (year === Number(today.slice(0, 4))) expect(await yearly.textContent()).toContain(`${NAMES.length} / 60 lượt người`);

      for (const name of ['participations', 'cumulative', 'budget']) {
        const chart = page.locator(`[data-chart="${name}"]`);
        await chart.waitFor();
        expect(Number(await chart.getAttribute('data-points')), name).toBeGreaterThan(0);
        // Something is drawn: the canvas holds pixels other than the white background.
        await expect.poll(() => page.evaluate<number>(inkedPixels(name)), { message: name }).toBeGreaterThan(500);
      }
      const participations = await page.locator('[data-chart="participations"]').textContent();
      expect(participations).toContain('Lượt người được bồi dưỡng theo năm');

      await yearly.click();
      const drilldown = page.getByTestId('drilldown');
      await drilldown.waitFor();
      expect(
        await drilldown
          .locator('tbody tr')
          .filter({ hasText: String(year) })
          .textContent(),
      ).toContain(String(NAMES.length));
      await page.locator('[data-tile="budget"]').click();
      await expect.poll(() => drilldown.textContent()).toMatch(/\d{1,3}(\.\d{3})+ ₫/);
      await screenshot(page, 'dashboard');

      // The annual report of the year shown, as a PDF.
      const currentYear = Number(today.slice(0, 4));
      const [report] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `Tải báo cáo năm ${currentYear} (PDF)` }).click(),
      ]);
      expect(
        readFileSync(await report.path())
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-');
      expect(report.suggestedFilename()).toMatch(new RegExp(`${currentYear}\\.pdf$`));

      await page.setViewportSize({ width: 360, height: 740 });
      await expectNoHorizontalScroll(page);
      await screenshot(page, 'dashboard-360');
      await context.close();
      expect(pageErrors).toEqual([]);
    },
    120_000,
  );
});
