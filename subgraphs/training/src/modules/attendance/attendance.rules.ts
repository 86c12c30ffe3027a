import { formatDate } from '@metrology/kit';
import { EnrolmentStatus } from '../enrolment/enrolment.entity';

/**
 * The counting rules of attendance and completion (docs/RULES.md, "Attendance" and "Completion"),
 * as pure functions of the counts one SQL aggregate returns per enrolment. Every decision is taken
 * in integers; the rate is a number only for display.
 */

/** What the aggregate returns for one enrolment, as of one date. */
export interface AttendanceFacts {
  enrolmentId: string;
  enrolmentStatus: EnrolmentStatus;
  examScore: number | null;
  courseEndDate: string;
  minAttendancePercent: number;
  passingScore: number | null;
  /** Sessions since the enrolment date whose date has come. */
  held: number;
  present: number;
  late: number;
  /** EXCUSED marks on held sessions. */
  excused: number;
  absent: number;
  /** Held sessions without a mark: they count as absent. */
  unmarked: number;
  /** Sessions since the enrolment date still to come. */
  upcoming: number;
  /** EXCUSED marks given ahead for sessions still to come. */
  excusedAhead: number;
}

export interface AttendanceSummaryValue {
  enrolmentId: string;
  held: number;
  present: number;
  late: number;
  excused: number;
  absent: number;
  unmarked: number;
  attended: number;
  counted: number;
  rate: number | null;
  upcoming: number;
  excusedAhead: number;
}

export enum CompletionState {
  IN_PROGRESS = 'IN_PROGRESS',
  ELIGIBLE = 'ELIGIBLE',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  WITHDRAWN = 'WITHDRAWN',
}

export interface CompletionValue {
  enrolmentId: string;
  state: CompletionState;
  reason: string;
  reasonEn: string;
}

export enum AttendanceRisk {
  BELOW_MINIMUM = 'BELOW_MINIMUM',
  CANNOT_REACH_MINIMUM = 'CANNOT_REACH_MINIMUM',
}

export interface RiskValue {
  risk: AttendanceRisk;
  /** The rate if every remaining session is attended; null when no session will ever count. */
  bestPossibleRate: number | null;
}

/** Fraction rounded to four decimals (0.8333), explicitly, from integers. */
export function ratio(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator * 10_000) / denominator) / 10_000;
}

/** attended / counted ≥ percent / 100, decided in integers. Nothing counted meets only a 0 % minimum. */
export function meetsMinimum(attended: number, counted: number, percent: number): boolean {
  if (counted === 0) return percent === 0;
  return attended * 100 >= percent * counted;
}

export function summarize(facts: AttendanceFacts): AttendanceSummaryValue {
  const attended = facts.present + facts.late;
  const counted = facts.held - facts.excused;
  return {
    enrolmentId: facts.enrolmentId,
    held: facts.held,
    present: facts.present,
    late: facts.late,
    excused: facts.excused,
    absent: facts.absent,
    unmarked: facts.unmarked,
    attended,
    counted,
    rate: ratio(attended, counted),
    upcoming: facts.upcoming,
    excusedAhead: facts.excusedAhead,
  };
}

function percentText(attended: number, counted: number): string {
  return `${Math.round((attended * 1000) / counted) / 10}%`;
}

/** Scores have two decimals: compared as whole hundredths so that 4.99 < 5 holds exactly. */
function hundredths(score: number): number {
  return Math.round(score * 100);
}

/**
 * Completion (docs/RULES.md, "Completion"): the course has ended (its end date is before `today`),
 * the attendance rate reaches the minimum, and the exam score reaches the passing score where one
 * is set.
 */
export function decideCompletion(facts: AttendanceFacts, today: string): CompletionValue {
  const enrolmentId = facts.enrolmentId;
  if (facts.enrolmentStatus === EnrolmentStatus.WITHDRAWN) {
    return {
      enrolmentId,
      state: CompletionState.WITHDRAWN,
      reason: 'Học viên đã rút khỏi khóa học.',
      reasonEn: 'The trainee withdrew from the course.',
    };
  }
  if (facts.courseEndDate >= today) {
    return {
      enrolmentId,
      state: CompletionState.IN_PROGRESS,
      reason: `Khóa học chưa kết thúc (ngày kết thúc ${formatDate(facts.courseEndDate)}).`,
      reasonEn: `The course has not ended (it ends on ${facts.courseEndDate}).`,
    };
  }
  const { attended, counted } = summarize(facts);
  const percent = facts.minAttendancePercent;
  const failures: { vi: string; en: string }[] = [];
  const passes: { vi: string; en: string }[] = [];
  if (counted === 0) {
    if (percent > 0) failures.push({ vi: 'không có buổi học nào được tính chuyên cần', en: 'no session counts for attendance' });
  } else if (meetsMinimum(attended, counted, percent)) {
    const rate = percentText(attended, counted);
    passes.push({ vi: `chuyên cần ${rate} ≥ ${percent}%`, en: `attendance ${rate} ≥ ${percent}%` });
  } else {
    const rate = percentText(attended, counted);
    failures.push({
      vi: `chuyên cần ${rate} thấp hơn mức tối thiểu ${percent}%`,
      en: `attendance ${rate} is below the minimum ${percent}%`,
    });
  }
  if (facts.passingScore !== null) {
    if (facts.examScore === null) {
      failures.push({ vi: 'chưa có điểm thi', en: 'no exam score' });
    } else if (hundredths(facts.examScore) < hundredths(facts.passingScore)) {
      failures.push({
        vi: `điểm thi ${facts.examScore} thấp hơn điểm đạt ${facts.passingScore}`,
        en: `exam score ${facts.examScore} is below the passing score ${facts.passingScore}`,
      });
    } else {
      passes.push({
        vi: `điểm thi ${facts.examScore} ≥ ${facts.passingScore}`,
        en: `exam score ${facts.examScore} ≥ ${facts.passingScore}`,
      });
    }
  }
  if (failures.length > 0) {
    return {
      enrolmentId,
      state: CompletionState.NOT_ELIGIBLE,
      reason: `Không đủ điều kiện hoàn thành: ${failures.map((f) => f.vi).join('; ')}.`,
      reasonEn: `Not eligible: ${failures.map((f) => f.en).join('; ')}.`,
    };
  }
  return {
    enrolmentId,
    state: CompletionState.ELIGIBLE,
    reason: `Đủ điều kiện hoàn thành${passes.length > 0 ? `: ${passes.map((p) => p.vi).join('; ')}` : ''}.`,
    reasonEn: `Eligible${passes.length > 0 ? `: ${passes.map((p) => p.en).join('; ')}` : ''}.`,
  };
}

/**
 * At risk of not completing: CANNOT_REACH_MINIMUM when even attending every remaining session
 * (those not excused ahead) leaves the rate below the minimum; otherwise BELOW_MINIMUM when the
 * rate so far is below it; null when neither.
 */
export function riskOf(facts: AttendanceFacts): RiskValue | null {
  if (facts.enrolmentStatus === EnrolmentStatus.WITHDRAWN) return null;
  const { attended, counted } = summarize(facts);
  const percent = facts.minAttendancePercent;
  const remaining = facts.upcoming - facts.excusedAhead;
  const bestAttended = attended + remaining;
  const bestCounted = counted + remaining;
  const bestPossibleRate = ratio(bestAttended, bestCounted);
  if (bestCounted > 0 && !meetsMinimum(bestAttended, bestCounted, percent)) {
    return { risk: AttendanceRisk.CANNOT_REACH_MINIMUM, bestPossibleRate };
  }
  if (counted > 0 && !meetsMinimum(attended, counted, percent)) {
    return { risk: AttendanceRisk.BELOW_MINIMUM, bestPossibleRate };
  }
  return null;
}
