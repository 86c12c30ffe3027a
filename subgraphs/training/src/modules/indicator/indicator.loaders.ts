import { type DatedCount, defineLoader, RevisionCache } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Participations of a group (a plan's courses, an employer's trainees) counted up to a date. */
export interface ParticipationKey {
  /** The plan code or the employer's tax code. */
  group: string;
  asOf: string;
}

const cacheKey = (key: ParticipationKey) => `${key.group}\u0000${key.asOf}`;

/**
 * How the keys' groups reach enrolments. Only these two fixed fragments are ever spliced into
 * the statement; every value is a bound parameter.
 */
const PLAN_COURSES = 'join course c on c.plan_code = k.grp join enrolment e on e.course_id = c.id';
const EMPLOYER_TRAINEES = 'join trainee t on t.employer_tax_code = k.grp join enrolment e on e.trainee_id = t.id';

/**
 * Participations (docs/RULES.md, "Counting rules") per day, for every key in ONE statement: an
 * enrolment whose trainee was PRESENT or LATE at a session of its own course up to the key's as-of
 * date counts once, on the date of the first such session. That date is the enrolment's
 * `first_attended_on`, kept by the database's triggers (migration `*_first_attendance`), so no
 * attendance mark is read here.
 */
async function participationsByFirstDate(
  em: EntityManager,
  keys: readonly ParticipationKey[],
  scope: typeof PLAN_COURSES | typeof EMPLOYER_TRAINEES,
): Promise<DatedCount[][]> {
  const values = keys.map(() => '(?::int, ?::text, ?::date)').join(', ');
  const params = keys.flatMap((key, index) => [index, key.group, key.asOf]);
  const rows: { ord: number; date: string; count: number }[] = await em.execute(
    `select k.ord, to_char(e.first_attended_on, 'YYYY-MM-DD') as date, count(*)::int as count
     from (values ${values}) as k(ord, grp, as_of)
     ${scope}
     where e.first_attended_on <= k.as_of
     group by k.ord, e.first_attended_on
     order by k.ord, e.first_attended_on`,
    params,
  );
  const result: DatedCount[][] = keys.map(() => []);
  for (const row of rows) result[row.ord].push({ date: row.date, count: row.count });
  return result;
}

/** Later than any session: counts every participation there is. */
const END_OF_TIME = '9999-12-31';

/**
 * Every plan's participations of all time, cached per plan (the scorecard and the report ask
 * for them again and again; counting them reads every enrolment of the plan: tens of
 * milliseconds on 180,000, see docs/CACHING.md). Correct across instances and writers: see
 * `RevisionCache`.
 */
const allTimePlanParticipations = new RevisionCache<DatedCount[]>(1_000);

/**
 * Participations in the courses of a plan (course.plan_code), by date of first attendance, up to
 * the as-of date. Taken from the plan's participations of all time: an enrolment's first attended
 * session on or before the as-of date is its first attended session, when that one is on or
 * before the date, and is otherwise none; so every as-of date shares one count.
 */
export const planParticipationsLoader = defineLoader<ParticipationKey, DatedCount[], string>({
  name: 'planParticipations',
  async batch(em, keys) {
    const allTime = await allTimePlanParticipations.getMany(
      em,
      keys.map((key) => key.group),
      async (plans) => {
        const counts = await participationsByFirstDate(
          em,
          plans.map((group) => ({ group, asOf: END_OF_TIME })),
          PLAN_COURSES,
        );
        return new Map(plans.map((plan, index) => [plan, counts[index]]));
      },
      [],
    );
    return keys.map((key, index) => allTime[index].filter(({ date }) => date <= key.asOf));
  },
  cacheKey,
});

/** Participations of the trainees an organisation employs, in any course, by date of first attendance. */
export const employerParticipationsLoader = defineLoader<ParticipationKey, DatedCount[], string>({
  name: 'employerParticipations',
  batch: (em, keys) => participationsByFirstDate(em, keys, EMPLOYER_TRAINEES),
  cacheKey,
});

/** How many trainee records name each tax code as employer. */
export const employerTraineeCountLoader = defineLoader<string, number>({
  name: 'employerTraineeCount',
  async batch(em, taxCodes) {
    const rows: { taxCode: string; count: number }[] = await em.execute(
      `select employer_tax_code as "taxCode", count(*)::int as count
       from trainee
       where employer_tax_code in (${taxCodes.map(() => '?').join(', ')})
       group by employer_tax_code`,
      [...taxCodes],
    );
    const counts = new Map(rows.map((row) => [row.taxCode, row.count]));
    return taxCodes.map((taxCode) => counts.get(taxCode) ?? 0);
  },
});
