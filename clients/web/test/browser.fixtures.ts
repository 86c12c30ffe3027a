/**
 * The browser harness of the web app's tests: the app built from its sources, the real stack
 * (three subgraphs on fresh PostgreSQL databases and the gateway serving the built app on its own
 * origin) and Debian's Chromium driven by playwright-core; data arranged through the gateway's
 * mutations, pages watched for console errors, screenshots in test-results/web/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { type Caller, type Stack, startStack } from '../../../test/harness';

const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
const WEB_ROOT = path.resolve(__dirname, '..');
const SCREENSHOTS = path.resolve(__dirname, '../../../test-results/web');

/** The flags that keep Chromium off the network it cannot reach here (see the machine notes). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** How many pixels of a chart's canvas are not (near) white: something was drawn. Runs in the page. */
export function inkedPixels(chart: string): string {
  return `(() => {
    const canvas = document.querySelector('[data-chart="${chart}"] canvas');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200)) inked++;
    return inked;
  })()`;
}

/** The demo users the development sign-in hands out: arranged data belongs to them. */
export const TRAINER: Caller = { role: 'trainer', subject: 'demo-trainer' };
export const ADMIN: Caller = { role: 'admin', subject: 'e2e-admin' };
export const TRAINEE: Caller = { role: 'trainee', subject: 'demo-trainee' };

/** The date `days` after a LocalDate. */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

if (!HAS_CHROMIUM) {
  process.stderr.write(
    `\nBrowser tests SKIPPED: ${CHROMIUM} is absent. \`npm test\` installs Debian's chromium when run as root; or run \`apt-get install -y chromium\`.\n\n`,
  );
}

/** A test that needs the browser: skipped, and named so, without Chromium. */
export const inBrowser = HAS_CHROMIUM ? it : it.skip;

/**
 * Starts the stack and the browser before the tests of the calling `describe` and stops them
 * after; each test starts with no page error recorded, and the browser contexts it opened are
 * closed after it (with a screenshot of each page when it failed).
 */
export function browserHarness() {
  const env = {} as { stack: Stack; browser: Browser; origin: string };
  /** Console errors and uncaught exceptions of every page of the current test. */
  const pageErrors: string[] = [];
  /** The browser contexts the current test opened. */
  let opened: { context: BrowserContext; page: Page }[] = [];

  async function ok<T>(query: string, variables: Record<string, unknown>, caller: Caller): Promise<T> {
    const result = await env.stack.execute<T>({ query, variables }, caller);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as T;
  }

  async function createCourse(code: string, title: string, startDate: string, endDate: string): Promise<string> {
    const created = await ok<{ createCourse: { id: string } }>(
      `mutation($input: CourseInput!) { createCourse(input: $input) { id } }`,
      {
        input: {
          code,
          title,
          kind: 'VERIFIER_TRAINING',
          field: 'MASS',
          venue: 'Sở Khoa học và Công nghệ tỉnh Lạng Sơn',
          startDate,
          endDate,
          plannedHours: 12,
          capacity: 40,
          planCode: '129/KH-UBND',
        },
      },
      TRAINER,
    );
    return created.createCourse.id;
  }

  async function addSession(courseId: string, date: string, topic: string): Promise<string> {
    const added = await ok<{ addSession: { id: string } }>(
      `mutation($courseId: ID!, $input: SessionInput!) { addSession(courseId: $courseId, input: $input) { id } }`,
      { courseId, input: { date, startTime: '08:00', endTime: '11:30', topic } },
      TRAINER,
    );
    return added.addSession.id;
  }

  async function enrol(courseId: string, traineeId: string, enrolledOn: string): Promise<void> {
    await ok(
      `mutation($courseId: ID!, $traineeId: ID!, $on: LocalDate) { enrol(courseId: $courseId, traineeId: $traineeId, enrolledOn: $on) { id } }`,
      { courseId, traineeId, on: enrolledOn },
      TRAINER,
    );
  }

  /** A fresh browser context (its own storage: signed out), watched for console errors. */
  async function newPage(options: { width: number; height: number } = { width: 1280, height: 900 }): Promise<{
    context: BrowserContext;
    page: Page;
  }> {
    const context = await env.browser.newContext({
      viewport: options,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      acceptDownloads: true,
      hasTouch: options.width < 500,
    });
    const page = await context.newPage();
    opened.push({ context, page });
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    return { context, page };
  }

  async function signIn(page: Page, role: 'trainer' | 'trainee' | 'viewer'): Promise<void> {
    await page.goto(`${env.origin}/#/signin`);
    await page.locator(`button[data-role="${role}"]`).click();
    await page.waitForURL(/#\/(trainer|trainee|dashboard)$/);
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /** Nothing wider than the window: the page works at its width without sideways scrolling. */
  async function expectNoHorizontalScroll(page: Page): Promise<void> {
    // Expressions as text: this file is type-checked without the DOM library (they run in the page).
    const overflow = () => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    await expect.poll(overflow).toBeLessThanOrEqual(0);
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The app as the sources are now (the gateway serves clients/web/dist).
    execFileSync(process.execPath, [path.join(WEB_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
      cwd: WEB_ROOT,
      stdio: 'inherit',
    });
    env.stack = await startStack();
    env.origin = new URL(env.stack.gatewayUrl).origin;
    if (HAS_CHROMIUM) env.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 240_000);

  beforeEach(() => {
    pageErrors.length = 0;
  });

  // A failed test leaves a screenshot of where it stopped; every context is closed either way.
  afterEach(async ({ task }) => {
    const failed = task.result?.state === 'fail';
    for (const [index, { context, page }] of opened.entries()) {
      if (failed && !page.isClosed()) await screenshot(page, `FAILED-${task.name.slice(0, 40).replace(/\W+/g, '-')}-${index}`);
      await context.close();
    }
    opened = [];
  });

  afterAll(async () => {
    await env.browser?.close();
    await env.stack?.stop();
  });

  return { env, pageErrors, ok, createCourse, addSession, enrol, newPage, signIn, screenshot, expectNoHorizontalScroll };
}
