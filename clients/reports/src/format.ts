/** How the report writes money, counts, rates, dates and labels (docs/RULES.md, "Display formats"). */
import { formatDate, longVietnameseDate } from '@metrology/kit/vocabulary';
import type { FundingSource, IndicatorCode, IndicatorStatus } from '@metrology/sdk';
import type { ScorecardIndicator } from './scorecard';

/** Whole VND the way people write it in Vietnam: `16.925.000.000 ₫`. Exact for any safe integer. */
export function formatMoney(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(amount)));
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}

/** A count with thousands separated by dots: `1.250`. */
export function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A decimal number with a comma and at most `places` decimals: `54,41`. */
export function formatDecimal(value: number, places = 1): string {
  const [whole, fraction] = value.toFixed(places).split('.');
  const trimmed = fraction?.replace(/0+$/, '');
  return `${formatCount(Number(whole))}${trimmed ? `,${trimmed}` : ''}`;
}

/** A ratio as a percentage: `0.2205` → `22,1 %`; an empty ratio → `–`. */
export function formatPercent(ratio: number | null): string {
  return ratio === null ? '–' : `${formatDecimal(ratio * 100, 1)} %`;
}

/** A decimal rate string from funding (`"0.7525"`) as a percentage (`75,25 %`), moving digits rather than multiplying floats. */
export function formatRate(rate: string | null): string {
  if (rate === null) return '–';
  const [whole, fraction = ''] = rate.split('.');
  const digits = fraction.padEnd(2, '0');
  const rest = digits.slice(2).replace(/0+$/, '');
  return `${formatCount(Number(whole) * 100 + Number(digits.slice(0, 2)))}${rest ? `,${rest}` : ''} %`;
}

// dd/mm/yyyy and "ngày … tháng … năm …": the kit's vocabulary, as every other place writes dates.
export { formatDate, longVietnameseDate };

export const INDICATOR_LABEL: Record<IndicatorCode, string> = {
  TRAINING: 'Lượt người được bồi dưỡng về đo lường',
  STANDARDS: 'Loại chuẩn đo lường, phương tiện đo được xã hội hóa',
  MAP: 'Lượt doanh nghiệp được hỗ trợ chương trình đảm bảo đo lường',
  LABS: 'Phòng thí nghiệm được công nhận theo bộ tiêu chí quốc gia',
  CAPACITY: 'Tổ chức kiểm định, hiệu chuẩn, thử nghiệm được nâng cao năng lực',
};

export const STATUS_LABEL: Record<IndicatorStatus, string> = {
  ACHIEVED: 'Đã đạt',
  ON_TRACK: 'Đúng tiến độ',
  AT_RISK: 'Có nguy cơ chậm',
  OFF_TRACK: 'Chậm tiến độ',
  MISSED: 'Không đạt',
  NOT_STARTED: 'Chưa bắt đầu',
};

export const SOURCE_LABEL: Record<FundingSource, string> = {
  SCIENCE_OPERATING: 'Sự nghiệp khoa học',
  DEVELOPMENT_INVESTMENT: 'Chi đầu tư phát triển',
  ENTERPRISE_AND_OTHER: 'Doanh nghiệp và nguồn hợp pháp khác',
};

export const OWNERSHIP_LABEL: Record<string, string> = {
  STATE: 'Nhà nước',
  PRIVATE: 'Tư nhân',
  FOREIGN_INVESTED: 'Có vốn đầu tư nước ngoài',
  COLLECTIVE: 'Tập thể, hợp tác xã',
};

export const COURSE_STATUS_LABEL: Record<string, string> = {
  PLANNED: 'Dự kiến',
  OPEN: 'Đang nhận đăng ký',
  RUNNING: 'Đang học',
  COMPLETED: 'Đã kết thúc',
  CANCELLED: 'Đã hủy',
};

export const RECOGNITION_STATUS_LABEL: Record<string, string> = {
  ACTIVE: 'Đang hiệu lực',
  EXPIRED: 'Hết hiệu lực',
  NOT_YET_VALID: 'Chưa có hiệu lực',
  SUSPENDED: 'Tạm đình chỉ',
  WITHDRAWN: 'Đã thu hồi',
};

export const SERVICE_LABEL: Record<string, string> = {
  VERIFICATION: 'Kiểm định',
  CALIBRATION: 'Hiệu chuẩn',
  TESTING: 'Thử nghiệm',
  METHOD_DEVELOPMENT: 'Xây dựng phương pháp đo',
};

/** How a target is counted, in words: "năm 2026", "giai đoạn 2", "lũy kế", "tại ngày 27/11/2026". */
export function scopeLabel(indicator: ScorecardIndicator): string {
  switch (indicator.scope) {
    case 'PER_YEAR':
      return `năm ${indicator.year ?? indicator.windowStart.slice(0, 4)}`;
    case 'PER_PHASE':
      return `giai đoạn ${indicator.phase}`;
    case 'CUMULATIVE':
      return `lũy kế đến hết giai đoạn ${indicator.phase}`;
    case 'HELD':
      return `tại ngày ${formatDate(indicator.asOf)}`;
  }
}

/** An ASCII file name part: Vietnamese letters lose their marks, anything else becomes "-". */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
