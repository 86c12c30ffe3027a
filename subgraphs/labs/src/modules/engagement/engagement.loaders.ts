import { defineLoader, groupByKeys, isUuid } from '@metrology/kit';
import { AssuranceEngagement } from './engagement.entity';

export const engagementByIdLoader = defineLoader<string, AssuranceEngagement | null>({
  name: 'engagementById',
  async batch(em, ids) {
    const wellFormed = ids.filter(isUuid);
    const rows = wellFormed.length ? await em.find(AssuranceEngagement, { id: { $in: wellFormed } }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  },
});

/** Engagements of each enterprise (by tax code), latest planned start first. */
export const engagementsByEnterpriseLoader = defineLoader<string, AssuranceEngagement[]>({
  name: 'engagementsByEnterprise',
  async batch(em, taxCodes) {
    const rows = await em.find(
      AssuranceEngagement,
      { enterprise: { $in: [...taxCodes] } },
      { orderBy: { plannedStart: 'desc', createdAt: 'desc' } },
    );
    return groupByKeys(taxCodes, rows, (row) => row.enterprise.taxCode);
  },
});
