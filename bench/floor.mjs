/**
 * The floor of the scorecard: its numbers computed by plain SQL straight against the three
 * databases, with no gateway, no subgraph and no cache. The statements are the aggregates the
 * subgraphs' loaders run (training `indicator.loaders.ts`, labs `indicator.loaders.ts`, funding
 * `summary.loaders.ts`), each for the one as-of date asked; the targets' windows
 * (docs/RULES.md, "Windows") are then applied to their dated counts, as the kit's rule does. The
 * three databases are asked at the same time, as the gateway asks the three subgraphs; within one
 * database the statements run in turn on one connection.
 *
 * Left out, because they are primary-key reads next to these: the plan's header, phases, task
 * groups and envelopes, and the cache's revision reads.
 */

const TARGETS = `select indicator, scope, phase, value,
       to_char(window_start, 'YYYY-MM-DD') as "windowStart", to_char(window_end, 'YYYY-MM-DD') as "windowEnd"
  from plan_target where plan_code = $1`;

/**
 * Participations per day, as training counts them: each enrolment's first attended date, kept by
 * the database's triggers (`enrolment.first_attended_on`).
 */
const PARTICIPATIONS = `select to_char(e.first_attended_on, 'YYYY-MM-DD') as date, count(*)::int as count
  from course c
  join enrolment e on e.course_id = c.id
 where c.plan_code = $1 and e.first_attended_on <= $2::date
 group by e.first_attended_on
 order by e.first_attended_on`;

/**
 * The same, recounted from every attendance mark (an enrolment's first PRESENT or LATE session of
 * its own course): the reference the answers are checked against, which does not trust the
 * triggers that keep `first_attended_on`.
 */
const PARTICIPATIONS_FROM_MARKS = `select to_char(f.first_date, 'YYYY-MM-DD') as date, count(*)::int as count
  from (
    select e.id, min(s.date) as first_date
      from course c
      join enrolment e on e.course_id = c.id
      join attendance_mark m on m.enrolment_id = e.id
      join course_session s on s.id = m.session_id and s.course_id = e.course_id
     where c.plan_code = $1 and m.status in ('PRESENT', 'LATE') and s.date <= $2::date
     group by e.id
  ) f
 group by f.first_date
 order by f.first_date`;

const STANDARD_KINDS = `select to_char(make_date(f.first_year, 1, 1), 'YYYY-MM-DD') as date, count(*)::int as count
  from (select kind_id, min(year_first_supported) as first_year from measurement_standard group by kind_id) f
 where make_date(f.first_year, 1, 1) <= $1::date
 group by f.first_year
 order by f.first_year`;

const COMPLETED_ENGAGEMENTS = `select to_char(e.completed_on, 'YYYY-MM-DD') as date, o.ownership, count(*)::int as count
  from assurance_engagement e
  join organization o on o.tax_code = e.enterprise_tax_code
 where e.status = 'COMPLETED' and e.completed_on <= $1::date
 group by e.completed_on, o.ownership
 order by e.completed_on, o.ownership`;

/** +1 the day a laboratory becomes recognised, −1 the day after it stops (periods merged). */
const RECOGNISED_LABORATORIES = `with points as (
    select r.id as recognition, r.laboratory_id as laboratory, r.valid_from as starts, 'ACTIVE'::text as status,
           0 as seq, r.valid_until
      from recognition r
    union all
    select r.id, r.laboratory_id, c.effective_on, c.to_status, c.id, r.valid_until
      from recognition_status_change c join recognition r on r.id = c.recognition_id
  ),
  spans as (
    select laboratory, status, starts,
           least(coalesce(lead(starts) over (partition by recognition order by starts, seq) - 1, valid_until), valid_until) as ends
      from points
  ),
  active as (
    select laboratory, starts, ends,
           max(ends) over (partition by laboratory order by starts, ends rows between unbounded preceding and 1 preceding) as reached
      from spans
     where status = 'ACTIVE' and starts <= ends
  ),
  islands as (
    select laboratory, starts, ends,
           sum(case when reached is null or starts > reached + 1 then 1 else 0 end)
             over (partition by laboratory order by starts, ends) as island
      from active
  ),
  held as (
    select min(starts) as starts, max(ends) as ends from islands group by laboratory, island
  ),
  changes as (
    select starts as day, 1 as delta from held
    union all
    select ends + 1, -1 from held
  )
select to_char(c.day, 'YYYY-MM-DD') as date, sum(c.delta)::int as count
  from changes c
 where c.day <= $1::date
 group by c.day
having sum(c.delta) <> 0
 order by c.day`;

const CAPACITY_ORGANIZATIONS = `select to_char(f.first_completed, 'YYYY-MM-DD') as date, count(*)::int as count
  from (
    select organization_tax_code, min(completed_on) as first_completed
      from capacity_project
     where completed_on is not null
     group by organization_tax_code
  ) f
 where f.first_completed <= $1::date
 group by f.first_completed
 order by f.first_completed`;

const PLAN_ID = 'select id from plan where code = $1';

/** Planned, allocated and net disbursed money by source, task group, year and in all ($3: a year or null). */
const PLAN_MONEY = `with line_money as (
    select l.plan_id, l.source, l.task_group, l.year, l.planned_amount,
           coalesce(a.allocated, 0) as allocated, coalesce(d.disbursed, 0) as disbursed
      from budget_line l
      left join (select line_id, sum(amount) as allocated from allocation where decision_date <= $2::date group by line_id) a
        on a.line_id = l.id
      left join (select line_id, sum(case when reverses_id is null then amount else -amount end) as disbursed
                   from disbursement where date <= $2::date group by line_id) d
        on d.line_id = l.id
     where l.plan_id = $1 and ($3::int is null or l.year = $3::int)
  )
select source, task_group, year,
       grouping(source) as by_source, grouping(task_group) as by_task_group, grouping(year) as by_year,
       sum(planned_amount)::text as planned, sum(allocated)::text as allocated, sum(disbursed)::text as disbursed
  from line_money
 group by grouping sets ((plan_id, source), (plan_id, task_group), (plan_id, year), (plan_id))`;

const CONTRIBUTIONS = `select sum(amount)::text as total
  from contribution
 where plan_id = $1 and date <= $2::date and ($3::int is null or extract(year from date) = $3::int)`;

/** Sum of the counts dated from `from` through `to` (from null: since the beginning). */
function sumBetween(counts, from, to) {
  return counts.reduce((total, row) => ((from === null || row.date >= from) && row.date <= to ? total + row.count : total), 0);
}

/** Of two ISO dates (which sort as strings), the earlier and the later. */
const earliest = (a, b) => [a, b].sort()[0];
const latest = (a, b) => [a, b].sort()[1];

/**
 * A target's actual at the as-of date (docs/RULES.md, "Counting rules"): what was counted in its
 * window up to the as-of date, or for a held target the number held then; a per-year target over
 * its calendar year.
 */
function actualOf(target, counts, asOf, year) {
  const perYear = target.scope === 'PER_YEAR';
  const start = perYear ? latest(target.windowStart, `${year}-01-01`) : target.windowStart;
  const end = perYear ? earliest(target.windowEnd, `${year}-12-31`) : target.windowEnd;
  const lastDay = earliest(end, asOf);
  if (target.scope === 'HELD') return sumBetween(counts, null, lastDay);
  return lastDay < start ? 0 : sumBetween(counts, start, lastDay);
}

/** The targets the scorecard evaluates: per-year targets whose window holds the year, the others of the phase. */
function selected(targets, indicator, scope, { year, phase }) {
  return (
    targets.find(
      (target) =>
        target.indicator === indicator &&
        target.scope === scope &&
        (scope === 'PER_YEAR'
          ? target.windowStart.slice(0, 4) <= String(year) && String(year) <= target.windowEnd.slice(0, 4)
          : target.phase === phase),
    ) ?? null
  );
}

/** The one target of an indicator in the phase, whatever its scope. */
function phaseTarget(targets, indicator, phase) {
  return (
    targets.find((target) => target.indicator === indicator && target.phase === phase && target.scope !== 'PER_YEAR') ?? null
  );
}

async function trainingFloor(client, { plan, asOf, year, phase }, fromMarks) {
  const { rows: targets } = await client.query(TARGETS, [plan]);
  const { rows: counts } = await client.query(fromMarks ? PARTICIPATIONS_FROM_MARKS : PARTICIPATIONS, [plan, asOf]);
  const yearly = selected(targets, 'TRAINING', 'PER_YEAR', { year, phase });
  const perPhase = selected(targets, 'TRAINING', 'PER_PHASE', { year, phase });
  const byYear = new Map();
  for (const row of counts) byYear.set(Number(row.date.slice(0, 4)), (byYear.get(Number(row.date.slice(0, 4))) ?? 0) + row.count);
  return {
    yearly: yearly && actualOf(yearly, counts, asOf, year),
    phase: perPhase && actualOf(perPhase, counts, asOf, year),
    byYear,
  };
}

async function labsFloor(client, { plan, asOf, year, phase }) {
  const { rows: targets } = await client.query(TARGETS, [plan]);
  const { rows: standards } = await client.query(STANDARD_KINDS, [asOf]);
  const { rows: engagements } = await client.query(COMPLETED_ENGAGEMENTS, [asOf]);
  const { rows: laboratories } = await client.query(RECOGNISED_LABORATORIES, [asOf]);
  const { rows: capacity } = await client.query(CAPACITY_ORGANIZATIONS, [asOf]);
  const evaluate = (indicator, counts) => {
    const target = phaseTarget(targets, indicator, phase);
    return target && actualOf(target, counts, asOf, year);
  };
  const map = phaseTarget(targets, 'MAP', phase);
  const mapByOwnership = {};
  if (map) {
    const lastDay = earliest(map.windowEnd, asOf);
    for (const row of engagements) {
      if (row.date >= map.windowStart && row.date <= lastDay)
        mapByOwnership[row.ownership] = (mapByOwnership[row.ownership] ?? 0) + row.count;
    }
  }
  return {
    standards: evaluate('STANDARDS', standards),
    assurance: evaluate('MAP', engagements),
    laboratories: evaluate('LABS', laboratories),
    capacity: evaluate('CAPACITY', capacity),
    mapByOwnership,
  };
}

async function budgetFloor(client, planId, asOf, year) {
  const { rows } = await client.query(PLAN_MONEY, [planId, asOf, year]);
  const {
    rows: [contributions],
  } = await client.query(CONTRIBUTIONS, [planId, asOf, year]);
  const money = (row) => ({
    planned: BigInt(row.planned ?? 0),
    allocated: BigInt(row.allocated ?? 0),
    disbursed: BigInt(row.disbursed ?? 0),
  });
  const budget = {
    bySource: {},
    total: { planned: 0n, allocated: 0n, disbursed: 0n },
    contributions: BigInt(contributions.total ?? 0),
  };
  for (const row of rows) {
    // grouping(x) is 0 for the column a row is grouped by, 1 for a column rolled up.
    if (Number(row.by_source) === 0) budget.bySource[row.source] = money(row);
    else if (Number(row.by_task_group) === 1 && Number(row.by_year) === 1) budget.total = money(row);
  }
  return budget;
}

async function fundingFloor(client, { plan, asOf, year }) {
  const {
    rows: [header],
  } = await client.query(PLAN_ID, [plan]);
  if (!header) throw new Error(`plan ${plan} is not in the funding database`);
  return {
    ofYear: await budgetFloor(client, header.id, asOf, year),
    toDate: await budgetFloor(client, header.id, asOf, null),
  };
}

/**
 * The scorecard's numbers by plain SQL. `clients`: connected `pg` clients of the training, labs
 * and funding databases; `fromMarks`: count participations from the attendance marks themselves
 * (the reference) instead of the kept first attended dates (the floor). Returns the numbers and
 * the time each database took.
 */
export async function floorScorecard(clients, scenario, { fromMarks = false } = {}) {
  const timed = async (run) => {
    const started = performance.now();
    const value = await run();
    return { value, ms: performance.now() - started };
  };
  const [training, labs, funding] = await Promise.all([
    timed(() => trainingFloor(clients.training, scenario, fromMarks)),
    timed(() => labsFloor(clients.labs, scenario)),
    timed(() => fundingFloor(clients.funding, scenario)),
  ]);
  return {
    numbers: { training: training.value, labs: labs.value, funding: funding.value },
    ms: { training: training.ms, labs: labs.ms, funding: funding.ms },
  };
}
