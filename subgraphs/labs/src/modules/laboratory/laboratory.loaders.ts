import { defineLoader, groupByKeys, isUuid } from '@metrology/kit';
import { Laboratory } from './laboratory.entity';

/** Laboratories by id; null for an unknown (or malformed) id. */
export const laboratoryByIdLoader = defineLoader<string, Laboratory | null>({
  name: 'laboratoryById',
  async batch(em, ids) {
    const wellFormed = ids.filter(isUuid);
    const rows = wellFormed.length ? await em.find(Laboratory, { id: { $in: wellFormed } }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  },
});

/** The laboratories of each organisation (by tax code), by code. */
export const laboratoriesByOrganizationLoader = defineLoader<string, Laboratory[]>({
  name: 'laboratoriesByOrganization',
  async batch(em, taxCodes) {
    const rows = await em.find(Laboratory, { organization: { $in: [...taxCodes] } }, { orderBy: { code: 'asc' } });
    return groupByKeys(taxCodes, rows, (row) => row.organization.taxCode);
  },
});
