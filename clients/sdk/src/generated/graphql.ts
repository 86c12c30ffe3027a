/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A service of the Measurement Assurance Programme (chương trình đảm bảo đo lường). */
export type AssuranceService =
  /** Hiệu chuẩn */
  | 'CALIBRATION'
  /** Xây dựng phương pháp đo */
  | 'METHOD_DEVELOPMENT'
  /** Thử nghiệm */
  | 'TESTING'
  /** Kiểm định */
  | 'VERIFICATION';

/** The whole attendance sheet (bảng điểm danh) of one session. */
export type AttendanceSheetInput = {
  /** One row per trainee, at most 2,000. */
  rows: Array<AttendanceSheetRowInput>;
  /** The session (buổi học) the sheet is for. */
  sessionId: string | number;
};

/** One trainee on an attendance sheet. */
export type AttendanceSheetRowInput = {
  /** The enrolment (ghi danh) of the trainee in the session’s course. */
  enrolmentId: string | number;
  /** Note (ghi chú), at most 500 characters. Omitted: the current note is kept; null or empty: cleared. */
  note?: string | null | undefined;
  /** The mark. */
  status: AttendanceStatus;
};

/** A mark on the attendance sheet. */
export type AttendanceStatus =
  /** Vắng */
  | 'ABSENT'
  /** Vắng có phép (may be given ahead; not counted against the rate) */
  | 'EXCUSED'
  /** Đi muộn (counts as attended) */
  | 'LATE'
  /** Có mặt */
  | 'PRESENT';

/** Whether a certificate still stands (trạng thái giấy chứng nhận). */
export type CertificateStatus =
  /** Đã bị thu hồi */
  | 'REVOKED'
  /** Hợp lệ */
  | 'VALID';

/** Where an enrolment stands against the completion rule (điều kiện hoàn thành khóa học). */
export type CompletionState =
  /** Đủ điều kiện: attendance and exam score meet the rule. */
  | 'ELIGIBLE'
  /** Khóa học chưa kết thúc: the course has not ended yet. */
  | 'IN_PROGRESS'
  /** Không đủ điều kiện: the course ended and the rule is not met. */
  | 'NOT_ELIGIBLE'
  /** Đã rút: the trainee withdrew. */
  | 'WITHDRAWN';

/** Where a course stands. */
export type CourseStatus =
  /** Đã hủy */
  | 'CANCELLED'
  /** Đã kết thúc */
  | 'COMPLETED'
  /** Đang nhận đăng ký */
  | 'OPEN'
  /** Dự kiến */
  | 'PLANNED'
  /** Đang học */
  | 'RUNNING';

export type EnrolmentStatus =
  /** Hoàn thành */
  | 'COMPLETED'
  /** Đang học */
  | 'ENROLLED'
  /** Không hoàn thành */
  | 'NOT_COMPLETED'
  /** Đã rút */
  | 'WITHDRAWN';

/** Source of funds. */
export type FundingSource =
  /** Development investment (chi đầu tư phát triển), via the Department of Planning and Investment. */
  | 'DEVELOPMENT_INVESTMENT'
  /** Mobilised from enterprises and other lawful sources (huy động từ doanh nghiệp và nguồn hợp pháp khác). */
  | 'ENTERPRISE_AND_OTHER'
  /** Science operating budget (kinh phí sự nghiệp khoa học), recurrent, via the Department of Finance. */
  | 'SCIENCE_OPERATING';

/** What an import does when some rows are rejected. */
export type ImportMode =
  /** Any rejected row rejects the whole file; nothing is written (default). */
  | 'ALL_OR_NOTHING'
  /** Valid rows are written; rejected rows are reported. */
  | 'VALID_ROWS_ONLY';

/** A target of the plan (chỉ tiêu). */
export type IndicatorCode =
  /** Verification, calibration and testing organisations whose capacity was raised. */
  | 'CAPACITY'
  /** Laboratories recognised against the national criteria set, held at a date. */
  | 'LABS'
  /** Enterprise-times supported by the Measurement Assurance Programme. */
  | 'MAP'
  /** Kinds of measurement standards and instruments socialised (loại chuẩn, phương tiện đo). */
  | 'STANDARDS'
  /** People-times trained in metrology (lượt người được bồi dưỡng). */
  | 'TRAINING';

/** Where a target stands at the as-of date (tình trạng thực hiện chỉ tiêu). */
export type IndicatorStatus =
  /** The actual has reached the target, during or after the window (đã đạt). */
  | 'ACHIEVED'
  /** Pace from 0.6 to below 0.95 (có nguy cơ chậm). */
  | 'AT_RISK'
  /** The window is over and the target was not reached (không đạt). */
  | 'MISSED'
  /** The as-of date is before the window (chưa bắt đầu). */
  | 'NOT_STARTED'
  /** Pace below 0.6 (chậm tiến độ). */
  | 'OFF_TRACK'
  /** Pace at least 0.95 of the expected progress (đúng tiến độ). */
  | 'ON_TRACK';

/** Ownership (loại hình sở hữu). */
export type Ownership =
  /** Tập thể, hợp tác xã */
  | 'COLLECTIVE'
  /** Có vốn đầu tư nước ngoài */
  | 'FOREIGN_INVESTED'
  /** Tư nhân */
  | 'PRIVATE'
  /** Nhà nước */
  | 'STATE';

/** Status of a recognition at a date. */
export type RecognitionEffectiveStatus =
  /** Đang hiệu lực: the laboratory counts as recognised. */
  | 'ACTIVE'
  /** Hết hiệu lực: the date is past "valid until". */
  | 'EXPIRED'
  /** Chưa có hiệu lực: the date is before "valid from". */
  | 'NOT_YET_VALID'
  /** Tạm đình chỉ at that date. */
  | 'SUSPENDED'
  /** Đã thu hồi at that date. */
  | 'WITHDRAWN';

/** How a target is counted over time. */
export type TargetScope =
  /** Counted from the plan's start to the end of the target's phase. */
  | 'CUMULATIVE'
  /** Distinct items holding the status at the as-of date. */
  | 'HELD'
  /** Counted within the phase. */
  | 'PER_PHASE'
  /** Counted within each calendar year of the phase. */
  | 'PER_YEAR';

export type ScorecardIndicatorFragment = { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, status: IndicatorStatus, forecast: number | null, gap: number, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> };

export type ScorecardBudgetFragment = { asOf: string, year: number | null, contributions: number, stateDisbursed: number, mobilisationRatio: string | null, plannedMobilisationRatio: string | null, bySource: Array<{ source: FundingSource, envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null }>, byTaskGroup: Array<{ taskGroup: number, envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null }>, total: { envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null } };

export type PlanScorecardFragment = { code: string, title: string, issuer: string, province: string, budgetTotal: number | null, phases: Array<{ number: number, title: string, startDate: string, endDate: string }>, taskGroups: Array<{ number: number, title: string }>, trainingIndicator: { yearly: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, status: IndicatorStatus, forecast: number | null, gap: number, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, phase: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, status: IndicatorStatus, forecast: number | null, gap: number, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, participationsByYear: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, infrastructureIndicators: { phase: number, asOf: string, standards: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, status: IndicatorStatus, forecast: number | null, gap: number, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, assurance: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, status: IndicatorStatus, forecast: number | null, gap: number, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, laboratories: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, status: IndicatorStatus, forecast: number | null, gap: number, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, capacity: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, status: IndicatorStatus, forecast: number | null, gap: number, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, mapByOwnership: Array<{ ownership: Ownership, completed: number }> } | null, budgetOfYear: { asOf: string, year: number | null, contributions: number, stateDisbursed: number, mobilisationRatio: string | null, plannedMobilisationRatio: string | null, bySource: Array<{ source: FundingSource, envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null }>, byTaskGroup: Array<{ taskGroup: number, envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null }>, total: { envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null } } | null, budgetToDate: { asOf: string, year: number | null, contributions: number, stateDisbursed: number, mobilisationRatio: string | null, plannedMobilisationRatio: string | null, bySource: Array<{ source: FundingSource, envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null }>, byTaskGroup: Array<{ taskGroup: number, envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null }>, total: { envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null } } | null };

export type ScorecardQueryVariables = Exact<{
  plan: string | number;
  year: number;
  phase?: number | null | undefined;
  asOf?: string | null | undefined;
}>;


export type ScorecardQuery = { plan: { code: string, title: string, issuer: string, province: string, budgetTotal: number | null, phases: Array<{ number: number, title: string, startDate: string, endDate: string }>, taskGroups: Array<{ number: number, title: string }>, trainingIndicator: { yearly: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, status: IndicatorStatus, forecast: number | null, gap: number, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, phase: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, status: IndicatorStatus, forecast: number | null, gap: number, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, participationsByYear: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, infrastructureIndicators: { phase: number, asOf: string, standards: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, status: IndicatorStatus, forecast: number | null, gap: number, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, assurance: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, status: IndicatorStatus, forecast: number | null, gap: number, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, laboratories: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, status: IndicatorStatus, forecast: number | null, gap: number, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, capacity: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, status: IndicatorStatus, forecast: number | null, gap: number, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, mapByOwnership: Array<{ ownership: Ownership, completed: number }> } | null, budgetOfYear: { asOf: string, year: number | null, contributions: number, stateDisbursed: number, mobilisationRatio: string | null, plannedMobilisationRatio: string | null, bySource: Array<{ source: FundingSource, envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null }>, byTaskGroup: Array<{ taskGroup: number, envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null }>, total: { envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null } } | null, budgetToDate: { asOf: string, year: number | null, contributions: number, stateDisbursed: number, mobilisationRatio: string | null, plannedMobilisationRatio: string | null, bySource: Array<{ source: FundingSource, envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null }>, byTaskGroup: Array<{ taskGroup: number, envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null }>, total: { envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null } } | null } };

export type AnnualReportPlanQueryVariables = Exact<{
  plan: string | number;
}>;


export type AnnualReportPlanQuery = { plan: { code: string, phases: Array<{ number: number, startDate: string, endDate: string }>, trainingTargets: Array<{ phase: number, scope: TargetScope, value: number, unit: string }> | null } };

export type YearCoursesQueryVariables = Exact<{
  plan: string;
  year: number;
  limit: number;
  offset: number;
}>;


export type YearCoursesQuery = { courses: { total: number, items: Array<{ id: string, code: string, title: string, startDate: string, endDate: string, status: CourseStatus, enrolmentCount: number }> } };

export type RecognitionsQueryVariables = Exact<{
  asOf?: string | null | undefined;
  limit: number;
  offset: number;
}>;


export type RecognitionsQuery = { recognitions: { total: number, items: Array<{ id: string, validFrom: string, validUntil: string, effectiveStatus: RecognitionEffectiveStatus, laboratory: { code: string, name: string, organization: { name: string } } }> } };

export type CompletedEngagementsQueryVariables = Exact<{
  limit: number;
  offset: number;
}>;


export type CompletedEngagementsQuery = { assuranceEngagements: { total: number, items: Array<{ id: string, completedOn: string | null, services: Array<AssuranceService>, instrumentsCovered: number, enterprise: { taxCode: string, name: string }, provider: { name: string } }> } };

export type ImportAttendanceCsvMutationVariables = Exact<{
  sessionId: string | number;
  csv: string;
  mode?: ImportMode | null | undefined;
}>;


export type ImportAttendanceCsvMutation = { importAttendanceCsv: { mode: ImportMode, rows: number, imported: number, created: number, changed: number, unchanged: number, rejected: Array<{ row: number, name: string | null, reason: string, reasonEn: string }> } };

export type CertificateForDownloadQueryVariables = Exact<{
  id: string | number;
}>;


export type CertificateForDownloadQuery = { certificate: { id: string, serial: string, holderName: string, status: CertificateStatus, sha256: string } };

export type CourseForIssuingQueryVariables = Exact<{
  id: string | number;
}>;


export type CourseForIssuingQuery = { course: { id: string, code: string, title: string, status: CourseStatus } };

export type CourseRosterForIssuingQueryVariables = Exact<{
  courseId: string | number;
  limit: number;
  offset: number;
}>;


export type CourseRosterForIssuingQuery = { courseRoster: { total: number, items: Array<{ trainee: { fullName: string }, enrolment: { id: string, status: EnrolmentStatus, certificate: { id: string, serial: string } | null }, completion: { reason: string, reasonEn: string } }> } };

export type IssueCertificateMutationVariables = Exact<{
  enrolmentId: string | number;
}>;


export type IssueCertificateMutation = { issueCertificate: { id: string, serial: string, holderName: string } };

export type WebIndicatorResultFragment = { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, forecast: number | null, gap: number, status: IndicatorStatus, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> };

export type WebDashboardTrainingQueryVariables = Exact<{
  code: string | number;
  year?: number | null | undefined;
}>;


export type WebDashboardTrainingQuery = { plan: { code: string, title: string, phases: Array<{ number: number, title: string, startDate: string, endDate: string }>, trainingTargets: Array<{ indicator: IndicatorCode, phase: number, scope: TargetScope, value: number, unit: string, description: string }> | null, trainingIndicator: { yearly: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, forecast: number | null, gap: number, status: IndicatorStatus, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, phase: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, forecast: number | null, gap: number, status: IndicatorStatus, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, participationsByYear: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null } };

export type WebDashboardInfrastructureQueryVariables = Exact<{
  code: string | number;
}>;


export type WebDashboardInfrastructureQuery = { plan: { infrastructureTargets: Array<{ indicator: IndicatorCode, phase: number, scope: TargetScope, value: number, unit: string, description: string }> | null, infrastructureIndicators: { phase: number, asOf: string, standards: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, forecast: number | null, gap: number, status: IndicatorStatus, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, assurance: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, forecast: number | null, gap: number, status: IndicatorStatus, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, laboratories: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, forecast: number | null, gap: number, status: IndicatorStatus, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, capacity: { indicator: IndicatorCode, scope: TargetScope, phase: number, year: number | null, windowStart: string, windowEnd: string, asOf: string, target: number, actual: number, expected: number, pace: number | null, forecast: number | null, gap: number, status: IndicatorStatus, unit: string, series: Array<{ year: number, actual: number, runningTotal: number, percentOfTarget: number | null }> } | null, mapByOwnership: Array<{ ownership: Ownership, completed: number }> } | null } };

export type WebBudgetFiguresFragment = { envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null };

export type WebDashboardBudgetQueryVariables = Exact<{
  code: string | number;
}>;


export type WebDashboardBudgetQuery = { plan: { budgetTotal: number | null, taskGroups: Array<{ number: number, title: string }>, budgetSummary: { asOf: string, contributions: number, mobilisationRatio: string | null, total: { envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null }, bySource: Array<{ source: FundingSource, envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null }>, byYear: Array<{ year: number, envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null }>, byTaskGroup: Array<{ taskGroup: number, envelope: number | null, planned: number, allocated: number, disbursed: number, remaining: number, executionRate: string | null }> } | null } };

export type WebMyEnrolmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebMyEnrolmentsQuery = { myTrainee: { id: string, fullName: string } | null, myEnrolments: { total: number, items: Array<{ id: string, status: EnrolmentStatus, enrolledOn: string, course: { id: string, code: string, title: string, startDate: string, endDate: string, status: CourseStatus, venue: string, enrolmentCount: number }, attendance: { held: number, counted: number, attended: number, present: number, late: number, excused: number, absent: number, unmarked: number, rate: number | null } | null, completion: { state: CompletionState, reason: string, reasonEn: string } | null }> } };

export type WebMyAttendanceQueryVariables = Exact<{
  courseId: string | number;
}>;


export type WebMyAttendanceQuery = { myAttendance: { sessions: Array<{ counts: boolean, session: { id: string, date: string, startTime: string, endTime: string, topic: string }, mark: { status: AttendanceStatus, note: string | null } | null }> } };

export type WebMyCertificatesQueryVariables = Exact<{ [key: string]: never; }>;


export type WebMyCertificatesQuery = { myCertificates: Array<{ id: string, serial: string, courseTitle: string, courseCode: string, issuedOn: string, status: CertificateStatus, verificationCode: string, holderName: string }> };

export type WebVerifyCertificateQueryVariables = Exact<{
  code: string;
}>;


export type WebVerifyCertificateQuery = { verifyCertificate: { status: CertificateStatus, serial: string, holderName: string, courseTitle: string, issuedOn: string, replacement: { serial: string, status: CertificateStatus, issuedOn: string } | null } };

export type WebCourseSummaryFragment = { id: string, code: string, title: string, startDate: string, endDate: string, status: CourseStatus, venue: string, enrolmentCount: number };

export type WebAttendanceSummaryFragment = { held: number, counted: number, attended: number, present: number, late: number, excused: number, absent: number, unmarked: number, rate: number | null };

export type WebMyCoursesQueryVariables = Exact<{ [key: string]: never; }>;


export type WebMyCoursesQuery = { myCourses: { total: number, items: Array<{ id: string, code: string, title: string, startDate: string, endDate: string, status: CourseStatus, venue: string, enrolmentCount: number }> } };

export type WebCourseQueryVariables = Exact<{
  id: string | number;
}>;


export type WebCourseQuery = { course: { plannedHours: number, minAttendanceRate: number, id: string, code: string, title: string, startDate: string, endDate: string, status: CourseStatus, venue: string, enrolmentCount: number, sessions: Array<{ id: string, date: string, startTime: string, endTime: string, topic: string }> } };

export type WebCourseRosterQueryVariables = Exact<{
  courseId: string | number;
  offset: number;
}>;


export type WebCourseRosterQuery = { courseRoster: { total: number, items: Array<{ trainee: { id: string, fullName: string }, enrolment: { id: string, status: EnrolmentStatus, certificate: { id: string, serial: string } | null }, attendance: { held: number, counted: number, attended: number, present: number, late: number, excused: number, absent: number, unmarked: number, rate: number | null }, completion: { state: CompletionState, reason: string, reasonEn: string } }> } };

export type WebSessionSheetFragment = { held: boolean, session: { id: string, date: string, startTime: string, endTime: string, topic: string, course: { id: string, code: string, title: string } }, rows: Array<{ enrolment: { id: string }, trainee: { id: string, fullName: string }, mark: { status: AttendanceStatus, note: string | null } | null }> };

export type WebSessionSheetQueryVariables = Exact<{
  sessionId: string | number;
}>;


export type WebSessionSheetQuery = { sessionSheet: { held: boolean, session: { id: string, date: string, startTime: string, endTime: string, topic: string, course: { id: string, code: string, title: string } }, rows: Array<{ enrolment: { id: string }, trainee: { id: string, fullName: string }, mark: { status: AttendanceStatus, note: string | null } | null }> } };

export type WebRecordAttendanceSheetMutationVariables = Exact<{
  input: AttendanceSheetInput;
}>;


export type WebRecordAttendanceSheetMutation = { recordAttendanceSheet: { created: number, changed: number, unchanged: number, sheet: { held: boolean, session: { id: string, date: string, startTime: string, endTime: string, topic: string, course: { id: string, code: string, title: string } }, rows: Array<{ enrolment: { id: string }, trainee: { id: string, fullName: string }, mark: { status: AttendanceStatus, note: string | null } | null }> } } };

export type WebCompleteCourseMutationVariables = Exact<{
  courseId: string | number;
}>;


export type WebCompleteCourseMutation = { completeCourse: { completed: number, notCompleted: number, withdrawn: number } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ScorecardIndicatorFragmentDoc = new TypedDocumentString(`
    fragment ScorecardIndicator on IndicatorResult {
  indicator
  scope
  phase
  year
  windowStart
  windowEnd
  asOf
  target
  actual
  expected
  pace
  status
  forecast
  gap
  unit
  series {
    year
    actual
    runningTotal
    percentOfTarget
  }
}
    `, {"fragmentName":"ScorecardIndicator"}) as unknown as TypedDocumentString<ScorecardIndicatorFragment, unknown>;
export const ScorecardBudgetFragmentDoc = new TypedDocumentString(`
    fragment ScorecardBudget on BudgetSummary {
  asOf
  year
  bySource {
    source
    envelope
    planned
    allocated
    disbursed
    remaining
    executionRate
  }
  byTaskGroup {
    taskGroup
    envelope
    planned
    allocated
    disbursed
    remaining
    executionRate
  }
  total {
    envelope
    planned
    allocated
    disbursed
    remaining
    executionRate
  }
  contributions
  stateDisbursed
  mobilisationRatio
  plannedMobilisationRatio
}
    `, {"fragmentName":"ScorecardBudget"}) as unknown as TypedDocumentString<ScorecardBudgetFragment, unknown>;
export const PlanScorecardFragmentDoc = new TypedDocumentString(`
    fragment PlanScorecard on Plan {
  code
  title
  issuer
  province
  phases {
    number
    title
    startDate
    endDate
  }
  taskGroups {
    number
    title
  }
  budgetTotal
  trainingIndicator(asOf: $asOf, year: $year, phase: $phase) {
    yearly {
      ...ScorecardIndicator
    }
    phase {
      ...ScorecardIndicator
    }
    participationsByYear {
      year
      actual
      runningTotal
      percentOfTarget
    }
  }
  infrastructureIndicators(asOf: $asOf, phase: $phase) {
    phase
    asOf
    standards {
      ...ScorecardIndicator
    }
    assurance {
      ...ScorecardIndicator
    }
    laboratories {
      ...ScorecardIndicator
    }
    capacity {
      ...ScorecardIndicator
    }
    mapByOwnership {
      ownership
      completed
    }
  }
  budgetOfYear: budgetSummary(asOf: $asOf, year: $year) {
    ...ScorecardBudget
  }
  budgetToDate: budgetSummary(asOf: $asOf) {
    ...ScorecardBudget
  }
}
    fragment ScorecardIndicator on IndicatorResult {
  indicator
  scope
  phase
  year
  windowStart
  windowEnd
  asOf
  target
  actual
  expected
  pace
  status
  forecast
  gap
  unit
  series {
    year
    actual
    runningTotal
    percentOfTarget
  }
}
fragment ScorecardBudget on BudgetSummary {
  asOf
  year
  bySource {
    source
    envelope
    planned
    allocated
    disbursed
    remaining
    executionRate
  }
  byTaskGroup {
    taskGroup
    envelope
    planned
    allocated
    disbursed
    remaining
    executionRate
  }
  total {
    envelope
    planned
    allocated
    disbursed
    remaining
    executionRate
  }
  contributions
  stateDisbursed
  mobilisationRatio
  plannedMobilisationRatio
}`, {"fragmentName":"PlanScorecard"}) as unknown as TypedDocumentString<PlanScorecardFragment, unknown>;
export const WebIndicatorResultFragmentDoc = new TypedDocumentString(`
    fragment WebIndicatorResult on IndicatorResult {
  indicator
  scope
  phase
  year
  windowStart
  windowEnd
  asOf
  target
  actual
  expected
  pace
  forecast
  gap
  status
  unit
  series {
    year
    actual
    runningTotal
    percentOfTarget
  }
}
    `, {"fragmentName":"WebIndicatorResult"}) as unknown as TypedDocumentString<WebIndicatorResultFragment, unknown>;
export const WebBudgetFiguresFragmentDoc = new TypedDocumentString(`
    fragment WebBudgetFigures on BudgetFigures {
  envelope
  planned
  allocated
  disbursed
  remaining
  executionRate
}
    `, {"fragmentName":"WebBudgetFigures"}) as unknown as TypedDocumentString<WebBudgetFiguresFragment, unknown>;
export const WebCourseSummaryFragmentDoc = new TypedDocumentString(`
    fragment WebCourseSummary on Course {
  id
  code
  title
  startDate
  endDate
  status
  venue
  enrolmentCount
}
    `, {"fragmentName":"WebCourseSummary"}) as unknown as TypedDocumentString<WebCourseSummaryFragment, unknown>;
export const WebAttendanceSummaryFragmentDoc = new TypedDocumentString(`
    fragment WebAttendanceSummary on AttendanceSummary {
  held
  counted
  attended
  present
  late
  excused
  absent
  unmarked
  rate
}
    `, {"fragmentName":"WebAttendanceSummary"}) as unknown as TypedDocumentString<WebAttendanceSummaryFragment, unknown>;
export const WebSessionSheetFragmentDoc = new TypedDocumentString(`
    fragment WebSessionSheet on SessionSheet {
  held
  session {
    id
    date
    startTime
    endTime
    topic
    course {
      id
      code
      title
    }
  }
  rows {
    enrolment {
      id
    }
    trainee {
      id
      fullName
    }
    mark {
      status
      note
    }
  }
}
    `, {"fragmentName":"WebSessionSheet"}) as unknown as TypedDocumentString<WebSessionSheetFragment, unknown>;
export const ScorecardDocument = new TypedDocumentString(`
    query Scorecard($plan: ID!, $year: Int!, $phase: Int, $asOf: LocalDate) {
  plan(code: $plan) {
    ...PlanScorecard
  }
}
    fragment ScorecardIndicator on IndicatorResult {
  indicator
  scope
  phase
  year
  windowStart
  windowEnd
  asOf
  target
  actual
  expected
  pace
  status
  forecast
  gap
  unit
  series {
    year
    actual
    runningTotal
    percentOfTarget
  }
}
fragment ScorecardBudget on BudgetSummary {
  asOf
  year
  bySource {
    source
    envelope
    planned
    allocated
    disbursed
    remaining
    executionRate
  }
  byTaskGroup {
    taskGroup
    envelope
    planned
    allocated
    disbursed
    remaining
    executionRate
  }
  total {
    envelope
    planned
    allocated
    disbursed
    remaining
    executionRate
  }
  contributions
  stateDisbursed
  mobilisationRatio
  plannedMobilisationRatio
}
fragment PlanScorecard on Plan {
  code
  title
  issuer
  province
  phases {
    number
    title
    startDate
    endDate
  }
  taskGroups {
    number
    title
  }
  budgetTotal
  trainingIndicator(asOf: $asOf, year: $year, phase: $phase) {
    yearly {
      ...ScorecardIndicator
    }
    phase {
      ...ScorecardIndicator
    }
    participationsByYear {
      year
      actual
      runningTotal
      percentOfTarget
    }
  }
  infrastructureIndicators(asOf: $asOf, phase: $phase) {
    phase
    asOf
    standards {
      ...ScorecardIndicator
    }
    assurance {
      ...ScorecardIndicator
    }
    laboratories {
      ...ScorecardIndicator
    }
    capacity {
      ...ScorecardIndicator
    }
    mapByOwnership {
      ownership
      completed
    }
  }
  budgetOfYear: budgetSummary(asOf: $asOf, year: $year) {
    ...ScorecardBudget
  }
  budgetToDate: budgetSummary(asOf: $asOf) {
    ...ScorecardBudget
  }
}`) as unknown as TypedDocumentString<ScorecardQuery, ScorecardQueryVariables>;
export const AnnualReportPlanDocument = new TypedDocumentString(`
    query AnnualReportPlan($plan: ID!) {
  plan(code: $plan) {
    code
    phases {
      number
      startDate
      endDate
    }
    trainingTargets {
      phase
      scope
      value
      unit
    }
  }
}
    `) as unknown as TypedDocumentString<AnnualReportPlanQuery, AnnualReportPlanQueryVariables>;
export const YearCoursesDocument = new TypedDocumentString(`
    query YearCourses($plan: String!, $year: Int!, $limit: Int!, $offset: Int!) {
  courses(planCode: $plan, year: $year, limit: $limit, offset: $offset) {
    total
    items {
      id
      code
      title
      startDate
      endDate
      status
      enrolmentCount
    }
  }
}
    `) as unknown as TypedDocumentString<YearCoursesQuery, YearCoursesQueryVariables>;
export const RecognitionsDocument = new TypedDocumentString(`
    query Recognitions($asOf: LocalDate, $limit: Int!, $offset: Int!) {
  recognitions(limit: $limit, offset: $offset) {
    total
    items {
      id
      validFrom
      validUntil
      effectiveStatus(asOf: $asOf)
      laboratory {
        code
        name
        organization {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RecognitionsQuery, RecognitionsQueryVariables>;
export const CompletedEngagementsDocument = new TypedDocumentString(`
    query CompletedEngagements($limit: Int!, $offset: Int!) {
  assuranceEngagements(status: COMPLETED, limit: $limit, offset: $offset) {
    total
    items {
      id
      completedOn
      services
      instrumentsCovered
      enterprise {
        taxCode
        name
      }
      provider {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CompletedEngagementsQuery, CompletedEngagementsQueryVariables>;
export const ImportAttendanceCsvDocument = new TypedDocumentString(`
    mutation ImportAttendanceCsv($sessionId: ID!, $csv: String!, $mode: ImportMode) {
  importAttendanceCsv(sessionId: $sessionId, csv: $csv, mode: $mode) {
    mode
    rows
    imported
    created
    changed
    unchanged
    rejected {
      row
      name
      reason
      reasonEn
    }
  }
}
    `) as unknown as TypedDocumentString<ImportAttendanceCsvMutation, ImportAttendanceCsvMutationVariables>;
export const CertificateForDownloadDocument = new TypedDocumentString(`
    query CertificateForDownload($id: ID!) {
  certificate(id: $id) {
    id
    serial
    holderName
    status
    sha256
  }
}
    `) as unknown as TypedDocumentString<CertificateForDownloadQuery, CertificateForDownloadQueryVariables>;
export const CourseForIssuingDocument = new TypedDocumentString(`
    query CourseForIssuing($id: ID!) {
  course(id: $id) {
    id
    code
    title
    status
  }
}
    `) as unknown as TypedDocumentString<CourseForIssuingQuery, CourseForIssuingQueryVariables>;
export const CourseRosterForIssuingDocument = new TypedDocumentString(`
    query CourseRosterForIssuing($courseId: ID!, $limit: Int!, $offset: Int!) {
  courseRoster(courseId: $courseId, limit: $limit, offset: $offset) {
    total
    items {
      trainee {
        fullName
      }
      enrolment {
        id
        status
        certificate {
          id
          serial
        }
      }
      completion {
        reason
        reasonEn
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CourseRosterForIssuingQuery, CourseRosterForIssuingQueryVariables>;
export const IssueCertificateDocument = new TypedDocumentString(`
    mutation IssueCertificate($enrolmentId: ID!) {
  issueCertificate(enrolmentId: $enrolmentId) {
    id
    serial
    holderName
  }
}
    `) as unknown as TypedDocumentString<IssueCertificateMutation, IssueCertificateMutationVariables>;
export const WebDashboardTrainingDocument = new TypedDocumentString(`
    query WebDashboardTraining($code: ID!, $year: Int) {
  plan(code: $code) {
    code
    title
    phases {
      number
      title
      startDate
      endDate
    }
    trainingTargets {
      indicator
      phase
      scope
      value
      unit
      description
    }
    trainingIndicator(year: $year) {
      yearly {
        ...WebIndicatorResult
      }
      phase {
        ...WebIndicatorResult
      }
      participationsByYear {
        year
        actual
        runningTotal
        percentOfTarget
      }
    }
  }
}
    fragment WebIndicatorResult on IndicatorResult {
  indicator
  scope
  phase
  year
  windowStart
  windowEnd
  asOf
  target
  actual
  expected
  pace
  forecast
  gap
  status
  unit
  series {
    year
    actual
    runningTotal
    percentOfTarget
  }
}`) as unknown as TypedDocumentString<WebDashboardTrainingQuery, WebDashboardTrainingQueryVariables>;
export const WebDashboardInfrastructureDocument = new TypedDocumentString(`
    query WebDashboardInfrastructure($code: ID!) {
  plan(code: $code) {
    infrastructureTargets {
      indicator
      phase
      scope
      value
      unit
      description
    }
    infrastructureIndicators {
      phase
      asOf
      standards {
        ...WebIndicatorResult
      }
      assurance {
        ...WebIndicatorResult
      }
      laboratories {
        ...WebIndicatorResult
      }
      capacity {
        ...WebIndicatorResult
      }
      mapByOwnership {
        ownership
        completed
      }
    }
  }
}
    fragment WebIndicatorResult on IndicatorResult {
  indicator
  scope
  phase
  year
  windowStart
  windowEnd
  asOf
  target
  actual
  expected
  pace
  forecast
  gap
  status
  unit
  series {
    year
    actual
    runningTotal
    percentOfTarget
  }
}`) as unknown as TypedDocumentString<WebDashboardInfrastructureQuery, WebDashboardInfrastructureQueryVariables>;
export const WebDashboardBudgetDocument = new TypedDocumentString(`
    query WebDashboardBudget($code: ID!) {
  plan(code: $code) {
    budgetTotal
    taskGroups {
      number
      title
    }
    budgetSummary {
      asOf
      contributions
      mobilisationRatio
      total {
        ...WebBudgetFigures
      }
      bySource {
        source
        envelope
        planned
        allocated
        disbursed
        remaining
        executionRate
      }
      byYear {
        year
        envelope
        planned
        allocated
        disbursed
        remaining
        executionRate
      }
      byTaskGroup {
        taskGroup
        envelope
        planned
        allocated
        disbursed
        remaining
        executionRate
      }
    }
  }
}
    fragment WebBudgetFigures on BudgetFigures {
  envelope
  planned
  allocated
  disbursed
  remaining
  executionRate
}`) as unknown as TypedDocumentString<WebDashboardBudgetQuery, WebDashboardBudgetQueryVariables>;
export const WebMyEnrolmentsDocument = new TypedDocumentString(`
    query WebMyEnrolments {
  myTrainee {
    id
    fullName
  }
  myEnrolments(limit: 200) {
    total
    items {
      id
      status
      enrolledOn
      course {
        ...WebCourseSummary
      }
      attendance {
        ...WebAttendanceSummary
      }
      completion {
        state
        reason
        reasonEn
      }
    }
  }
}
    fragment WebCourseSummary on Course {
  id
  code
  title
  startDate
  endDate
  status
  venue
  enrolmentCount
}
fragment WebAttendanceSummary on AttendanceSummary {
  held
  counted
  attended
  present
  late
  excused
  absent
  unmarked
  rate
}`) as unknown as TypedDocumentString<WebMyEnrolmentsQuery, WebMyEnrolmentsQueryVariables>;
export const WebMyAttendanceDocument = new TypedDocumentString(`
    query WebMyAttendance($courseId: ID!) {
  myAttendance(courseId: $courseId) {
    sessions {
      counts
      session {
        id
        date
        startTime
        endTime
        topic
      }
      mark {
        status
        note
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebMyAttendanceQuery, WebMyAttendanceQueryVariables>;
export const WebMyCertificatesDocument = new TypedDocumentString(`
    query WebMyCertificates {
  myCertificates {
    id
    serial
    courseTitle
    courseCode
    issuedOn
    status
    verificationCode
    holderName
  }
}
    `) as unknown as TypedDocumentString<WebMyCertificatesQuery, WebMyCertificatesQueryVariables>;
export const WebVerifyCertificateDocument = new TypedDocumentString(`
    query WebVerifyCertificate($code: String!) {
  verifyCertificate(code: $code) {
    status
    serial
    holderName
    courseTitle
    issuedOn
    replacement {
      serial
      status
      issuedOn
    }
  }
}
    `) as unknown as TypedDocumentString<WebVerifyCertificateQuery, WebVerifyCertificateQueryVariables>;
export const WebMyCoursesDocument = new TypedDocumentString(`
    query WebMyCourses {
  myCourses(limit: 200) {
    total
    items {
      ...WebCourseSummary
    }
  }
}
    fragment WebCourseSummary on Course {
  id
  code
  title
  startDate
  endDate
  status
  venue
  enrolmentCount
}`) as unknown as TypedDocumentString<WebMyCoursesQuery, WebMyCoursesQueryVariables>;
export const WebCourseDocument = new TypedDocumentString(`
    query WebCourse($id: ID!) {
  course(id: $id) {
    ...WebCourseSummary
    plannedHours
    minAttendanceRate
    sessions {
      id
      date
      startTime
      endTime
      topic
    }
  }
}
    fragment WebCourseSummary on Course {
  id
  code
  title
  startDate
  endDate
  status
  venue
  enrolmentCount
}`) as unknown as TypedDocumentString<WebCourseQuery, WebCourseQueryVariables>;
export const WebCourseRosterDocument = new TypedDocumentString(`
    query WebCourseRoster($courseId: ID!, $offset: Int!) {
  courseRoster(courseId: $courseId, limit: 200, offset: $offset) {
    total
    items {
      trainee {
        id
        fullName
      }
      enrolment {
        id
        status
        certificate {
          id
          serial
        }
      }
      attendance {
        ...WebAttendanceSummary
      }
      completion {
        state
        reason
        reasonEn
      }
    }
  }
}
    fragment WebAttendanceSummary on AttendanceSummary {
  held
  counted
  attended
  present
  late
  excused
  absent
  unmarked
  rate
}`) as unknown as TypedDocumentString<WebCourseRosterQuery, WebCourseRosterQueryVariables>;
export const WebSessionSheetDocument = new TypedDocumentString(`
    query WebSessionSheet($sessionId: ID!) {
  sessionSheet(sessionId: $sessionId) {
    ...WebSessionSheet
  }
}
    fragment WebSessionSheet on SessionSheet {
  held
  session {
    id
    date
    startTime
    endTime
    topic
    course {
      id
      code
      title
    }
  }
  rows {
    enrolment {
      id
    }
    trainee {
      id
      fullName
    }
    mark {
      status
      note
    }
  }
}`) as unknown as TypedDocumentString<WebSessionSheetQuery, WebSessionSheetQueryVariables>;
export const WebRecordAttendanceSheetDocument = new TypedDocumentString(`
    mutation WebRecordAttendanceSheet($input: AttendanceSheetInput!) {
  recordAttendanceSheet(input: $input) {
    created
    changed
    unchanged
    sheet {
      ...WebSessionSheet
    }
  }
}
    fragment WebSessionSheet on SessionSheet {
  held
  session {
    id
    date
    startTime
    endTime
    topic
    course {
      id
      code
      title
    }
  }
  rows {
    enrolment {
      id
    }
    trainee {
      id
      fullName
    }
    mark {
      status
      note
    }
  }
}`) as unknown as TypedDocumentString<WebRecordAttendanceSheetMutation, WebRecordAttendanceSheetMutationVariables>;
export const WebCompleteCourseDocument = new TypedDocumentString(`
    mutation WebCompleteCourse($courseId: ID!) {
  completeCourse(courseId: $courseId) {
    completed
    notCompleted
    withdrawn
  }
}
    `) as unknown as TypedDocumentString<WebCompleteCourseMutation, WebCompleteCourseMutationVariables>;