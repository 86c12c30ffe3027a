/**
 * The load generator, in its own process (forked by `run.mjs`, jobs and results over IPC), so that
 * its CPU is counted apart from the servers' and does not slow their event loops. Closed loop: `clients` concurrent workers
 * each send a request, wait for the answer, check it and send the next, until `seconds` have passed
 * and at least `minRequests` were sent; a request in flight at the deadline is awaited and
 * counted. Every answer is checked (`checks.mjs`); the first wrong one ends the run.
 *
 * Jobs:
 * - `http`: POST an operation to a URL, with a bearer token (the gateway: `auth.tokens`, one per
 *   distinct caller, worker i sending token i modulo their number, or `auth.token` for every
 *   worker) or signed like the gateway's own calls (straight to a subgraph: kit `signIdentity`,
 *   over each body, per request);
 *   optionally with a write every `writeEverySeconds` in one database after another.
 * - `floor`: the scorecard's numbers by plain SQL (`floor.mjs`), one connection per database and
 *   worker, opened before the clock starts.
 * - `cold`: one request at a time, each after a write (the first read after a write).
 */
import { isDeepStrictEqual } from 'node:util';
import { CheckError, responseChecker } from './checks.mjs';
import { floorScorecard } from './floor.mjs';
import { pg, workspace } from './scenario.mjs';

const { signIdentity } = workspace('@metrology/kit/identity');

/** Longest wait for one answer: a hung server fails the run instead of stalling it. */
const REQUEST_TIMEOUT_MS = 120_000;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** A measurement's figures from its latencies (ms) and its start (`performance.now()`). */
function summarise(clients, latencies, started) {
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    clients,
    requests: latencies.length,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1],
  };
}

/**
 * Runs `request` in `clients` closed loops for `seconds` (and at least `minRequests` in all);
 * `request` resolves once its answer is checked.
 */
async function closedLoop({ clients, seconds, minRequests }, request) {
  const latencies = [];
  let sent = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, worker) => {
      while (performance.now() < deadline || sent < minRequests) {
        sent++;
        const begun = performance.now();
        await request(worker);
        latencies.push(performance.now() - begun);
      }
    }),
  );
  return summarise(clients, latencies, started);
}

async function httpJob(job) {
  const check = responseChecker(job.check, job.floor);
  const body = JSON.stringify(job.operation);
  const tokens = job.auth.tokens ?? [job.auth.token];
  const headersOf = (worker) =>
    job.auth.kind === 'bearer'
      ? { 'content-type': 'application/json', authorization: `Bearer ${tokens[worker % tokens.length]}`, ...job.headers }
      : {
          'content-type': 'application/json',
          ...signIdentity(job.auth.identity, { method: 'POST', target: new URL(job.url).pathname, body }, job.auth.secret),
          ...job.headers,
        };
  // How the gateway's response cache answered (its `x-response-cache` header), per answer.
  const cache = {};
  const request = async (worker) => {
    const response = await fetch(job.url, {
      method: 'POST',
      headers: headersOf(worker),
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    check(response.status, await response.text());
    const answered = response.headers.get('x-response-cache') ?? 'none';
    if (job.expectCache && answered !== job.expectCache) {
      throw new CheckError(`the gateway's response cache answered "${answered}", expected "${job.expectCache}"`);
    }
    cache[answered] = (cache[answered] ?? 0) + 1;
  };
  const writer = job.writeEverySeconds ? await startWriter(job.databases, job.writeEverySeconds) : null;
  try {
    return { ...(await closedLoop(job, request)), cache, writes: writer?.count() };
  } finally {
    await writer?.stop();
  }
}

/**
 * Writes while clients read: every `seconds`, one database's data revision raised and announced,
 * as a write there does (the databases in turn), so that kept answers retire and the next reads
 * compute again.
 */
async function startWriter(databases, seconds) {
  const clients = await Promise.all(
    Object.values(databases).map(async (url) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  let writes = 0;
  let pending = Promise.resolve();
  const timer = setInterval(() => {
    const client = clients[writes % clients.length];
    writes++;
    pending = pending.then(() => client.query(RAISE_AND_ANNOUNCE));
  }, seconds * 1000);
  return {
    count: () => writes,
    async stop() {
      clearInterval(timer);
      await pending;
      await Promise.all(clients.map((client) => client.end()));
    },
  };
}

async function floorJob(job) {
  const connections = await Promise.all(
    Array.from({ length: job.clients }, async () => {
      const clients = {};
      for (const [name, url] of Object.entries(job.databases)) {
        clients[name] = new pg.Client({ connectionString: url, statement_timeout: REQUEST_TIMEOUT_MS });
        await clients[name].connect();
      }
      return clients;
    }),
  );
  const parts = { training: [], labs: [], funding: [] };
  try {
    const result = await closedLoop(job, async (worker) => {
      const { numbers, ms } = await floorScorecard(connections[worker], job.scenario);
      if (!isDeepStrictEqual(numbers, job.floor)) throw new CheckError('the floor computed other numbers than at the start');
      for (const [name, value] of Object.entries(ms)) parts[name].push(value);
    });
    const mean = (values) => values.reduce((total, value) => total + value, 0) / values.length;
    return { ...result, partsMeanMs: Object.fromEntries(Object.entries(parts).map(([name, values]) => [name, mean(values)])) };
  } finally {
    await Promise.all(connections.flatMap((clients) => Object.values(clients).map((client) => client.end())));
  }
}

/**
 * The first read after a write: before each request every database's data revision is raised and
 * announced, as any write to the counted tables does (`raise_data_revision()`), so that the
 * gateway retires its kept answer and each subgraph computes its aggregates again. The answer
 * must not come from the gateway's response cache.
 */
const RAISE_AND_ANNOUNCE = `do $$
  declare
    announced text;
  begin
    update data_revision set revision = revision + 1 where id = 1 returning revision::text into announced;
    -- Revisions are epoch:number since the epochs (docs/CACHING.md); a build before them announces the number.
    if to_regproc('data_revision_now') is not null then
      execute 'select data_revision_now()' into announced;
    end if;
    perform pg_notify('data_revision', announced);
  end
$$`;
/** Time for the announcement to reach the gateway (it takes about a millisecond) before asking. */
const ANNOUNCE_WAIT_MS = 200;

async function coldJob(job) {
  const check = responseChecker(job.check, job.floor);
  const body = JSON.stringify(job.operation);
  const latencies = [];
  const started = performance.now();
  for (let sample = 0; sample < job.samples; sample++) {
    for (const url of Object.values(job.databases)) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(RAISE_AND_ANNOUNCE);
      } finally {
        await client.end();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, ANNOUNCE_WAIT_MS));
    const begun = performance.now();
    const response = await fetch(job.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${job.auth.token}` },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    check(response.status, await response.text());
    latencies.push(performance.now() - begun);
    const answered = response.headers.get('x-response-cache');
    if (answered !== 'miss') throw new CheckError(`a read after a write was answered "${answered}" by the response cache`);
  }
  return summarise(1, latencies, started);
}

const JOBS = { http: httpJob, floor: floorJob, cold: coldJob };

process.on('message', async (message) => {
  if (message.type === 'exit') {
    process.disconnect();
    return;
  }
  try {
    process.send({ type: 'result', id: message.id, result: await JOBS[message.type](message) });
  } catch (error) {
    process.send({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});
