import { defineLoader } from '@metrology/kit';
import { NET_DISBURSED } from '../../shared/ledger';
import { moneyOf } from '../../shared/money';
import type { ActivityKind } from './activity.types';

export interface ActivityKey {
  kind: ActivityKind;
  id: string;
}

/** Money spent on each activity (disbursements net of reversals): one statement per batch, all kinds together. */
export const moneySpentLoader = defineLoader<ActivityKey, bigint, string>({
  name: 'moneySpentOnActivity',
  cacheKey: (key) => `${key.kind}:${key.id}`,
  async batch(em, keys) {
    const pairs = keys.map(() => '(?, ?)').join(', ');
    const rows = await em.execute<{ activity_kind: string; activity_id: string; spent: string | null }[]>(
      `select activity_kind, activity_id, sum(${NET_DISBURSED})::text as spent
         from disbursement
        where (activity_kind, activity_id) in (${pairs})
        group by activity_kind, activity_id`,
      keys.flatMap((key) => [key.kind, key.id]),
    );
    const spent = new Map(rows.map((row) => [`${row.activity_kind}:${row.activity_id}`, moneyOf(row.spent)]));
    return keys.map((key) => spent.get(`${key.kind}:${key.id}`) ?? 0n);
  },
});
