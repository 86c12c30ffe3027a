import type { Bilingual } from './language';

/**
 * Names of the statuses and kinds people read, keyed by the GraphQL enum values (each subgraph's
 * enum has exactly these keys: `subgraphs/kit/test/vocabulary.test.ts` checks them against the
 * supergraph).
 */

export const COURSE_STATUS_NAMES = {
  PLANNED: { vi: 'Dự kiến', en: 'Planned' },
  OPEN: { vi: 'Đang nhận đăng ký', en: 'Open for enrolment' },
  RUNNING: { vi: 'Đang học', en: 'Running' },
  COMPLETED: { vi: 'Đã kết thúc', en: 'Completed' },
  CANCELLED: { vi: 'Đã hủy', en: 'Cancelled' },
} as const satisfies Record<string, Bilingual>;

export const CERTIFICATE_STATUS_NAMES = {
  VALID: { vi: 'Hợp lệ', en: 'Valid' },
  REVOKED: { vi: 'Đã thu hồi', en: 'Revoked' },
} as const satisfies Record<string, Bilingual>;

/** Attendance marks; the Vietnamese names are also what an attendance CSV file writes. */
export const ATTENDANCE_STATUS_NAMES = {
  PRESENT: { vi: 'Có mặt', en: 'Present' },
  LATE: { vi: 'Đi muộn', en: 'Late' },
  EXCUSED: { vi: 'Vắng có phép', en: 'Excused' },
  ABSENT: { vi: 'Vắng', en: 'Absent' },
} as const satisfies Record<string, Bilingual>;

export const FUNDING_SOURCE_NAMES = {
  SCIENCE_OPERATING: { vi: 'Sự nghiệp khoa học', en: 'Science operating budget' },
  DEVELOPMENT_INVESTMENT: { vi: 'Chi đầu tư phát triển', en: 'Development investment' },
  ENTERPRISE_AND_OTHER: { vi: 'Doanh nghiệp và nguồn hợp pháp khác', en: 'Enterprises and other lawful sources' },
} as const satisfies Record<string, Bilingual>;

export const OWNERSHIP_NAMES = {
  STATE: { vi: 'Nhà nước', en: 'State' },
  PRIVATE: { vi: 'Tư nhân', en: 'Private' },
  COLLECTIVE: { vi: 'Tập thể, hợp tác xã', en: 'Collective, cooperative' },
  FOREIGN_INVESTED: { vi: 'Có vốn đầu tư nước ngoài', en: 'Foreign-invested' },
} as const satisfies Record<string, Bilingual>;

/** A recognition's status as stored (`RecognitionStatus`) or in effect at a date (`RecognitionEffectiveStatus`). */
export const RECOGNITION_STATUS_NAMES = {
  ACTIVE: { vi: 'Đang hiệu lực', en: 'Active' },
  EXPIRED: { vi: 'Hết hiệu lực', en: 'Expired' },
  NOT_YET_VALID: { vi: 'Chưa có hiệu lực', en: 'Not yet valid' },
  SUSPENDED: { vi: 'Tạm đình chỉ', en: 'Suspended' },
  WITHDRAWN: { vi: 'Đã thu hồi', en: 'Withdrawn' },
} as const satisfies Record<string, Bilingual>;

/** Metrology services of a laboratory (`LaboratoryService`) or an MAP engagement (`AssuranceService`). */
export const SERVICE_NAMES = {
  VERIFICATION: { vi: 'Kiểm định', en: 'Verification' },
  CALIBRATION: { vi: 'Hiệu chuẩn', en: 'Calibration' },
  TESTING: { vi: 'Thử nghiệm', en: 'Testing' },
  METHOD_DEVELOPMENT: { vi: 'Xây dựng phương pháp đo', en: 'Measurement method development' },
} as const satisfies Record<string, Bilingual>;
