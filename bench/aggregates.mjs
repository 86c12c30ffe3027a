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

const ROOT = path.resolve(import.meta.dirname, '..');
// The built workspace packages, as the end-to-end test package sees them.
const workspace = createRequire(path.join(ROOT, 'test', 'package.json'));
const { startSubgraph } = workspace('@metrology/kit');
const { loadSubgraphConfig } = workspace('@metrology/kit/config');
const { postSigned, identityOf, TEST_SERVER_URL } = workspace('@metrology/kit/testing');
const { trainingSubgraph } = workspace('@metrology/training');
const { fundingSubgraph } = workspace('@metrology/funding');
const { labsSubgraph } = workspace('@metrology/labs');
const pg = createRequire(path.join(ROOT, 'subgraphs', 'kit', 'package.json'))('pg');

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

function serverUrl(database) {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient(url, run) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates the database when missing (dropping it first to regenerate). */
async function ensureDatabase(name, regenerate) {
  await withClient(TEST_SERVER_URL, async (client) => {
    if (regenerate) await client.query(`drop database if exists "${name}" with (force)`);
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount === 0) await client.query(`create database "${name}" template template0 encoding 'UTF8'`);
  });
}

/**
 * Bulk generation in plain SQL. Foreign-key triggers are skipped for speed
 * (session_replication_role = replica): the rows are consistent by construction.
 */
const GENERATE = {
  training: [
    `insert into course (code, title, kind, field, venue, start_date, end_date, planned_hours, capacity, plan_code, plan_year, status)
     select 'BENCH-' || y || '-' || lpad(n::text, 3, '0'), 'Khoá bồi dưỡng đo lường (bench) ' || y || '/' || n,
            'VERIFIER_TRAINING', 'MASS', 'Lạng Sơn', make_date(y, 1 + n % 12, 1 + n % 20), make_date(y, 1 + n % 12, 1 + n % 20) + 14,
            40, 60, '${PLAN}', y, 'COMPLETED'
       from generate_series(1997, 2026) y, generate_series(1, 100) n`,
    `insert into course_session (course_id, date, start_time, end_time, topic)
     select c.id, c.start_date + s, '08:00', '11:30', 'Buổi ' || (s + 1)
       from course c, generate_series(0, 10) s where c.code like 'BENCH-%'`,
    `insert into trainee (full_name, search_name, employer_tax_code)
     select 'Học viên ' || i, 'hoc vien ' || i, (4900000000 + i % 500)::text from generate_series(0, 29999) i`,
    `create temporary table bench_trainee as select id, row_number() over (order by full_name) - 1 as ord from trainee`,
    `create index on bench_trainee (ord)`,
    `insert into enrolment (course_id, trainee_id, enrolled_on, status)
     select c.id, t.id, c.start_date - 7, 'COMPLETED'
       from (select id, start_date, row_number() over (order by code) - 1 as ord from course where code like 'BENCH-%') c
       cross join generate_series(0, 59) k
       join bench_trainee t on t.ord = (c.ord * 60 + k) % 30000`,
    `insert into attendance_mark (enrolment_id, session_id, status, recorded_by, recorded_at)
     select e.id, s.id,
            case abs(hashtext(e.id::text || s.id::text)) % 20 when 0 then 'ABSENT' when 1 then 'LATE' else 'PRESENT' end,
            'bench', now()
       from course c join enrolment e on e.course_id = c.id join course_session s on s.course_id = c.id
      where c.code like 'BENCH-%'`,
  ],
  labs: [
    `insert into organization (tax_code, name, search_name, kind, ownership, sector)
     select (4900000000 + i)::text, 'Doanh nghiệp ' || i, 'doanh nghiep ' || i, case when i < 150 then 'SERVICE_PROVIDER' else 'ENTERPRISE' end,
            (array['STATE', 'PRIVATE', 'FOREIGN_INVESTED', 'COLLECTIVE'])[1 + i % 4], 'OTHER'
       from generate_series(0, 1499) i`,
    `insert into criteria_set (code, edition, title, effective_date, pass_threshold, total_max_score)
     values ('BENCH', 1, 'Bộ tiêu chí (bench)', '1997-01-01', 70, 100)`,
    `insert into laboratory (code, name, search_name, organization_tax_code, fields, services)
     select 'BENCH-LAB-' || i, 'Phòng thí nghiệm ' || i, 'phong thi nghiem ' || i, (4900000000 + i)::text, array['MASS'], array['CALIBRATION']
       from generate_series(0, 149) i`,
    `insert into assessment (laboratory_id, criteria_set_id, kind, status, fields, start_date, end_date, assessors, outcome, decided_on, decided_by_name, total_score)
     select l.id, c.id, 'INITIAL', 'DECIDED', array['MASS'], make_date(1997 + k * 7 + (n % 5)::int, 3, 1), make_date(1997 + k * 7 + (n % 5)::int, 3, 5),
            '[]'::jsonb, 'PASSED', make_date(1997 + k * 7 + (n % 5)::int, 3, 10), 'Bench', 85
       from (select id, row_number() over (order by code) as n from laboratory) l, criteria_set c, generate_series(0, 3) k`,
    `insert into recognition (laboratory_id, assessment_id, valid_from, valid_until, scope)
     select a.laboratory_id, a.id, a.decided_on, a.decided_on + 365 * 5, array['MASS'] from assessment a`,
    `insert into recognition_status_change (recognition_id, from_status, to_status, effective_on, changed_by_name, changed_at)
     select r.id, 'ACTIVE', 'SUSPENDED', r.valid_from + 400, 'Bench', now()
       from recognition r where abs(hashtext(r.id::text)) % 4 = 0`,
    `insert into standard_kind (code, name) select 'BENCH-K' || i, 'Loại chuẩn ' || i from generate_series(0, 59) i`,
    `insert into measurement_standard (kind_id, name, field, owner_tax_code, year_first_supported, serial)
     select k.id, 'Chuẩn ' || k.id || '-' || j, 'MASS', (4900000000 + j)::text, 1997 + (k.id * 7 + j) % 30, 'S-' || j
       from standard_kind k, generate_series(0, 9) j`,
    `insert into assurance_engagement (enterprise_tax_code, provider_id, services, instruments_covered, planned_start, status, started_on, completed_on)
     select (4900000150 + i % 1350)::text, l.id, array['CALIBRATION'], 10, make_date(1997 + i % 30, 1 + i % 12, 1),
            case when i % 10 = 0 then 'PLANNED' else 'COMPLETED' end,
            case when i % 10 = 0 then null else make_date(1997 + i % 30, 1 + i % 12, 1) end,
            case when i % 10 = 0 then null else make_date(1997 + i % 30, 1 + i % 12, 20) end
       from generate_series(0, 2999) i
       join (select id, row_number() over (order by code) - 1 as n from laboratory) l on l.n = i % 150`,
    `insert into capacity_project (organization_tax_code, title, raised, year, completed_on)
     select (4900000000 + i % 400)::text, 'Nâng cao năng lực ' || i, array['EQUIPMENT'], 2000 + i % 27, make_date(2000 + i % 27, 6, 30)
       from generate_series(0, 599) i`,
  ],
  funding: [
    `insert into budget_line (plan_id, source, task_group, year, planned_amount, funding)
     select p.id, src, tg, y, 100000000 + tg * 1000000, 'NAMED'
       from plan p, unnest(array['SCIENCE_OPERATING', 'DEVELOPMENT_INVESTMENT', 'ENTERPRISE_AND_OTHER']) src,
            generate_series(1, 7) tg, generate_series(1997, 2026) y
      where p.code = '${PLAN}'`,
    `insert into allocation (line_id, decision_number, decision_date, amount)
     select l.id, 'QD-' || l.id || '-' || k, make_date(l.year, 1 + k * 5, 10), 40000000
       from budget_line l, generate_series(0, 1) k`,
    `insert into disbursement (line_id, voucher_number, date, amount, payee_tax_code, purpose)
     select l.id, 'PC-' || l.id || '-' || k, make_date(l.year, 1 + k % 12, 1 + k % 28), 1000000, '4900000001', 'Chi thực hiện nhiệm vụ'
       from budget_line l, generate_series(0, 39) k`,
    `insert into disbursement (line_id, date, amount, payee_tax_code, purpose, reverses_id, reversal_reason)
     select d.line_id, d.date + 1, d.amount, d.payee_tax_code, 'Thu hồi', d.id, 'Chi sai (bench)'
       from disbursement d where d.id % 10 = 0`,
    `insert into contribution (plan_id, contributor_tax_code, date, amount, purpose)
     select p.id, (4900000000 + i % 300)::text, make_date(1997 + i % 30, 1 + i % 12, 1 + i % 28), 5000000, 'Đóng góp xã hội hoá'
       from plan p, generate_series(0, 2999) i where p.code = '${PLAN}'`,
  ],
};

/** A generated row, to know whether the data set is there already. */
const GENERATED = {
  training: "select 1 from course where code like 'BENCH-%' limit 1",
  labs: "select 1 from criteria_set where code = 'BENCH' limit 1",
  funding: "select 1 from disbursement where purpose = 'Chi thực hiện nhiệm vụ' limit 1",
};

/** Generates the data set unless it is there; all in one transaction. */
async function generate(name, url) {
  const started = performance.now();
  await withClient(url, async (client) => {
    if ((await client.query(GENERATED[name])).rowCount > 0) return;
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    for (const statement of GENERATE[name]) await client.query(statement);
    await client.query('commit');
    await client.query('vacuum analyze');
    console.log(`generated the ${name} data set in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
}

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
