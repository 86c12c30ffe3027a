#!/usr/bin/env node
/**
 * Times the aggregates behind the scorecard and the annual report, straight at the subgraph that
 * owns each (no gateway), on a generated data set of realistic size:
 *
 *   training  30 years × 100 courses × 60 trainees = 3,000 courses, 33,000 sessions,
 *             180,000 enrolments, 1,980,000 attendance marks (30,000 people, so people repeat)
 *   labs      1,500 organisations, 150 laboratories, 600 recognitions (150 suspended),
 *             600 standards of 60 kinds, 3,000 assurance engagements, 600 capacity projects
 *   funding   30 years × 3 sources × 7 task groups = 630 budget lines, 1,260 allocations,
 *             25,200 disbursements and 2,520 reversals, 3,000 contributions
 *
 * For each field it prints: the SQL statements one request runs and their own time (EXPLAIN
 * ANALYZE), on the first read after a write (the cache refilled) and on a cached read; the field
 * through the subgraph's GraphQL endpoint at 1 and 16 concurrent clients (p50, p99, requests/s,
 * Node CPU per request), checking every answer; and the first read after a write, end to end.
 * The results of a run are in docs/CACHING.md.
 *
 *   node bench/aggregates.mjs [--seconds 2] [--regenerate] [--drop]
 *
 * Needs the build (`npx tsc -b`) and PostgreSQL at TEST_DATABASE_URL (default the local server).
 * The data sets are generated once into databases `metrology_bench_training`, `_labs` and
 * `_funding` (about a minute, mostly the attendance marks) and kept for the next run;
 * `--regenerate` makes them again, `--drop` drops them at the end. A run takes under a minute.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDatabase, generate, serverUrl, withClient } from './dataset.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
// The built workspace packages, as the end-to-end test package sees them.
const workspace = createRequire(path.join(ROOT, 'test', 'package.json'));
const { startSubgraph } = workspace('@metrology/kit');
const { loadSubgraphConfig } = workspace('@metrology/kit/config');
const { postSigned, identityOf, TEST_SERVER_URL } = workspace('@metrology/kit/testing');
const { trainingSubgraph } = workspace('@metrology/training');
const { fundingSubgraph } = workspace('@metrology/funding');
const { labsSubgraph } = workspace('@metrology/labs');

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    regenerate: { type: 'boolean', default: false },
    drop: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(options.seconds);
const PLAN = '129/KH-UBND';
const AS_OF = '2026-11-27';
const YEAR = 2026;

const VIEWER = identityOf('viewer', 'bench-viewer');

/** The fields timed, each as the gateway would ask its subgraph, with a check of the answer. */
const FIELDS = {
  baseline: {
    label: 'reference: a plan key through the training subgraph, no SQL (HTTP, signature, GraphQL)',
    operation: {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Plan { code } } }',
      variables: { r: [{ __typename: 'Plan', code: PLAN }] },
    },
    check: (data) => data?._entities?.[0]?.code === PLAN,
  },
  training: {
    label: 'Plan.trainingIndicator (training)',
    operation: {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Plan {
        trainingIndicator(asOf: "${AS_OF}", year: ${YEAR}) {
          yearly { actual target status pace forecast gap }
          phase { actual target status }
          participationsByYear { year actual }
        } } } }`,
      variables: { r: [{ __typename: 'Plan', code: PLAN }] },
    },
    check: (data) => data?._entities?.[0]?.trainingIndicator?.phase?.actual > 0,
    // What any write to marks, sessions, enrolments or courses does: the next read recounts.
    invalidate: 'update data_revision set revision = revision + 1',
  },
  labs: {
    label: 'Plan.infrastructureIndicators (labs)',
    operation: {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Plan {
        infrastructureIndicators(asOf: "${AS_OF}") {
          standards { actual status } assurance { actual status } laboratories { actual status series { year actual } }
          capacity { actual status } mapByOwnership { ownership completed }
        } } } }`,
      variables: { r: [{ __typename: 'Plan', code: PLAN }] },
    },
    check: (data) => data?._entities?.[0]?.infrastructureIndicators?.assurance?.actual > 0,
    invalidate: 'update data_revision set revision = revision + 1',
  },
  funding: {
    label: `Plan.budgetSummary (funding), year ${YEAR}`,
    operation: {
      query: `{ plan(code: "${PLAN}") { budgetSummary(asOf: "${AS_OF}", year: ${YEAR}) {
        total { planned allocated disbursed } bySource { source disbursed } byTaskGroup { taskGroup disbursed }
        contributions mobilisationRatio } } }`,
    },
    check: (data) => BigInt(data?.plan?.budgetSummary?.total?.disbursed ?? 0) > 0n,
    invalidate: 'update data_revision set revision = revision + 1',
  },
  fundingAllYears: {
    label: 'Plan.budgetSummary (funding), all years',
    operation: {
      query: `{ plan(code: "${PLAN}") { budgetSummary(asOf: "${AS_OF}") {
        total { planned allocated disbursed } bySource { source disbursed } byYear { year disbursed }
        contributions mobilisationRatio } } }`,
    },
    check: (data) => BigInt(data?.plan?.budgetSummary?.total?.disbursed ?? 0) > 0n,
    invalidate: 'update data_revision set revision = revision + 1',
  },
};

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function load(url, secret, field, clients) {
  const latencies = [];
  // The subgraph runs in this process: its CPU time (plus this client's, small) per request.
  const cpuBefore = process.cpuUsage();
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const answer = await postSigned(url, field.operation, VIEWER, secret);
        latencies.push(performance.now() - started);
        if (answer.errors || !field.check(answer.data))
          throw new Error(`unexpected answer: ${JSON.stringify(answer).slice(0, 500)}`);
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    cpuPerRequest: (cpu.user + cpu.system) / 1000 / latencies.length,
    requests: latencies.length,
    perSecond: latencies.length / SECONDS,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/**
 * The statements one request runs (captured from the ORM, values inlined) and their own time:
 * each is run again under EXPLAIN ANALYZE, one after the other.
 */
async function sqlProfile(url, subgraph, secret, field, captured) {
  captured.length = 0;
  const answer = await postSigned(subgraph.url, field.operation, VIEWER, secret);
  if (answer.errors || !field.check(answer.data)) throw new Error(`unexpected answer: ${JSON.stringify(answer).slice(0, 500)}`);
  const statements = [...captured];
  const ms = await withClient(url, async (client) => {
    let total = 0;
    for (const sql of statements) {
      const { rows } = await client.query(`explain (analyze, format json) ${sql}`);
      total += rows[0]['QUERY PLAN'][0]['Execution Time'];
    }
    return total;
  });
  return { count: statements.length, ms };
}

async function bench(name, definition, fields) {
  const database = `metrology_bench_${name}`;
  await ensureDatabase(database, options.regenerate);
  const url = serverUrl(database);
  const prefix = name.toUpperCase();
  const config = loadSubgraphConfig(name, { NODE_ENV: 'test', [`${prefix}_DATABASE_URL`]: url, [`${prefix}_PORT`]: '0' });
  const captured = [];
  const subgraph = await startSubgraph(definition, config, { onQuery: (sql) => captured.push(sql) });
  const rows = [];
  const sqlRow = (label, profile) =>
    rows.push(
      `| ${label}: its ${profile.count} SQL statements alone (EXPLAIN ANALYZE, in turn) | | ${profile.ms.toFixed(1)} | | | |`,
    );
  try {
    await generate(name, url);
    for (const key of fields) {
      const field = FIELDS[key];
      if (field.invalidate) {
        await withClient(url, (client) => client.query(field.invalidate));
        sqlRow(
          `${field.label}, first read after a write`,
          await sqlProfile(url, subgraph, config.gatewaySecret, field, captured),
        );
      }
      // Warm up (plans, caches, JIT), then measure.
      await load(subgraph.url, config.gatewaySecret, field, 1);
      sqlRow(field.label, await sqlProfile(url, subgraph, config.gatewaySecret, field, captured));
      for (const clients of [1, 16]) {
        const result = await load(subgraph.url, config.gatewaySecret, field, clients);
        rows.push(
          `| ${field.label} | ${clients} | ${result.p50.toFixed(1)} | ${result.p99.toFixed(1)} | ${result.perSecond.toFixed(1)} (${result.requests} in ${SECONDS} s) | ${result.cpuPerRequest.toFixed(2)} |`,
        );
      }
      if (field.invalidate) {
        const cold = [];
        for (let i = 0; i < 3; i++) {
          await withClient(url, (client) => client.query(field.invalidate));
          const started = performance.now();
          const answer = await postSigned(subgraph.url, field.operation, VIEWER, config.gatewaySecret);
          cold.push(performance.now() - started);
          if (answer.errors || !field.check(answer.data))
            throw new Error(`unexpected answer: ${JSON.stringify(answer).slice(0, 500)}`);
        }
        cold.sort((a, b) => a - b);
        rows.push(
          `| ${field.label}, first read after a write (3 writes) | 1 | ${cold[1].toFixed(1)} | ${cold[2].toFixed(1)} (max) | | |`,
        );
      }
    }
  } finally {
    await subgraph.stop();
    if (options.drop)
      await withClient(TEST_SERVER_URL, (client) => client.query(`drop database if exists "${database}" with (force)`));
  }
  return rows;
}

const rows = [
  ...(await bench('training', trainingSubgraph, ['baseline', 'training'])),
  ...(await bench('labs', labsSubgraph, ['labs'])),
  ...(await bench('funding', fundingSubgraph, ['funding', 'fundingAllYears'])),
];
console.log(
  `\n${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0].model} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · load average at the end ${os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}\n`,
);
console.log('| measured | clients | p50 ms | p99 ms | requests/s | Node CPU ms/request |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
