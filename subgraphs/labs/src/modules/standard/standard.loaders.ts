import { defineLoader, groupByKeys, isUuid } from '@metrology/kit';
import { MeasurementStandard, StandardKind } from './standard.entity';

export const measurementStandardByIdLoader = defineLoader<string, MeasurementStandard | null>({
  name: 'measurementStandardById',
  async batch(em, ids) {
    const wellFormed = ids.filter(isUuid);
    const rows = wellFormed.length ? await em.find(MeasurementStandard, { id: { $in: wellFormed } }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  },
});

export const standardKindByIdLoader = defineLoader<number, StandardKind | null>({
  name: 'standardKindById',
  async batch(em, ids) {
    const rows = await em.find(StandardKind, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  },
});

/** Standards owned by each organisation (by tax code), by kind and serial. */
export const standardsByOwnerLoader = defineLoader<string, MeasurementStandard[]>({
  name: 'standardsByOwner',
  async batch(em, taxCodes) {
    const rows = await em.find(
      MeasurementStandard,
      { owner: { $in: [...taxCodes] } },
      { orderBy: { kind: { code: 'asc' }, serial: 'asc' } },
    );
    return groupByKeys(taxCodes, rows, (row) => row.owner.taxCode);
  },
});
