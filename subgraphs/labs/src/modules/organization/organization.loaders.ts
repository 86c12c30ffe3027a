import { defineLoader, TAX_CODE_PATTERN } from '@metrology/kit';
import { Organization } from './organization.entity';

/** Organisations by tax code; null for an unknown (or malformed) tax code. */
export const organizationByTaxCodeLoader = defineLoader<string, Organization | null>({
  name: 'organizationByTaxCode',
  async batch(em, taxCodes) {
    const wellFormed = taxCodes.filter((taxCode) => TAX_CODE_PATTERN.test(taxCode));
    const rows = wellFormed.length ? await em.find(Organization, { taxCode: { $in: wellFormed } }) : [];
    const byTaxCode = new Map(rows.map((row) => [row.taxCode, row]));
    return taxCodes.map((taxCode) => byTaxCode.get(taxCode) ?? null);
  },
});
