#!/usr/bin/env node
/**
 * The project's two commands on a machine with only Node 20 and npm:
 *
 *   npm start   install what is missing (pnpm included), build, start the three subgraphs and the
 *               gateway on the embedded database (or on PostgreSQL when database URLs are set),
 *               seed the plan, print the URLs. Ctrl-C stops everything; the data stays in .data/.
 *   npm test    install, type-check, lint, run every test against PostgreSQL at 127.0.0.1:5432.
 *
 * Also: `npm run compose` (each subgraph prints its schema, the role matrices print docs/ROLES.md,
 * the gateway composes the printed schemas into its supergraph) and
 * `npm run token -- --role viewer` (a development token).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).packageManager.split('@')[1];
const isWindows = process.platform === 'win32';

/** Progress goes to stderr, so that `npm run -s token` prints only the token on stdout. */
function log(message) {
  process.stderr.write(`\x1b[36m▸\x1b[0m ${message}\n`);
}

function fail(message) {
  process.stderr.write(`\x1b[31m✗\x1b[0m ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: isWindows, ...options });
  if (result.status !== 0) fail(`${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** pnpm of the pinned version: a global one if it is that version, else through npx. */
function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: isWindows });
  if (probe.status === 0 && probe.stdout.trim() === PNPM_VERSION) return ['pnpm', []];
  return ['npx', ['-y', `pnpm@${PNPM_VERSION}`]];
}

function pnpm(args) {
  const [command, prefix] = pnpmCommand();
  run(command, [...prefix, ...args]);
}

/** Installs dependencies unless node_modules is newer than the lock file. */
function install() {
  const marker = path.join(ROOT, 'node_modules', '.modules.yaml');
  const lock = path.join(ROOT, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log(`Installing dependencies with pnpm ${PNPM_VERSION}…`);
  pnpm(['install', '--frozen-lockfile']);
}

function build() {
  log('Building (TypeScript project references)…');
  run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
  log('Building the web app (Vite)…');
  const web = path.join(ROOT, 'clients', 'web');
  run(process.execPath, [path.join(web, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: web });
}

/**
 * The browser tests drive Debian's Chromium (no browser can be downloaded here): installed with
 * apt-get when absent and we are root; otherwise those tests are skipped, and say so.
 */
function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    log(
      'Chromium (/usr/bin/chromium) is absent and cannot be installed without root and apt-get: the browser tests will be skipped. Install it with `sudo apt-get install -y chromium`.',
    );
    return;
  }
  log('Installing Chromium for the browser tests (apt-get install chromium)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ok = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  if (!ok(['-q', 'update']) || !ok(['-q', 'install', '-y', 'chromium'])) {
    log('Chromium could not be installed: the browser tests will be skipped.');
  }
}

function canConnect(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** Prints a child's pino JSON lines as short readable lines, prefixed with the service. */
function relay(name, stream, colour) {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      let text = line;
      try {
        const entry = JSON.parse(line);
        const level = entry.level >= 50 ? 'error' : entry.level >= 40 ? 'warn' : '';
        const extra = entry.err?.message ? ` — ${entry.err.message}` : entry.reason ? ` — ${entry.reason}` : '';
        text = `${level ? `${level}: ` : ''}${entry.msg}${extra}`;
      } catch {
        // not JSON: print as is
      }
      process.stdout.write(`\x1b[${colour}m${name.padEnd(8)}\x1b[0m ${text}\n`);
    }
  });
}

async function start() {
  install();
  build();
  const env = {
    SEED_DEMO: 'true',
    // Where the services answer: the gateway calls them there, and funding asks training and labs
    // whether the activity a payment names exists.
    TRAINING_URL: 'http://127.0.0.1:4001/graphql',
    LABS_URL: 'http://127.0.0.1:4002/graphql',
    FUNDING_URL: 'http://127.0.0.1:4003/graphql',
    // The reports service reads the gateway's /graphql; the gateway proxies /reports/ to it.
    REPORTS_URL: 'http://127.0.0.1:4004',
    GATEWAY_GRAPHQL_URL: 'http://127.0.0.1:4000/graphql',
    ...process.env,
    DATA_DIR: process.env.DATA_DIR ?? path.join(ROOT, '.data'),
  };
  const embedded = !env.TRAINING_DATABASE_URL && !env.LABS_DATABASE_URL && !env.FUNDING_DATABASE_URL;
  for (const port of [4000, 4001, 4002, 4003, 4004]) {
    if (await canConnect('127.0.0.1', port, 300)) fail(`Port ${port} is in use: is the platform already running?`);
  }
  log(embedded ? `Starting on the embedded database in ${env.DATA_DIR}…` : 'Starting on PostgreSQL (database URLs are set)…');

  const children = [];
  let stopping = false;
  const spawnService = (name, script, colour) => {
    const child = spawn(process.execPath, [path.join(ROOT, script)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    relay(name, child.stdout, colour);
    relay(name, child.stderr, colour);
    child.on('exit', (code, signal) => {
      if (!stopping) {
        process.stderr.write(`${name} exited (${signal ?? code}); stopping the others.\n`);
        shutdown(1);
      }
    });
    children.push(child);
    return child;
  };
  const shutdown = (code = 0) => {
    if (stopping) return;
    stopping = true;
    log('Stopping…');
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null))).then(
      () => {
        log('Stopped. The data is kept for the next start.');
        process.exit(code);
      },
    );
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));

  const started = Date.now();
  spawnService('training', 'subgraphs/training/dist/main.js', 33);
  spawnService('labs', 'subgraphs/labs/dist/main.js', 35);
  spawnService('funding', 'subgraphs/funding/dist/main.js', 32);
  const ready = await Promise.all([4001, 4002, 4003].map((port) => waitFor(`http://127.0.0.1:${port}/ready`, 120_000)));
  if (!ready.every(Boolean)) return shutdown(1);
  spawnService('gateway', 'gateway/dist/main.js', 34);
  spawnService('reports', 'clients/reports/dist/main.js', 36);
  const up = await Promise.all([4000, 4004].map((port) => waitFor(`http://127.0.0.1:${port}/health`, 60_000)));
  if (!up.every(Boolean)) return shutdown(1);

  const token = spawnSync(process.execPath, [path.join(ROOT, 'clients/cli/dist/main.js'), 'token', '--role', 'viewer'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  }).stdout.trim();
  const query =
    '{ plan(code: \\"129/KH-UBND\\") { code phases { number startDate endDate } trainingTargets { indicator phase scope value } infrastructureTargets { indicator phase scope value } envelopes { source amount } budgetTotal } }';
  process.stdout.write(`
\x1b[1mNền tảng đo lường Lạng Sơn — Kế hoạch 129/KH-UBND\x1b[0m  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

  Web app (sign in as a demo user):   http://localhost:4000/
  Gateway (GraphQL, Apollo Sandbox):  http://localhost:4000/graphql
  Subgraphs (gateway-signed only):    training :4001 · labs :4002 · funding :4003
  Reports service (gateway only):     :4004 (annual report PDF, /reports/annual/<plan>/<year>.pdf)
  Data:                               ${embedded ? env.DATA_DIR : 'PostgreSQL'}

  Development token (viewer), paste as header "Authorization: Bearer <token>" in Sandbox:
  ${token}
  Tokens for other roles: npm run token -- --role <admin|trainer|trainee|assessor|finance|viewer>

  Try it:
  curl -s http://localhost:4000/graphql -H 'content-type: application/json' \\
    -H 'authorization: Bearer ${token}' \\
    -d '{"query":"${query}"}'

  Ctrl-C stops everything.
`);
}

async function test() {
  install();
  build();
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  if (!(await canConnect(url.hostname, Number(url.port || 5432)))) {
    fail(
      `PostgreSQL is not reachable at ${url.hostname}:${url.port || 5432}. Start it (see README, "Tests") or set TEST_DATABASE_URL.`,
    );
  }
  ensureChromium();
  log('Lint and format check (biome)…');
  run(process.execPath, [path.join(ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'), 'check', '.']);
  log('Tests (vitest)…');
  run(process.execPath, [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(3)]);
}

/**
 * Each subgraph prints its schema from its code (`subgraphs/<name>/schema.graphql`) and the role
 * matrices print docs/ROLES.md; then the gateway composes the committed schemas, read as files,
 * into gateway/supergraph.graphql. The gateway has no build dependency on the subgraphs: a schema
 * change rebuilds the subgraphs only, and the running gateway takes the new supergraph at its next
 * start.
 */
function compose() {
  install();
  const subgraphs = ['training', 'labs', 'funding'].map((name) => path.join('subgraphs', name));
  log('Building the subgraphs and the gateway (TypeScript project references)…');
  run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', ...subgraphs, 'gateway']);
  const kitCli = (name) => path.join(ROOT, 'subgraphs', 'kit', 'dist', 'cli', `${name}.js`);
  run(process.execPath, [kitCli('print-schema'), ...subgraphs]);
  run(process.execPath, [kitCli('roles-document'), ROOT]);
  run(process.execPath, [path.join(ROOT, 'gateway', 'dist', 'compose.js')]);
}

function token() {
  install();
  build();
  run(process.execPath, [path.join(ROOT, 'clients/cli/dist/main.js'), 'token', ...process.argv.slice(3)]);
}

/** The trainers' command line, built first: `npm run -s cli -- <command> …`. */
function cli() {
  install();
  build();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'clients/cli/dist/main.js'), ...process.argv.slice(3)], {
    cwd: process.env.INIT_CWD ?? process.cwd(),
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}

const command = process.argv[2];
if (command === 'start') await start();
else if (command === 'token') token();
else if (command === 'cli') cli();
else if (command === 'test') await test();
else if (command === 'compose') compose();
else fail('usage: launch.mjs start|test|compose|token|cli');
