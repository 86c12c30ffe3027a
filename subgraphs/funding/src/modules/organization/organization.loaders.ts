import { defineLoader } from '@metrology/kit';
import { NET_DISBURSED } from '../../shared/ledger';
import { moneyOf } from '../../shared/money';

function totalsByTaxCode(name: string, sql: (placeholders: string) => string) {
  return defineLoader<string, bigint>({
    name,
    async batch(em, taxCodes) {
      const placeholders = taxCodes.map(() => '?').join(', ');
      const rows = await em.execute<{ tax_code: string; total: string | null }[]>(sql(placeholders), [...taxCodes]);
      const totals = new Map(rows.map((row) => [row.tax_code, moneyOf(row.total)]));
      return taxCodes.map((taxCode) => totals.get(taxCode) ?? 0n);
    },
  });
}

/** What each organisation contributed, all plans: one statement per batch. */
export const contributedLoader = totalsByTaxCode(
  'contributedByTaxCode',
  (placeholders) =>
    `select contributor_tax_code as tax_code, sum(amount)::text as total
       from contribution where contributor_tax_code in (${placeholders}) group by contributor_tax_code`,
);

/** What each organisation was paid, net of reversals: one statement per batch. */
export const paidLoader = totalsByTaxCode(
  'paidByTaxCode',
  (placeholders) =>
    `select payee_tax_code as tax_code, sum(${NET_DISBURSED})::text as total
       from disbursement where payee_tax_code in (${placeholders}) group by payee_tax_code`,
);
