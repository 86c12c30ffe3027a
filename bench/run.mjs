#!/usr/bin/env node
/**
 * The benchmark of issue 6 (point 6), one command: `npx tsc -b && npm run bench`.
 *
 * 1. Data: the generated data set in databases `metrology_bench_training`, `_labs` and `_funding`
 *    on TEST_DATABASE_URL's server (default the local PostgreSQL): made once (each subgraph's
 *    migrations and seeds, then SQL `insert … select generate_series`), kept for the next run;
 *    `--regenerate` makes it again (`dataset.mjs`).
 * 2. The system: the three subgraphs and the gateway, each its own process from the built `dist`,
 *    in production mode, on free loopback ports (`services.mjs`).
 * 3. The load: a load generator in a process of its own (`load.mjs`), every answer checked
 *    against the numbers plain SQL computes from the same databases (`checks.mjs`, `floor.mjs`):
 *    (a) the scorecard (`SCORECARD_QUERY` of `@metrology/reports`) through the gateway at 1 and 16
 *        clients, and its first read after a write;
 *    (b) a query funding answers alone, through the gateway and straight to funding, at 1 and 16
 *        clients: the gateway's overhead;
 *    (c) the floor: the scorecard's aggregates by plain SQL, at 1 and 16 clients, with the
 *        services stopped.
 * 4. The report: printed, and written into docs/BENCHMARKS.md (`report.mjs`).
 *
 *   npm run bench -- [--seconds 10] [--regenerate] [--profile]
 *
 * `--profile`: instead of the whole run, only the scorecard with the response cache bypassed at 16
 * callers, every service under V8's CPU profiler; prints where each one's CPU went
 * (`profile.mjs`) and writes nothing into docs/BENCHMARKS.md.
 *
 * Only 127.0.0.1 and the PostgreSQL server are ever contacted.
 */
import { fork } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cpuPerRequest, cpuReading } from './cpu.mjs';
import { countRows, prepareDatasets, withClient } from './dataset.mjs';
import { floorScorecard } from './floor.mjs';
import { nowMicros, profileText, summariseProfiles } from './profile.mjs';
import { DOC, machine, resultsMarkdown, writeDoc } from './report.mjs';
import { AS_OF, BUDGET_QUERY, BUDGET_VARIABLES, pg, ROOT, SCORECARD_VARIABLES, VIEWER, workspace } from './scenario.mjs';
import { runSecrets, startServices } from './services.mjs';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    regenerate: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(options.seconds);
if (!(SECONDS > 0)) throw new Error('--seconds must be a positive number');
/** Before each load measurement, at its concurrency, answers checked but not counted. */
const WARMUP_SECONDS = 2;
/** Samples of the scorecard's first read after a write. */
const COLD_SAMPLES = 3;
/** The 16-client scorecard measurements send one token per client: 16 distinct viewers. */
const CALLERS = 16;

const { TEST_SERVER_URL } = workspace('@metrology/kit/testing');
const { loadGatewayConfig } = workspace('@metrology/gateway');
const { signDevelopmentToken } = workspace('@metrology/kit/identity');
const { SCORECARD_QUERY } = workspace('@metrology/reports');

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** A request that the gateway's response cache must not answer, and that says so. */
const BYPASS = { headers: { 'cache-control': 'no-cache' }, expectCache: 'bypass' };

/** The scorecard's numbers, once, untimed, participations recounted from the marks: what every answer is checked against. */
async function referenceNumbers(databases) {
  const clients = {};
  try {
    for (const [name, url] of Object.entries(databases)) {
      clients[name] = new pg.Client({ connectionString: url });
      await clients[name].connect();
    }
    return (await floorScorecard(clients, { ...SCORECARD_VARIABLES }, { fromMarks: true })).numbers;
  } finally {
    await Promise.all(Object.values(clients).map((client) => client.end()));
  }
}

/** The load generator's process, with a promise per job. */
function startLoadGenerator() {
  const child = fork(path.join(import.meta.dirname, 'load.mjs'), [], { serialization: 'advanced', stdio: 'inherit' });
  const pending = new Map();
  let next = 0;
  child.on('message', (message) => {
    const job = pending.get(message.id);
    pending.delete(message.id);
    if (message.type === 'result') job.resolve(message.result);
    else job.reject(new Error(`${job.label}: ${message.message}`));
  });
  child.on('exit', (code) => {
    for (const job of pending.values()) job.reject(new Error(`the load generator exited (${code}) during ${job.label}`));
    pending.clear();
  });
  return {
    pid: child.pid,
    run(label, job) {
      log(`${label} …`);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { label, resolve, reject });
        child.send({ ...job, id });
      }).then((result) => {
        log(`${label}: ${result.requests} requests, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`);
        return result;
      });
    },
    stop() {
      if (child.connected) child.send({ type: 'exit' });
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

const started = new Date();
const loadBefore = os.loadavg();
log(`preparing the data set${options.regenerate ? ' (regenerating)' : ''} …`);
const databases = await prepareDatasets({ regenerate: options.regenerate, log });
const floor = await referenceNumbers(databases);
const participations = [...floor.training.byYear.values()].reduce((total, count) => total + count, 0);
const sizes = [
  ...(await countRows(databases)),
  { database: 'training', table: `participations as of ${AS_OF} (enrolments with an attended session)`, rows: participations },
];

const secrets = runSecrets();
const profileDir = options.profile ? await mkdtemp(path.join(os.tmpdir(), 'metrology-bench-profile-')) : undefined;
const services = await startServices(databases, secrets, { profileDir });
const loadGenerator = startLoadGenerator();

/**
 * One load measurement: a warm-up at the same concurrency (answers checked, not counted), then
 * the measurement with the CPU each process spent on it.
 */
async function measure(label, job, pids) {
  if (job.type === 'http') await loadGenerator.run(`${label}, warm-up`, { ...job, seconds: WARMUP_SECONDS, minRequests: 1 });
  const before = await cpuReading(pids);
  const result = await loadGenerator.run(label, job);
  return { ...result, cpuMs: cpuPerRequest(before, await cpuReading(pids), result.requests) };
}

const results = {};
try {
  log(`services up on 127.0.0.1 (logs in ${services.logDir})`);
  const pids = { ...services.pids, load: loadGenerator.pid };
  const jwt = loadGatewayConfig(services.gatewayEnv).jwt;
  const token = await signDevelopmentToken(jwt, { subject: VIEWER.subject, roles: VIEWER.roles, name: VIEWER.name });
  // Distinct callers: viewers `bench-viewer-1` … `-16`, one per client (the first is the 1-client caller).
  const tokens = await Promise.all(
    Array.from({ length: CALLERS }, (_, index) =>
      signDevelopmentToken(jwt, { subject: `${VIEWER.subject}-${index + 1}`, roles: VIEWER.roles, name: VIEWER.name }),
    ),
  );
  const scorecard = { query: SCORECARD_QUERY, variables: SCORECARD_VARIABLES };
  const viaGateway = { url: services.gatewayUrl, auth: { kind: 'bearer', token } };
  /** The scorecard's callers at `clients` clients: one token each (16 distinct viewers at 16). */
  const callers = (clients) => ({ url: services.gatewayUrl, auth: { kind: 'bearer', tokens: tokens.slice(0, clients) } });
  const timing = { seconds: SECONDS, minRequests: 1 };

  if (profileDir) {
    const job = {
      type: 'http',
      ...callers(CALLERS),
      ...timing,
      clients: CALLERS,
      operation: scorecard,
      check: 'scorecard',
      floor,
      ...BYPASS,
    };
    await loadGenerator.run('(profile) scorecard, response cache bypassed, warm-up', { ...job, seconds: WARMUP_SECONDS });
    const before = await cpuReading(pids);
    const from = nowMicros();
    const result = await loadGenerator.run(`(profile) scorecard, response cache bypassed, ${CALLERS} callers`, job);
    const window = [from, nowMicros()];
    result.cpuMs = cpuPerRequest(before, await cpuReading(pids), result.requests);
    await services.stop();
    process.stdout.write(`CPU ms per request (/proc, under the profiler): ${JSON.stringify(result.cpuMs)}\n\n`);
    process.stdout.write(profileText(await summariseProfiles(profileDir, window), result.requests));
    log(`profiles in ${profileDir}`);
    loadGenerator.stop();
    process.exit(0);
  }

  // First, while every cache is still empty after the start, then after a write before each.
  results.cold = await loadGenerator.run('(a) scorecard, first read after a write', {
    type: 'cold',
    ...viaGateway,
    operation: scorecard,
    check: 'scorecard',
    floor,
    databases,
    samples: COLD_SAMPLES,
  });
  // As served (the gateway's response cache answers repeats); as served while a write lands every
  // second (each retires the kept answer); then with the response cache bypassed
  // (`Cache-Control: no-cache`): every request computed by the subgraphs from their aggregate
  // caches.
  results.scorecard = {};
  results.scorecardWrites = {};
  results.scorecardComputed = {};
  for (const clients of [1, 16]) {
    results.scorecard[clients] = await measure(
      `(a) scorecard through the gateway, ${clients} clients`,
      { type: 'http', ...callers(clients), ...timing, clients, operation: scorecard, check: 'scorecard', floor },
      pids,
    );
    results.scorecardWrites[clients] = await measure(
      `(a) scorecard through the gateway, a write every second, ${clients} clients`,
      {
        type: 'http',
        ...callers(clients),
        ...timing,
        clients,
        operation: scorecard,
        check: 'scorecard',
        floor,
        databases,
        writeEverySeconds: 1,
      },
      pids,
    );
    results.scorecardComputed[clients] = await measure(
      `(a) scorecard through the gateway, response cache bypassed, ${clients} clients`,
      { type: 'http', ...callers(clients), ...timing, clients, operation: scorecard, check: 'scorecard', floor, ...BYPASS },
      pids,
    );
  }

  const budget = { query: BUDGET_QUERY, variables: BUDGET_VARIABLES };
  const direct = {
    url: services.subgraphUrls.funding,
    auth: { kind: 'signed', identity: VIEWER, secret: secrets.GATEWAY_SECRET },
  };
  // The gateway's own cost: its response cache bypassed, so that every request goes to funding.
  results.single = { gateway: {}, direct: {}, served: {} };
  for (const clients of [1, 16]) {
    for (const [route, target, label] of [
      ['gateway', { ...viaGateway, ...BYPASS }, 'through the gateway, response cache bypassed'],
      ['direct', direct, 'straight to funding'],
      ['served', viaGateway, 'through the gateway as served'],
    ]) {
      results.single[route][clients] = await measure(
        `(b) Budget ${label}, ${clients} clients`,
        { type: 'http', ...target, ...timing, clients, operation: budget, check: 'budget', floor },
        pids,
      );
    }
  }

  // The floor runs with the services stopped: PostgreSQL has the machine to itself.
  await services.stop();
  results.floor = {};
  for (const clients of [1, 16]) {
    results.floor[clients] = await measure(
      `(c) floor by plain SQL, ${clients} clients`,
      {
        type: 'floor',
        seconds: SECONDS,
        // At least one statement set per client, and a few at 1 client: one takes seconds.
        minRequests: clients === 1 ? 3 : clients,
        clients,
        databases,
        scenario: { ...SCORECARD_VARIABLES },
        floor,
      },
      { load: loadGenerator.pid },
    );
  }
} finally {
  loadGenerator.stop();
  await services.stop();
}

const host = {
  ...(await withClient(TEST_SERVER_URL, machine)),
  loadBefore,
  loadAfter: os.loadavg(),
};
const markdown = resultsMarkdown({
  started,
  finished: new Date(),
  host,
  sizes,
  results,
  commands: ['npx tsc -b', `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`],
});
await writeDoc(markdown);
process.stdout.write(`${markdown}\n`);
log(`written to ${path.relative(ROOT, DOC)}`);
