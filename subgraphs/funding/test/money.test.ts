import { parseTaxCode } from '@metrology/kit';
import { describe, expect, it } from 'vitest';
import { idOf, ratio } from '../src/shared/money';

describe('funding money helpers: exact integers, explicit rounding', () => {
  it('computes a ratio with 4 decimals from integers, rounding half away from zero', () => {
    expect(ratio(1n, 3n)).toBe('0.3333');
    expect(ratio(2n, 3n)).toBe('0.6667');
    expect(ratio(1n, 2n)).toBe('0.5000');
    expect(ratio(5n, 100_000n)).toBe('0.0001');
    expect(ratio(4n, 100_000n)).toBe('0.0000');
    expect(ratio(3n, 2n)).toBe('1.5000');
    expect(ratio(-1n, 3n)).toBe('-0.3333');
    expect(ratio(3_425_000_000n, 13_500_000_000n)).toBe('0.2537');
    expect(ratio(999_999_999_999_999n, 1_000_000_000_000_000n)).toBe('1.0000');
    expect(ratio(1n, 1_000_000_000_000_000n)).toBe('0.0000');
  });

  it('has no ratio of nothing: a zero denominator gives null, not zero', () => {
    expect(ratio(0n, 0n)).toBeNull();
    expect(ratio(5n, 0n)).toBeNull();
  });

  it('accepts tax codes of 10 digits or 10-3 and refuses the rest with BAD_USER_INPUT', () => {
    expect(parseTaxCode(' 4900123456 ', 'payeeTaxCode')).toBe('4900123456');
    expect(parseTaxCode('4900123456-001', 'payeeTaxCode')).toBe('4900123456-001');
    for (const bad of ['490012345', '4900123456-01', '4900123456001', 'x900123456']) {
      expect(() => parseTaxCode(bad, 'payeeTaxCode')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    }
  });

  it('reads record ids and answers NOT_FOUND for anything that cannot be one', () => {
    expect(idOf('42', 'BudgetLine', 'dòng kinh phí')).toBe(42);
    for (const bad of ['0', '-1', 'abc', '1.5', '99999999999', '']) {
      expect(() => idOf(bad, 'BudgetLine', 'dòng kinh phí')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    }
  });
});
