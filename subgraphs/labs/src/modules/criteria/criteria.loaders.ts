import { defineLoader, groupByKeys } from '@metrology/kit';
import { CriteriaSet, Criterion } from './criteria.entity';

export const criteriaSetByIdLoader = defineLoader<string, CriteriaSet | null>({
  name: 'criteriaSetById',
  async batch(em, ids) {
    const rows = await em.find(CriteriaSet, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  },
});

/** The criteria of each set, in order. */
export const criteriaBySetLoader = defineLoader<string, Criterion[]>({
  name: 'criteriaBySet',
  async batch(em, setIds) {
    const rows = await em.find(Criterion, { criteriaSet: { $in: [...setIds] } }, { orderBy: { position: 'asc' } });
    return groupByKeys(setIds, rows, (row) => row.criteriaSet.id);
  },
});
