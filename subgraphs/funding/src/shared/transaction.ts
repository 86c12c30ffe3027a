import { inTransaction, type UniqueMeanings } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ledgerBound } from './ledger-bound';

/** What a unique constraint of this database means to a person, by constraint name. */
const UNIQUE_MEANINGS: UniqueMeanings = {
  budget_line_plan_id_source_task_group_year_unique: {
    vi: 'Đã có dòng kinh phí cho nguồn, nhóm nhiệm vụ và năm này.',
    en: 'A budget line for this source, task group and year already exists.',
  },
  budget_estimate_open_unique: {
    vi: 'Đã có dự toán chưa bị từ chối cho nguồn và năm này.',
    en: 'An estimate that was not rejected already exists for this source and year.',
  },
  allocation_decision_number_unique: {
    vi: 'Số quyết định đã được sử dụng.',
    en: 'This decision number is already recorded.',
  },
  disbursement_voucher_number_unique: {
    vi: 'Số chứng từ đã được sử dụng.',
    en: 'This voucher number is already recorded.',
  },
  disbursement_reverses_id_unique: {
    vi: 'Khoản chi này đã được hủy (ghi đảo) trước đó.',
    en: 'This disbursement has already been reversed.',
  },
};

/**
 * Runs `work` as one transaction, naming this database's unique keys in CONFLICT answers. Every
 * funding write goes through here, so every one keeps the money invariant (`ledger-bound.ts`):
 * the ledger lock is taken first, and what `work` wrote is measured before the commit.
 */
export function transact<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return inTransaction(
    em,
    async (tx) => {
      const before = await ledgerBound.lock(tx);
      const result = await work(tx);
      await tx.flush();
      await ledgerBound.assertWithin(tx, before);
      return result;
    },
    UNIQUE_MEANINGS,
  );
}
