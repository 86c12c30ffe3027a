import type { Bilingual } from './language';

/** The plan's indicators (docs/RULES.md, "The plan as data"); the kit's `IndicatorCode` enum has these values. */
export const INDICATOR_CODES = ['TRAINING', 'STANDARDS', 'MAP', 'LABS', 'CAPACITY'] as const;
export type IndicatorCodeName = (typeof INDICATOR_CODES)[number];

export const INDICATOR_NAMES: Readonly<Record<IndicatorCodeName, Bilingual>> = {
  TRAINING: { vi: 'Lượt người được bồi dưỡng về đo lường', en: 'People-times trained in metrology' },
  STANDARDS: {
    vi: 'Loại chuẩn đo lường, phương tiện đo được xã hội hóa',
    en: 'Kinds of measurement standards and instruments socialised',
  },
  MAP: {
    vi: 'Lượt doanh nghiệp được hỗ trợ chương trình đảm bảo đo lường',
    en: 'Enterprise-times supported by the Measurement Assurance Programme',
  },
  LABS: {
    vi: 'Phòng thí nghiệm được công nhận theo bộ tiêu chí quốc gia',
    en: 'Laboratories recognised against the national criteria set',
  },
  CAPACITY: {
    vi: 'Tổ chức kiểm định, hiệu chuẩn, thử nghiệm được nâng cao năng lực',
    en: 'Verification, calibration and testing organisations whose capacity was raised',
  },
};

/** Where a target stands (docs/RULES.md, "Indicator status"); the kit's `IndicatorStatus` enum has these values. */
export const INDICATOR_STATUSES = ['NOT_STARTED', 'ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'ACHIEVED', 'MISSED'] as const;
export type IndicatorStatusName = (typeof INDICATOR_STATUSES)[number];

export const INDICATOR_STATUS_NAMES: Readonly<Record<IndicatorStatusName, Bilingual>> = {
  NOT_STARTED: { vi: 'Chưa bắt đầu', en: 'Not started' },
  ON_TRACK: { vi: 'Đúng tiến độ', en: 'On track' },
  AT_RISK: { vi: 'Có nguy cơ chậm', en: 'At risk' },
  OFF_TRACK: { vi: 'Chậm tiến độ', en: 'Off track' },
  ACHIEVED: { vi: 'Đã đạt', en: 'Achieved' },
  MISSED: { vi: 'Không đạt', en: 'Missed' },
};
