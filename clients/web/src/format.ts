/**
 * Display formats of the interface (docs/RULES.md, "Display formats"), the same in both languages
 * for dates and money: dates dd/mm/yyyy, money as whole VND with dots between thousands and the
 * đồng sign (`16.925.000.000 ₫`). Written by hand rather than with Intl so that the output does not
 * depend on the browser's locale data (and money never passes through floating point).
 */

export type Language = 'vi' | 'en';

/** A separator every three digits: "16925000000" → "16.925.000.000". */
function groupDigits(digits: string, separator = '.'): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** Thousands and decimal separators of counts and rates: "1.234,5" in Vietnamese, "1,234.5" in English. */
function separators(language: Language): { thousands: string; decimal: string } {
  return language === 'vi' ? { thousands: '.', decimal: ',' } : { thousands: ',', decimal: '.' };
}

/** A LocalDate ("2024-03-05") as "05/03/2024"; anything else is returned unchanged. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

const VIETNAM_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant (DateTimeISO) as "dd/mm/yyyy hh:mm" in Vietnam's time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = Object.fromEntries(VIETNAM_PARTS.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/**
 * Whole VND: "16.925.000.000 ₫". Accepts the Money scalar as it arrives (a JSON integer), a string
 * of digits or a bigint; a fractional or non-numeric value is shown as it is, never rounded silently.
 */
export function formatMoney(value: number | bigint | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const text = typeof value === 'string' ? value.trim() : value.toString();
  const match = /^(-?)(\d+)$/.exec(text);
  if (!match) return text;
  const digits = match[2].replace(/^0+(?=\d)/, '');
  return `${match[1] && digits !== '0' ? '-' : ''}${groupDigits(digits)} ₫`;
}

/** A whole count: 1234 → "1.234" (vi) or "1,234" (en). */
export function formatCount(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const rounded = Math.round(value);
  return `${rounded < 0 ? '-' : ''}${groupDigits(String(Math.abs(rounded)), separators(language).thousands)}`;
}

/** A fraction (0.8333) as a percentage with `decimals` places: "83,3%" (vi) or "83.3%" (en). */
export function formatPercent(value: number | null | undefined, language: Language, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const { thousands, decimal } = separators(language);
  const [whole, fraction] = (value * 100).toFixed(decimals).split('.');
  return `${whole.startsWith('-') ? '-' : ''}${groupDigits(whole.replace('-', ''), thousands)}${fraction ? `${decimal}${fraction}` : ''}%`;
}

/**
 * An exact decimal fraction sent as a string ("0.7512", funding's rates) as a percentage with two
 * places ("75,12%"), by moving the decimal point in the text: no floating point.
 */
export function formatRatio(value: string | null | undefined, language: Language): string {
  if (!value) return '—';
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value.trim());
  if (!match) return value;
  const fraction = (match[3] ?? '').padEnd(4, '0');
  const whole = `${match[2]}${fraction.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(2);
  const { thousands, decimal } = separators(language);
  return `${match[1]}${groupDigits(whole, thousands)}${rest ? `${decimal}${rest}` : ''}%`;
}

/** Money for a chart axis, in billions (tỷ đồng) or millions: 16925000000 → "16,9 tỷ" / "16.9 bn". */
export function formatMoneyShort(value: number, language: Language): string {
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

const VIETNAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Vietnam as a LocalDate ("2024-03-05"), as the server counts days. */
export function todayInVietnam(now: Date = new Date()): string {
  const parts = Object.fromEntries(VIETNAM_DATE.formatToParts(now).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
