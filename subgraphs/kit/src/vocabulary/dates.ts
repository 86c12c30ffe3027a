/**
 * Dates as people read them (docs/RULES.md, "Display formats"): dd/mm/yyyy, in both languages, in
 * the province's time zone.
 */

/** Local dates (`YYYY-MM-DD`) are days in the province's time zone. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

// Made once: building a formatter costs far more than using it. en-CA formats as YYYY-MM-DD.
const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const VIETNAM_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Today's date in Asia/Ho_Chi_Minh as a LocalDate (the default as-of date of every indicator). */
export function todayInVietnam(now: Date = new Date()): string {
  return DAY_FORMAT.format(now);
}

/** A LocalDate ("2024-03-05") as "05/03/2024"; anything else is returned as it is, no value as "". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

/** "ngày 27 tháng 11 năm 2026", the way official documents are dated. */
export function longVietnameseDate(date: string): string {
  return `ngày ${date.slice(8, 10)} tháng ${date.slice(5, 7)} năm ${date.slice(0, 4)}`;
}

/** An instant (DateTimeISO) as "dd/mm/yyyy hh:mm" in Vietnam's time zone; anything unreadable as it is. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = Object.fromEntries(VIETNAM_PARTS.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}
