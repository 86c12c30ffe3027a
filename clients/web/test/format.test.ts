import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMoneyShort,
  formatPercent,
  formatRatio,
  todayInVietnam,
} from '../src/format';

describe('display formats (docs/RULES.md, "Display formats")', () => {
  it('writes money as whole VND with dots between thousands and the đồng sign, in both languages', () => {
    expect(formatMoney(16_925_000_000)).toBe('16.925.000.000 ₫');
    expect(formatMoney('16925000000')).toBe('16.925.000.000 ₫');
    expect(formatMoney(16_925_000_000n)).toBe('16.925.000.000 ₫');
    expect(formatMoney(0)).toBe('0 ₫');
    expect(formatMoney(999)).toBe('999 ₫');
    expect(formatMoney(1000)).toBe('1.000 ₫');
    expect(formatMoney(-2_500_000)).toBe('-2.500.000 ₫');
    expect(formatMoney('000123')).toBe('123 ₫');
  });

  it('keeps money exact beyond 2^53 when it arrives as text or bigint', () => {
    expect(formatMoney('1000000000000000')).toBe('1.000.000.000.000.000 ₫');
    expect(formatMoney(9_007_199_254_740_993n)).toBe('9.007.199.254.740.993 ₫');
  });

  it('shows a value that is not whole VND as it is, and nothing for no value', () => {
    expect(formatMoney('12.5')).toBe('12.5');
    expect(formatMoney(null)).toBe('');
    expect(formatMoney(undefined)).toBe('');
  });

  it('writes dates as dd/mm/yyyy', () => {
    expect(formatDate('2024-03-05')).toBe('05/03/2024');
    expect(formatDate('2019-12-31')).toBe('31/12/2019');
    expect(formatDate(null)).toBe('');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('writes instants as dd/mm/yyyy hh:mm in Vietnam time (UTC+7)', () => {
    expect(formatDateTime('2024-03-05T20:30:00.000Z')).toBe('06/03/2024 03:30');
    expect(formatDateTime('2024-01-01T00:00:00Z')).toBe('01/01/2024 07:00');
  });

  it("tells today's date in Vietnam, which runs 7 hours ahead of UTC", () => {
    expect(todayInVietnam(new Date('2024-12-31T16:59:59Z'))).toBe('2024-12-31');
    expect(todayInVietnam(new Date('2024-12-31T17:00:00Z'))).toBe('2025-01-01');
  });

  it('writes counts with dots between thousands in Vietnamese and commas in English', () => {
    expect(formatCount(61, 'vi')).toBe('61');
    expect(formatCount(1234567, 'vi')).toBe('1.234.567');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCount(-1500, 'vi')).toBe('-1.500');
    expect(formatCount(null, 'vi')).toBe('');
  });

  it('writes percentages with the decimal comma in Vietnamese and the point in English', () => {
    expect(formatPercent(0.8333, 'vi')).toBe('83,3%');
    expect(formatPercent(0.8333, 'en')).toBe('83.3%');
    expect(formatPercent(1, 'vi', 0)).toBe('100%');
    expect(formatPercent(0, 'vi')).toBe('0,0%');
    expect(formatPercent(12.5, 'vi', 0)).toBe('1.250%');
    expect(formatPercent(12.5, 'en', 0)).toBe('1,250%');
    expect(formatPercent(null, 'vi')).toBe('—');
  });

  it("moves the decimal point of funding's exact rates without floating point", () => {
    expect(formatRatio('0.7512', 'vi')).toBe('75,12%');
    expect(formatRatio('0.7512', 'en')).toBe('75.12%');
    expect(formatRatio('1.0000', 'vi')).toBe('100,00%');
    expect(formatRatio('0.0005', 'vi')).toBe('0,05%');
    expect(formatRatio('12.3456', 'vi')).toBe('1.234,56%');
    expect(formatRatio('12.3456', 'en')).toBe('1,234.56%');
    expect(formatRatio(null, 'vi')).toBe('—');
  });

  it('shortens money on chart axes to billions (tỷ) or millions', () => {
    expect(formatMoneyShort(16_925_000_000, 'vi')).toBe('16,9 tỷ');
    expect(formatMoneyShort(16_925_000_000, 'en')).toBe('16.9 bn');
    expect(formatMoneyShort(2_000_000_000, 'vi')).toBe('2 tỷ');
    expect(formatMoneyShort(450_000_000, 'vi')).toBe('450 tr');
    expect(formatMoneyShort(0, 'vi')).toBe('0');
  });
});
