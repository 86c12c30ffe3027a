import type { Language } from './language';

/**
 * Money and numbers as people read them (docs/RULES.md, "Display formats"). Money is whole VND
 * with dots between thousands in both languages (`16.925.000.000 ₫`), formatted from its digits
 * so that no amount passes through floating point; counts and decimals use the language's
 * separators ("1.234,5" in Vietnamese, "1,234.5" in English). Written by hand rather than with
 * Intl so that the output does not depend on the runtime's locale data.
 */

/** A separator every three digits: "16925000000" → "16.925.000.000". */
export function groupDigits(digits: string, separator = '.'): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** Thousands and decimal separators of counts and rates in a language. */
export function separators(language: Language): { thousands: string; decimal: string } {
  return language === 'vi' ? { thousands: '.', decimal: ',' } : { thousands: ',', decimal: '.' };
}

/** The sign and digits of a whole amount, or null when it is not a whole number. */
function wholeDigits(value: number | bigint | string): { negative: boolean; digits: string } | null {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) return null;
  const match = /^(-?)(\d+)$/.exec(typeof value === 'string' ? value.trim() : value.toString());
  if (!match) return null;
  const digits = (match[2] as string).replace(/^0+(?=\d)/, '');
  return { negative: match[1] === '-' && digits !== '0', digits };
}

/**
 * Whole đồng with dots between thousands, without the sign of the currency: 16925000000n →
 * "16.925.000.000" (in sentences that say "đồng"). Exact for any bigint, for a safe integer, and
 * for a string of digits (the Money scalar as text); anything else is returned as it is, never
 * rounded silently.
 */
export function formatVnd(amount: number | bigint | string): string {
  const whole = wholeDigits(amount);
  if (!whole) return String(amount);
  return `${whole.negative ? '-' : ''}${groupDigits(whole.digits)}`;
}

/** Whole VND with the đồng sign: "16.925.000.000 ₫"; empty for no value. */
export function formatMoney(value: number | bigint | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return wholeDigits(value) ? `${formatVnd(value)} ₫` : String(value).trim();
}

/** A whole count: 1234 → "1.234" (vi) or "1,234" (en); empty for no value. */
export function formatCount(value: number | null | undefined, language: Language = 'vi'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const rounded = Math.round(value);
  return `${rounded < 0 ? '-' : ''}${groupDigits(String(Math.abs(rounded)), separators(language).thousands)}`;
}

/** A decimal number with at most `places` decimals, trailing zeros dropped: 54.41 → "54,41" (vi). */
export function formatDecimal(value: number, places = 1, language: Language = 'vi'): string {
  const { thousands, decimal } = separators(language);
  const [whole = '', fraction = ''] = value.toFixed(places).split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const sign = whole.startsWith('-') && /[1-9]/.test(whole + trimmed) ? '-' : '';
  return `${sign}${groupDigits(whole.replace('-', ''), thousands)}${trimmed ? `${decimal}${trimmed}` : ''}`;
}

/** A fraction (0.8333) as a percentage with `decimals` places: "83,3%" (vi) or "83.3%" (en); "—" for none. */
export function formatPercent(value: number | null | undefined, language: Language = 'vi', decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const { thousands, decimal } = separators(language);
  const [whole = '', fraction] = (value * 100).toFixed(decimals).split('.');
  return `${whole.startsWith('-') ? '-' : ''}${groupDigits(whole.replace('-', ''), thousands)}${fraction ? `${decimal}${fraction}` : ''}%`;
}

/**
 * An exact decimal fraction sent as a string ("0.7512", funding's rates) as a percentage with at
 * least two places ("75,12%"), by moving the decimal point in the text: no floating point.
 */
export function formatRatio(value: string | null | undefined, language: Language = 'vi'): string {
  if (!value) return '—';
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value.trim());
  if (!match) return value;
  const fraction = (match[3] ?? '').padEnd(4, '0');
  const whole = `${match[2]}${fraction.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(2);
  const { thousands, decimal } = separators(language);
  return `${match[1]}${groupDigits(whole, thousands)}${rest ? `${decimal}${rest}` : ''}%`;
}

/** Money for a chart axis, in billions (tỷ) or millions: 16925000000 → "16,9 tỷ" / "16.9 bn". */
export function formatMoneyShort(value: number, language: Language = 'vi'): string {
  const units =
    language === 'vi'
      ? [
          { size: 1e9, name: 'tỷ' },
          { size: 1e6, name: 'tr' },
        ]
      : [
          { size: 1e9, name: 'bn' },
          { size: 1e6, name: 'm' },
        ];
  for (const unit of units) {
    if (Math.abs(value) >= unit.size) {
      const scaled = (value / unit.size).toFixed(1).replace(/\.0$/, '');
      return `${scaled.replace('.', separators(language).decimal)} ${unit.name}`;
    }
  }
  return formatCount(value, language);
}
