import { BadInputError, ConflictError, formatVnd, NotFoundError } from '@metrology/kit';

/**
 * Money rules of the funding subgraph. Amounts are `bigint` đồng from the GraphQL `Money` scalar
 * to the `bigint` columns; sums come back from PostgreSQL as text (numeric) and become `bigint`
 * again, so no floating-point number ever holds an amount.
 */

/** A sum read from SQL (`sum(...)::text`, null when there were no rows) as exact đồng. */
export function moneyOf(text: string | null | undefined): bigint {
  return text === null || text === undefined ? 0n : BigInt(text);
}

/** Refuses a zero amount where a record must move money (allocations, disbursements, contributions). */
export function requirePositive(field: string, amount: bigint): bigint {
  if (amount <= 0n) {
    throw new BadInputError(field, 'Số tiền phải lớn hơn 0 đồng.', 'The amount must be greater than 0 VND.');
  }
  return amount;
}

/** Places of a ratio: 4 decimals, e.g. "0.7500". */
export const RATIO_DECIMALS = 4;
const SCALE = 10n ** BigInt(RATIO_DECIMALS);

/**
 * `numerator ÷ denominator` as a decimal string with four places, rounded half away from zero,
 * computed from the exact integers (no floating point). Null when the denominator is zero: a
 * rate of nothing is unknown, not zero.
 */
export function ratio(numerator: bigint, denominator: bigint): string | null {
  if (denominator === 0n) return null;
  const negative = numerator < 0n !== denominator < 0n && numerator !== 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const scaled = (2n * n * SCALE + d) / (2n * d);
  const whole = scaled / SCALE;
  const fraction = (scaled % SCALE).toString().padStart(RATIO_DECIMALS, '0');
  return `${negative && scaled !== 0n ? '-' : ''}${whole}.${fraction}`;
}

/**
 * A record id from GraphQL (`ID`, a string of digits here). Anything that cannot be one of our
 * ids cannot name a record either: NOT_FOUND, like an id that names nothing.
 */
export function idOf(raw: string, typeEn: string, typeVi: string): number {
  const id = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw new NotFoundError(typeEn, raw, typeVi);
  return id;
}

/**
 * A ceiling would be passed: CONFLICT with the exact amount over, as a string of digits, in `over`.
 * `what.vi` ends with its verb ("… sẽ vượt hạn mức"), `what.en` reads before "by N VND".
 */
export function overCeiling(what: { vi: string; en: string }, ceiling: bigint, wouldBe: bigint): ConflictError {
  const over = wouldBe - ceiling;
  return new ConflictError(
    `${what.vi} ${formatVnd(over)} đồng (giới hạn ${formatVnd(ceiling)} đồng).`,
    `${what.en} by ${over} VND (limit ${ceiling} VND).`,
    { over: over.toString(), limit: ceiling.toString() },
  );
}
