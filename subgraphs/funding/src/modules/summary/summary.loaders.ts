import { defineLoader, RevisionCache } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NET_DISBURSED } from '../../shared/ledger';
import { moneyOf } from '../../shared/money';
import type { FundingSource } from '../envelope/envelope.entity';

/** A plan's summary for an as-of date, optionally one budget year. */
export interface SummaryKey {
  planId: number;
  asOf: string;
  year: number | null;
}

const cacheKey = (key: SummaryKey) => `${key.planId}|${key.asOf}|${key.year ?? ''}`;

/** Planned, allocated and disbursed money of one slice (a source, a task group, a year, or all). */
export interface SliceMoney {
  planned: bigint;
  allocated: bigint;
  disbursed: bigint;
}

export interface PlanMoney {
  bySource: Map<FundingSource, SliceMoney>;
  byTaskGroup: Map<number, SliceMoney>;
  byYear: Map<number, SliceMoney>;
  total: SliceMoney;
}

export const NOTHING: SliceMoney = { planned: 0n, allocated: 0n, disbursed: 0n };

interface FigureRow {
  plan_id: number;
  source: FundingSource | null;
  task_group: number | null;
  year: number | null;
  by_source: number;
  by_task_group: number;
  by_year: number;
  planned: string | null;
  allocated: string | null;
  disbursed: string | null;
}

/** Keys that share an as-of date and year are answered by one statement. */
async function perFilter<V>(
  keys: readonly SummaryKey[],
  run: (planIds: number[], asOf: string, year: number | null) => Promise<Map<number, V>>,
  empty: () => V,
): Promise<V[]> {
  const groups = new Map<string, SummaryKey[]>();
  for (const key of keys) {
    const filter = `${key.asOf}|${key.year ?? ''}`;
    groups.set(filter, [...(groups.get(filter) ?? []), key]);
  }
  const answers = new Map<string, V>();
  for (const group of groups.values()) {
    const [{ asOf, year }] = group;
    const byPlan = await run([...new Set(group.map((key) => key.planId))], asOf, year);
    for (const key of group) answers.set(cacheKey(key), byPlan.get(key.planId) ?? empty());
  }
  return keys.map((key) => answers.get(cacheKey(key)) ?? empty());
}

/**
 * The money of each plan by source, by task group, by year and in all, as of a date: one SQL
 * statement (grouping sets over the lines, with their allocations and net disbursements dated on
 * or before the as-of date) for every plan of the batch.
 */
async function planMoney(
  em: EntityManager,
  planIds: number[],
  asOf: string,
  year: number | null,
): Promise<Map<number, PlanMoney>> {
  const rows = await em.execute<FigureRow[]>(
    `with line_money as (
       select l.plan_id, l.source, l.task_group, l.year, l.planned_amount,
              coalesce(a.allocated, 0) as allocated, coalesce(d.disbursed, 0) as disbursed
         from budget_line l
         left join (select line_id, sum(amount) as allocated from allocation where decision_date <= ? group by line_id) a
           on a.line_id = l.id
         left join (select line_id, sum(${NET_DISBURSED}) as disbursed from disbursement where date <= ? group by line_id) d
           on d.line_id = l.id
        where l.plan_id in (${planIds.map(() => '?').join(', ')})${year === null ? '' : ' and l.year = ?'}
     )
     select plan_id, source, task_group, year,
            grouping(source) as by_source, grouping(task_group) as by_task_group, grouping(year) as by_year,
            sum(planned_amount)::text as planned, sum(allocated)::text as allocated, sum(disbursed)::text as disbursed
       from line_money
      group by grouping sets ((plan_id, source), (plan_id, task_group), (plan_id, year), (plan_id))`,
    [asOf, asOf, ...planIds, ...(year === null ? [] : [year])],
  );
  const byPlan = new Map<number, PlanMoney>();
  for (const row of rows) {
    const planId = Number(row.plan_id);
    const money = byPlan.get(planId) ?? emptyPlanMoney();
    byPlan.set(planId, money);
    const slice = { planned: moneyOf(row.planned), allocated: moneyOf(row.allocated), disbursed: moneyOf(row.disbursed) };
    // grouping(x) is 0 for the column a row is grouped by, 1 for a column rolled up.
    if (Number(row.by_source) === 0 && row.source) money.bySource.set(row.source, slice);
    else if (Number(row.by_task_group) === 0 && row.task_group !== null) money.byTaskGroup.set(Number(row.task_group), slice);
    else if (Number(row.by_year) === 0 && row.year !== null) money.byYear.set(Number(row.year), slice);
    else money.total = slice;
  }
  return byPlan;
}

function emptyPlanMoney(): PlanMoney {
  return { bySource: new Map(), byTaskGroup: new Map(), byYear: new Map(), total: NOTHING };
}

/**
 * Summaries are read again and again (dashboards, the scorecard, the annual report) and change
 * only with the money: each is kept per plan, as-of date and year until a budget line, an
 * allocation, a disbursement or a contribution changes (kit `RevisionCache`; the triggers are in
 * migration `_data_revision`).
 */
const cachedMoney = new RevisionCache<PlanMoney>(1_000);
const cachedContributions = new RevisionCache<bigint>(1_000);

/** `batch`, through `cache`: only the keys not cached at the current revision are computed. */
function cached<V>(
  cache: RevisionCache<V>,
  em: EntityManager,
  keys: readonly SummaryKey[],
  batch: (keys: SummaryKey[]) => Promise<V[]>,
  empty: V,
): Promise<V[]> {
  return cache.getMany(
    em,
    keys.map(cacheKey),
    async (missing) => {
      const wanted = new Set(missing);
      const toCompute = keys.filter((key) => wanted.has(cacheKey(key)));
      const values = await batch(toCompute);
      return new Map(toCompute.map((key, index) => [cacheKey(key), values[index]]));
    },
    empty,
  );
}

export const planMoneyLoader = defineLoader<SummaryKey, PlanMoney, string>({
  name: 'planMoney',
  cacheKey,
  batch: (em, keys) =>
    cached(
      cachedMoney,
      em,
      keys,
      (missing) => perFilter(missing, (planIds, asOf, year) => planMoney(em, planIds, asOf, year), emptyPlanMoney),
      emptyPlanMoney(),
    ),
});

/** Contributions received by each plan on or before the as-of date (in the year, when given): one statement per filter. */
export const planContributionsLoader = defineLoader<SummaryKey, bigint, string>({
  name: 'planContributions',
  cacheKey,
  batch: (em, keys) => cached(cachedContributions, em, keys, (missing) => contributions(em, missing), 0n),
});

/** The contributions of each key, summed in SQL. */
function contributions(em: EntityManager, keys: readonly SummaryKey[]): Promise<bigint[]> {
  return perFilter(
    keys,
    async (planIds, asOf, year) => {
      const rows = await em.execute<{ plan_id: number; total: string | null }[]>(
        `select plan_id, sum(amount)::text as total
             from contribution
            where plan_id in (${planIds.map(() => '?').join(', ')}) and date <= ?${year === null ? '' : ' and extract(year from date) = ?'}
            group by plan_id`,
        [...planIds, asOf, ...(year === null ? [] : [year])],
      );
      return new Map(rows.map((row) => [Number(row.plan_id), moneyOf(row.total)]));
    },
    () => 0n,
  );
}
