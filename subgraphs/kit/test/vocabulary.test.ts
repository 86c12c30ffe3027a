import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { IndicatorStatus } from '../src/indicators';
import { IndicatorCode } from '../src/targets';
import {
  ATTENDANCE_STATUS_NAMES,
  type Bilingual,
  CERTIFICATE_STATUS_NAMES,
  COURSE_STATUS_NAMES,
  FUNDING_SOURCE_NAMES,
  formatCount,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatMoney,
  formatMoneyShort,
  formatPercent,
  formatRatio,
  formatVnd,
  INDICATOR_CODES,
  INDICATOR_NAMES,
  INDICATOR_STATUS_NAMES,
  INDICATOR_STATUSES,
  inLanguage,
  longVietnameseDate,
  OWNERSHIP_NAMES,
  RECOGNITION_STATUS_NAMES,
  ROLE_NAMES,
  ROLES,
  SERVICE_NAMES,
  todayInVietnam,
} from '../src/vocabulary';

const root = path.resolve(__dirname, '../../..');

describe('vocabulary: money', () => {
  it('writes whole đồng with dots between thousands, exactly, from a bigint, a safe integer or a string of digits', () => {
    expect(formatVnd(16_925_000_000n)).toBe('16.925.000.000');
    expect(formatVnd(16_925_000_000)).toBe('16.925.000.000');
    expect(formatVnd('16925000000')).toBe('16.925.000.000');
    expect(formatVnd(1n)).toBe('1');
    expect(formatVnd(0n)).toBe('0');
    expect(formatVnd(-1_000n)).toBe('-1.000');
    expect(formatVnd(9_007_199_254_740_993n)).toBe('9.007.199.254.740.993');
    expect(formatVnd(Number.MAX_SAFE_INTEGER)).toBe('9.007.199.254.740.991');
    expect(formatVnd('-000')).toBe('0');
  });

  it('never rounds what is not a whole amount: a fraction or an unsafe number is shown as it is', () => {
    expect(formatVnd(12.5)).toBe('12.5');
    expect(formatVnd(2 ** 60)).toBe(String(2 ** 60));
    expect(formatMoney('12.5')).toBe('12.5');
    expect(formatMoney(12.5)).toBe('12.5');
  });

  it('adds the đồng sign, and gives nothing for no value', () => {
    expect(formatMoney(16_925_000_000)).toBe('16.925.000.000 ₫');
    expect(formatMoney(16_925_000_000n)).toBe('16.925.000.000 ₫');
    expect(formatMoney(' 000123 ')).toBe('123 ₫');
    expect(formatMoney(-2_500_000)).toBe('-2.500.000 ₫');
    expect(formatMoney(0)).toBe('0 ₫');
    expect(formatMoney(null)).toBe('');
    expect(formatMoney(undefined)).toBe('');
    expect(formatMoney('')).toBe('');
  });

  it('shortens money for chart axes in each language', () => {
    expect(formatMoneyShort(16_925_000_000, 'vi')).toBe('16,9 tỷ');
    expect(formatMoneyShort(16_925_000_000, 'en')).toBe('16.9 bn');
    expect(formatMoneyShort(450_000_000, 'vi')).toBe('450 tr');
    expect(formatMoneyShort(1_200, 'en')).toBe('1,200');
  });
});

describe('vocabulary: numbers', () => {
  it("groups counts with the language's thousands separator", () => {
    expect(formatCount(1234, 'vi')).toBe('1.234');
    expect(formatCount(1234, 'en')).toBe('1,234');
    expect(formatCount(-1_234_567)).toBe('-1.234.567');
    expect(formatCount(null)).toBe('');
  });

  it('writes decimals with the decimal separator of the language and no trailing zeros', () => {
    expect(formatDecimal(54.41, 2)).toBe('54,41');
    expect(formatDecimal(1234.5, 1, 'en')).toBe('1,234.5');
    expect(formatDecimal(120.4, 1)).toBe('120,4');
    expect(formatDecimal(3.0, 1)).toBe('3');
    expect(formatDecimal(-0.01, 1)).toBe('0');
  });

  it('writes percentages from fractions, and exact rates from strings without floating point', () => {
    expect(formatPercent(0.8333, 'vi')).toBe('83,3%');
    expect(formatPercent(0.8333, 'en', 2)).toBe('83.33%');
    expect(formatPercent(null)).toBe('—');
    expect(formatRatio('0.7512', 'vi')).toBe('75,12%');
    expect(formatRatio('0.2058', 'en')).toBe('20.58%');
    expect(formatRatio('12.3456', 'en')).toBe('1,234.56%');
    expect(formatRatio('1', 'vi')).toBe('100,00%');
    expect(formatRatio(null)).toBe('—');
  });
});

describe('vocabulary: dates', () => {
  it('writes a LocalDate as dd/mm/yyyy and leaves anything else as it is', () => {
    expect(formatDate('2024-03-05')).toBe('05/03/2024');
    expect(formatDate('2019-12-31')).toBe('31/12/2019');
    expect(formatDate(null)).toBe('');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('writes instants in Vietnam time (UTC+7) and the long form of official documents', () => {
    expect(formatDateTime('2024-03-05T20:30:00.000Z')).toBe('06/03/2024 03:30');
    expect(formatDateTime('nonsense')).toBe('nonsense');
    expect(longVietnameseDate('2026-11-27')).toBe('ngày 27 tháng 11 năm 2026');
    expect(todayInVietnam(new Date('2024-03-05T18:00:00Z'))).toBe('2024-03-06');
  });
});

/** Every value of a supergraph enum, from the committed supergraph. */
function enumValues(name: string): string[] {
  const sdl = readFileSync(path.join(root, 'gateway/supergraph.graphql'), 'utf8');
  const type = buildSchema(sdl, { assumeValid: true, assumeValidSDL: true }).getType(name);
  if (!isEnumType(type)) throw new Error(`${name} is not an enum of the supergraph`);
  return type
    .getValues()
    .map((value) => value.name)
    .sort();
}

describe('vocabulary: names', () => {
  const tables: [string, Readonly<Record<string, Bilingual>>][] = [
    ['IndicatorCode', INDICATOR_NAMES],
    ['IndicatorStatus', INDICATOR_STATUS_NAMES],
    ['CourseStatus', COURSE_STATUS_NAMES],
    ['CertificateStatus', CERTIFICATE_STATUS_NAMES],
    ['AttendanceStatus', ATTENDANCE_STATUS_NAMES],
    ['FundingSource', FUNDING_SOURCE_NAMES],
    ['Ownership', OWNERSHIP_NAMES],
    ['RecognitionEffectiveStatus', RECOGNITION_STATUS_NAMES],
    ['AssuranceService', SERVICE_NAMES],
  ];

  it.each(tables)('names every value of the API enum %s, and only those, in both languages', (name, table) => {
    expect(Object.keys(table).sort()).toEqual(enumValues(name));
    for (const names of Object.values(table)) {
      expect(names.vi.trim()).not.toBe('');
      expect(names.en.trim()).not.toBe('');
    }
  });

  it("lists the kit's indicator codes and statuses, names every role, and every value of the enums a wider table covers", () => {
    expect([...INDICATOR_CODES].sort()).toEqual(Object.values(IndicatorCode).sort());
    expect([...INDICATOR_STATUSES].sort()).toEqual(Object.values(IndicatorStatus).sort());
    expect(Object.keys(ROLE_NAMES).sort()).toEqual([...ROLES].sort());
    expect(Object.keys(RECOGNITION_STATUS_NAMES)).toEqual(expect.arrayContaining(enumValues('RecognitionStatus')));
    expect(Object.keys(SERVICE_NAMES)).toEqual(expect.arrayContaining(enumValues('LaboratoryService')));
  });

  it('gives one language column of a table', () => {
    expect(inLanguage(ROLE_NAMES, 'en').admin).toBe('Administrator');
    expect(inLanguage(ATTENDANCE_STATUS_NAMES, 'vi')).toEqual({
      PRESENT: 'Có mặt',
      LATE: 'Đi muộn',
      EXCUSED: 'Vắng có phép',
      ABSENT: 'Vắng',
    });
  });
});

describe('vocabulary: bundled by the web app', () => {
  it('imports nothing from Node or a library, and nothing of the kit but the roles', () => {
    const folder = path.join(root, 'subgraphs/kit/src/vocabulary');
    for (const file of readdirSync(folder)) {
      const source = readFileSync(path.join(folder, file), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
      for (const target of imports)
        expect([`${file}: ${target}`]).toEqual([expect.stringMatching(/: (\.\/[a-z-]+|\.\.\/identity\/identity)$/)]);
    }
    const identity = readFileSync(path.join(root, 'subgraphs/kit/src/identity/identity.ts'), 'utf8');
    expect(identity).not.toMatch(/^import /m);
  });
});
