import { type DatedCount, defineLoader, RevisionCache } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EngagementStatus } from '../engagement/engagement.entity';
import type { Ownership } from '../organization/organization.entity';

/**
 * The dated counts behind STANDARDS, MAP, LABS and CAPACITY (docs/RULES.md, "Counting rules"),
 * keyed by as-of date. The register is the province's, not a plan's (no record carries a plan
 * code), so the counts depend on the date alone. Each indicator's counts are computed for all time,
 * once per change of the register (kit `RevisionCache`; the triggers are in migration
 * `_data_revision`), and cut at each as-of date: the count of a day never depends on the as-of
 * date, only whether the day is counted. The rule (kit) keeps what falls in each target's window.
 */

/** Engagements completed on one day for enterprises of one ownership. */
export interface CompletedEngagements {
  date: string;
  ownership: Ownership;
  count: number;
}

interface DatedRow {
  ord: number;
  date: string;
  count: number;
}

/** `(values (0, date), (1, date), …) as k(ord, as_of)`: the keys as a table, every value bound. */
function asOfTable(keys: readonly string[]): { table: string; params: (string | number)[] } {
  return {
    table: `(values ${keys.map(() => '(?::int, ?::date)').join(', ')}) as k(ord, as_of)`,
    params: keys.flatMap((asOf, index) => [index, asOf]),
  };
}

function perKey<R extends { ord: number }, V>(keys: readonly string[], rows: readonly R[], value: (row: R) => V): V[][] {
  const result: V[][] = keys.map(() => []);
  for (const row of rows) result[row.ord].push(value(row));
  return result;
}

async function datedCounts(em: EntityManager, keys: readonly string[], sql: (table: string) => string): Promise<DatedCount[][]> {
  const { table, params } = asOfTable(keys);
  const rows: DatedRow[] = await em.execute(sql(table), params);
  return perKey(keys, rows, (row) => ({ date: row.date, count: row.count }));
}

/** Later than anything in the register: counts everything there is. */
const END_OF_TIME = '9999-12-31';

/**
 * A loader's batch that counts all time once per register revision (`count` asked for the single
 * as-of date END_OF_TIME) and answers each as-of date with the days up to it.
 */
function cutAtAsOf<V extends { date: string }>(
  count: (em: EntityManager, keys: readonly string[]) => Promise<V[][]>,
): (em: EntityManager, keys: readonly string[]) => Promise<V[][]> {
  const cache = new RevisionCache<V[]>(1);
  return async (em, keys) => {
    const [all] = await cache.getMany(em, ['all'], async () => new Map([['all', (await count(em, [END_OF_TIME]))[0]]]), []);
    return keys.map((asOf) => all.filter((row) => row.date <= asOf));
  };
}

/**
 * STANDARDS: each kind of standard counts once, in the year its first standard was supported.
 * Only the year is recorded, so the kind counts from 1 January of that year.
 */
export const standardKindsLoader = defineLoader<string, DatedCount[]>({
  name: 'standardKindsFirstSupported',
  batch: cutAtAsOf((em, keys) =>
    datedCounts(
      em,
      keys,
      (table) => `select k.ord, to_char(make_date(f.first_year, 1, 1), 'YYYY-MM-DD') as date, count(*)::int as count
       from ${table}
       join (
         select kind_id, min(year_first_supported) as first_year from measurement_standard group by kind_id
       ) f on make_date(f.first_year, 1, 1) <= k.as_of
       group by k.ord, f.first_year
       order by k.ord, f.first_year`,
    ),
  ),
});

/** MAP: engagements COMPLETED by the as-of date, per day of completion and ownership of the enterprise. */
export const completedEngagementsLoader = defineLoader<string, CompletedEngagements[]>({
  name: 'completedEngagements',
  batch: cutAtAsOf(async (em, keys) => {
    const { table, params } = asOfTable(keys);
    const rows: (DatedRow & { ownership: Ownership })[] = await em.execute(
      `select k.ord, to_char(e.completed_on, 'YYYY-MM-DD') as date, o.ownership, count(*)::int as count
       from ${table}
       join assurance_engagement e on e.status = ? and e.completed_on <= k.as_of
       join organization o on o.tax_code = e.enterprise_tax_code
       group by k.ord, e.completed_on, o.ownership
       order by k.ord, e.completed_on, o.ownership`,
      [...params, EngagementStatus.COMPLETED],
    );
    return perKey(keys, rows, (row) => ({ date: row.date, ownership: row.ownership, count: row.count }));
  }),
});

/**
 * LABS (held): the changes of the number of recognised laboratories, +1 on the day a laboratory
 * becomes recognised and −1 on the day it stops, so that their sum through a date is the number
 * of distinct laboratories holding a valid recognition then.
 *
 * A recognition is valid on a day from "valid from" through "valid until" while its status that
 * day is ACTIVE: ACTIVE from "valid from", then the status of each change from its effective date
 * (changes are made in date order; of two on one day the later counts). A laboratory's periods
 * from all its recognitions are merged, so two overlapping recognitions count once.
 */
export const recognisedLaboratoriesLoader = defineLoader<string, DatedCount[]>({
  name: 'recognisedLaboratories',
  batch: cutAtAsOf((em, keys) =>
    datedCounts(
      em,
      keys,
      (table) => `with points as (
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
       select k.ord, to_char(c.day, 'YYYY-MM-DD') as date, sum(c.delta)::int as count
       from ${table}
       join changes c on c.day <= k.as_of
       group by k.ord, c.day
       having sum(c.delta) <> 0
       order by k.ord, c.day`,
    ),
  ),
});

/** CAPACITY: each organisation counts once, on the day its first capacity project was completed. */
export const capacityOrganizationsLoader = defineLoader<string, DatedCount[]>({
  name: 'capacityOrganizations',
  batch: cutAtAsOf((em, keys) =>
    datedCounts(
      em,
      keys,
      (table) => `select k.ord, to_char(f.first_completed, 'YYYY-MM-DD') as date, count(*)::int as count
       from ${table}
       join (
         select organization_tax_code, min(completed_on) as first_completed
         from capacity_project
         where completed_on is not null
         group by organization_tax_code
       ) f on f.first_completed <= k.as_of
       group by k.ord, f.first_completed
       order by k.ord, f.first_completed`,
    ),
  ),
});
