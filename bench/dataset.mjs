/**
 * The benchmarks' data set, generated in plain SQL into databases `metrology_bench_training`,
 * `_labs` and `_funding` on the server of TEST_DATABASE_URL (default the local PostgreSQL), after
 * each subgraph's own migrations and seeds have run on them. Made once and kept: a run finds it
 * there; `--regenerate` drops and makes it again. Shared by `aggregates.mjs` and `run.mjs`.
 *
 *   training  30 years × 100 courses × 60 trainees = 3,000 courses, 33,000 sessions,
 *             180,000 enrolments, 1,980,000 attendance marks (30,000 people, so people repeat)
 *   labs      1,500 organisations, 150 laboratories with 1,200 decided assessments and as many
 *             recognitions (about a quarter suspended), 600 standards of 60 kinds, 3,000 assurance
 *             engagements, 600 capacity projects
 *   funding   30 years × 3 sources × 7 task groups = 630 budget lines, 1,260 allocations,
 *             25,200 disbursements and 2,520 reversals, 3,000 contributions
 *
 * Plan 129/KH-UBND's targets stay as seeded: the data span 1997–2026 and the scorecard counts
 * what falls in the plan's windows.
 */
import { PLAN, pg, workspace } from './scenario.mjs';

const { TEST_SERVER_URL } = workspace('@metrology/kit/testing');

/** The URL of a database on the server of TEST_DATABASE_URL. */
export function serverUrl(database) {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `run` with a connected client of the database at `url`, closed afterwards. */
export async function withClient(url, run) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates the database when missing (dropping it first to regenerate). */
export async function ensureDatabase(name, regenerate) {
  await withClient(TEST_SERVER_URL, async (client) => {
    if (regenerate) await client.query(`drop database if exists "${name}" with (force)`);
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount === 0) await client.query(`create database "${name}" template template0 encoding 'UTF8'`);
  });
}

/**
 * Bulk generation in plain SQL. Triggers are skipped for speed (session_replication_role =
 * replica; the rows are consistent by construction), except for the attendance marks, which
 * fire them as any write does.
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
    // The marks with every trigger on, as in production: the one that keeps each enrolment's
    // first attended date (`enrolment.first_attended_on`) runs once for the whole statement.
    'set local session_replication_role = origin',
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

/**
 * Generates the data set unless it is there; all in one transaction, not waiting for the WAL to
 * reach the disk at commit (a lost data set is generated again), then vacuumed and analysed.
 */
export async function generate(name, url, log = (message) => process.stdout.write(`${message}\n`)) {
  const started = performance.now();
  await withClient(url, async (client) => {
    if ((await client.query(GENERATED[name])).rowCount > 0) return;
    await client.query('begin');
    await client.query('set local synchronous_commit = off');
    await client.query('set local session_replication_role = replica');
    for (const statement of GENERATE[name]) await client.query(statement);
    await client.query('commit');
    await client.query('vacuum analyze');
    log(`generated the ${name} data set in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
}

/** The subgraph definitions, loaded only when a data set has to be prepared. */
function definitions() {
  return {
    training: workspace('@metrology/training').trainingSubgraph,
    labs: workspace('@metrology/labs').labsSubgraph,
    funding: workspace('@metrology/funding').fundingSubgraph,
  };
}

/**
 * Makes the three databases ready: created if missing, each subgraph started once in this process
 * on its database (its migrations and seeds run, as at any start) and stopped, the data generated
 * unless it is there. Returns the databases' URLs by subgraph.
 */
export async function prepareDatasets({ regenerate, log }) {
  const { startSubgraph } = workspace('@metrology/kit');
  const { loadSubgraphConfig } = workspace('@metrology/kit/config');
  const urls = {};
  await Promise.all(
    Object.entries(definitions()).map(async ([name, definition]) => {
      const database = `metrology_bench_${name}`;
      await ensureDatabase(database, regenerate);
      const url = serverUrl(database);
      const prefix = name.toUpperCase();
      const config = loadSubgraphConfig(name, { NODE_ENV: 'test', [`${prefix}_DATABASE_URL`]: url, [`${prefix}_PORT`]: '0' });
      const subgraph = await startSubgraph(definition, config);
      try {
        await generate(name, url, log);
      } finally {
        await subgraph.stop();
      }
      urls[name] = url;
    }),
  );
  return { training: urls.training, labs: urls.labs, funding: urls.funding };
}

/** The tables the data set fills, by database. */
const COUNTED_TABLES = {
  training: ['course', 'course_session', 'trainee', 'enrolment', 'attendance_mark'],
  labs: [
    'organization',
    'laboratory',
    'assessment',
    'recognition',
    'recognition_status_change',
    'standard_kind',
    'measurement_standard',
    'assurance_engagement',
    'capacity_project',
  ],
  funding: ['budget_line', 'allocation', 'disbursement', 'contribution'],
};

/** Exact row counts of the data set's tables: `[{ database, table, rows }]`. */
export async function countRows(urls) {
  const sizes = [];
  for (const [database, tables] of Object.entries(COUNTED_TABLES)) {
    await withClient(urls[database], async (client) => {
      for (const table of tables) {
        const { rows } = await client.query(`select count(*)::int as rows from ${table}`);
        sizes.push({ database, table, rows: rows[0].rows });
      }
    });
  }
  return sizes;
}
