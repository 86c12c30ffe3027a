import { BadInputError, isLocalDate, searchKey, toNfc } from '@metrology/kit';
import { CourseStatus } from './course.entity';

/** A course code: 2 to 32 ASCII letters, digits and - _ . / (e.g. "DL-2026-01"). */
const COURSE_CODE = /^[A-Za-z0-9\-_./]{2,32}$/;
/** A time of day, HH:MM on a 24-hour clock. */
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The transitions a course may make (docs/RULES.md, "Courses"): forward one step at a time, or to
 * CANCELLED from anything but COMPLETED. Everything else is refused.
 */
const NEXT_STATUSES: Record<CourseStatus, readonly CourseStatus[]> = {
  [CourseStatus.PLANNED]: [CourseStatus.OPEN, CourseStatus.CANCELLED],
  [CourseStatus.OPEN]: [CourseStatus.RUNNING, CourseStatus.CANCELLED],
  [CourseStatus.RUNNING]: [CourseStatus.COMPLETED, CourseStatus.CANCELLED],
  [CourseStatus.COMPLETED]: [],
  [CourseStatus.CANCELLED]: [],
};

export function canMoveCourse(from: CourseStatus, to: CourseStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/** Statuses in which a course takes no new trainees and no new sessions. */
export const CLOSED_COURSE_STATUSES: readonly CourseStatus[] = [CourseStatus.COMPLETED, CourseStatus.CANCELLED];

/** The course's fields as stored, after defaults. */
export interface CourseFields {
  code: string;
  title: string;
  venue: string;
  startDate: string;
  endDate: string;
  plannedHours: number;
  capacity: number;
  planCode: string;
  planYear: number;
  minAttendancePercent: number;
  passingScore: number | null;
}

function requireText(field: string, value: string, max: number, labelVi: string, labelEn: string): string {
  const text = toNfc(value);
  if (text.length === 0) throw new BadInputError(field, `${labelVi} không được để trống.`, `${labelEn} must not be empty.`);
  if (text.length > max) {
    throw new BadInputError(field, `${labelVi} dài quá ${max} ký tự.`, `${labelEn} must be at most ${max} characters.`);
  }
  return text;
}

function requireDate(field: string, value: string, labelVi: string, labelEn: string): void {
  if (!isLocalDate(value)) {
    throw new BadInputError(field, `${labelVi} không hợp lệ (YYYY-MM-DD).`, `${labelEn} must be a valid date (YYYY-MM-DD).`);
  }
}

function requireIntegerIn(field: string, value: number, min: number, max: number, labelVi: string, labelEn: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadInputError(
      field,
      `${labelVi} phải là số nguyên từ ${min} đến ${max}.`,
      `${labelEn} must be a whole number from ${min} to ${max}.`,
      { min, max },
    );
  }
}

/** Whether a number has at most two decimals (the precision of scores and rates stored here). */
function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

/** An exam score or passing score: 0 to 100, at most two decimals. */
export function requireScore(field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 100 || !hasAtMostTwoDecimals(value)) {
    throw new BadInputError(
      field,
      'Điểm phải từ 0 đến 100, tối đa hai chữ số thập phân.',
      'A score must be from 0 to 100 with at most two decimals.',
    );
  }
  return Math.round(value * 100) / 100;
}

/** The minimum attendance rate (0..1) as the whole percent that is stored. */
export function attendancePercentOf(rate: number): number {
  const percent = rate * 100;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1 || Math.abs(percent - Math.round(percent)) > 1e-6) {
    throw new BadInputError(
      'minAttendanceRate',
      'Tỷ lệ chuyên cần tối thiểu phải từ 0 đến 1, theo phần trăm nguyên (ví dụ 0.8).',
      'The minimum attendance rate must be from 0 to 1 in whole percent (e.g. 0.8).',
    );
  }
  return Math.round(percent);
}

/** Checks and normalises a course's fields; throws BAD_USER_INPUT naming the first field at fault. */
export function checkCourseFields(fields: CourseFields): CourseFields {
  const code = fields.code.trim();
  if (!COURSE_CODE.test(code)) {
    throw new BadInputError(
      'code',
      'Mã khóa học gồm 2 đến 32 ký tự: chữ cái không dấu, chữ số và - _ . /',
      'A course code has 2 to 32 characters: ASCII letters, digits and - _ . /',
    );
  }
  const title = requireText('title', fields.title, 500, 'Tên khóa học', 'The title');
  const venue = requireText('venue', fields.venue, 300, 'Địa điểm', 'The venue');
  const planCode = requireText('planCode', fields.planCode, 64, 'Mã kế hoạch', 'The plan code');
  requireDate('startDate', fields.startDate, 'Ngày bắt đầu', 'The start date');
  requireDate('endDate', fields.endDate, 'Ngày kết thúc', 'The end date');
  if (fields.endDate < fields.startDate) {
    throw new BadInputError(
      'endDate',
      'Ngày kết thúc không được trước ngày bắt đầu.',
      'The end date must not be before the start date.',
    );
  }
  requireIntegerIn('plannedHours', fields.plannedHours, 1, 2000, 'Số giờ dự kiến', 'Planned hours');
  requireIntegerIn('capacity', fields.capacity, 1, 1000, 'Số học viên tối đa', 'The capacity');
  requireIntegerIn('planYear', fields.planYear, 2000, 2100, 'Năm kế hoạch', 'The plan year');
  const passingScore = fields.passingScore === null ? null : requireScore('passingScore', fields.passingScore);
  return { ...fields, code, title, venue, planCode, passingScore };
}

export interface SessionFields {
  date: string;
  startTime: string;
  endTime: string;
  topic: string;
}

/** Checks a session against its course's dates; times come back as HH:MM. */
export function checkSessionFields(fields: SessionFields, course: { startDate: string; endDate: string }): SessionFields {
  requireDate('date', fields.date, 'Ngày học', 'The session date');
  if (fields.date < course.startDate || fields.date > course.endDate) {
    throw new BadInputError(
      'date',
      `Ngày học phải nằm trong thời gian của khóa học (${course.startDate} đến ${course.endDate}).`,
      `The session date must lie within the course dates (${course.startDate} to ${course.endDate}).`,
      { startDate: course.startDate, endDate: course.endDate },
    );
  }
  const startTime = toTimeOfDay('startTime', fields.startTime, 'Giờ bắt đầu', 'The start time');
  const endTime = toTimeOfDay('endTime', fields.endTime, 'Giờ kết thúc', 'The end time');
  if (endTime <= startTime) {
    throw new BadInputError('endTime', 'Giờ kết thúc phải sau giờ bắt đầu.', 'The end time must be after the start time.');
  }
  const topic = requireText('topic', fields.topic, 300, 'Nội dung buổi học', 'The topic');
  return { date: fields.date, startTime, endTime, topic };
}

function toTimeOfDay(field: string, value: string, labelVi: string, labelEn: string): string {
  const time = value.trim();
  if (!TIME_OF_DAY.test(time)) {
    throw new BadInputError(field, `${labelVi} phải có dạng HH:MM (ví dụ 08:00).`, `${labelEn} must be HH:MM (e.g. 08:00).`);
  }
  return time;
}

/** A stored time of day ("08:00:00") as HH:MM. */
export function timeOfDay(stored: string): string {
  return stored.slice(0, 5);
}

/**
 * Accent- and case-insensitive matching inside PostgreSQL without an extension: `translate()`
 * maps every Vietnamese letter with diacritics, đ/Đ and A–Z to the letter `searchKey` gives it,
 * so that `translate(column, FROM, TO) LIKE '%' || searchKey(query) || '%'` finds "Đo lường"
 * for "do luong". The maps are derived from `searchKey`, so both sides agree by construction.
 */
export const SEARCH_FOLD: { from: string; to: string } = (() => {
  const letters = new Set<string>();
  const vowels = 'aăâeêioôơuưy';
  const tones = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
  for (const vowel of vowels + vowels.toUpperCase()) {
    for (const tone of tones) letters.add(`${vowel}${tone}`.normalize('NFC'));
  }
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZĐđ') letters.add(letter);
  const folded = [...letters].filter((letter) => searchKey(letter) !== letter);
  return { from: folded.join(''), to: folded.map((letter) => searchKey(letter)).join('') };
})();
