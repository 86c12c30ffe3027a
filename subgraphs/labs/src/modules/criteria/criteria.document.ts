import { BadInputError, isLocalDate, MetrologyField, textViolation, toNfc, violationText } from '@metrology/kit';

/*
 * A criteria set as one document, whatever format it arrived in, and the checks both formats share
 * (docs/RULES.md, "Assessments"): codes, texts, scores, flags and fields of each criterion,
 * duplicate codes and the pass threshold. Reading JSON and CSV into it: `criteria.import.ts`.
 */

/** Where a criterion came from, for messages. */
export interface CriterionLocation {
  /** CSV: line number of the row (the header is line 1). */
  row?: number;
  /** JSON: position in the `criteria` array, from 1. */
  index?: number;
}

export interface CriterionDocument {
  code: string;
  group: string;
  title: string;
  maxScore: number;
  minimumScore: number | null;
  mandatory: boolean;
  fields: MetrologyField[];
  location: CriterionLocation;
}

export interface CriteriaSetDocument {
  code: string;
  version: number;
  title: string;
  effectiveDate: string;
  passThreshold: number;
  note: string | null;
  criteria: CriterionDocument[];
}

const SET_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const CRITERION_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const MAX_CRITERIA = 500;
const MAX_SCORE = 10_000;
const FIELD_NAMES = new Set<string>(Object.values(MetrologyField));

interface Place {
  location?: CriterionLocation;
  criterion?: string;
  property: string;
}

function where(place: Place): { vi: string; en: string } {
  const { location, criterion } = place;
  const named = criterion ? ` "${criterion}"` : '';
  if (location?.row !== undefined) {
    return {
      vi: `Dòng ${location.row}${criterion ? ` (tiêu chí${named})` : ''}`,
      en: `Row ${location.row}${criterion ? ` (criterion${named})` : ''}`,
    };
  }
  if (location?.index !== undefined) {
    return { vi: `Tiêu chí thứ ${location.index}${named}`, en: `Criterion ${location.index}${named}` };
  }
  return { vi: 'Bộ tiêu chí', en: 'The criteria set' };
}

/** BAD_USER_INPUT on `content`, naming the row or criterion and the property. */
export function refuse(place: Place, problemVi: string, problemEn: string, details: Record<string, unknown> = {}): BadInputError {
  const at = where(place);
  return new BadInputError(
    'content',
    `${at.vi}, "${place.property}": ${problemVi}`,
    `${at.en}, "${place.property}": ${problemEn}`,
    {
      ...details,
      property: place.property,
      ...(place.location?.row !== undefined ? { row: place.location.row } : {}),
      ...(place.location?.index !== undefined ? { index: place.location.index } : {}),
      ...(place.criterion ? { criterion: place.criterion } : {}),
    },
  );
}

function text(value: unknown, place: Place, max: number, required: boolean): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && toNfc(value) === '')) {
    if (required) throw refuse(place, 'không được để trống.', 'is required.');
    return null;
  }
  if (typeof value !== 'string') throw refuse(place, 'phải là chuỗi ký tự.', 'must be a string.');
  // JSON can spell any character as an escape, unseen by the input policy on the document's text.
  const violation = textViolation(value, 'line');
  if (violation) {
    const [vi, en] = violationText(violation, 'line');
    throw refuse(place, `${vi}.`, `${en}.`, { reason: violation });
  }
  const result = toNfc(value);
  if (result.length > max) throw refuse(place, `dài quá ${max} ký tự.`, `is longer than ${max} characters.`);
  return result;
}

function integer(value: unknown, place: Place, required: boolean): number | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) throw refuse(place, 'không được để trống.', 'is required.');
    return null;
  }
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw refuse(place, 'phải là số nguyên.', 'must be a whole number.');
  }
  return number;
}

const TRUE = new Set(['true', '1', 'yes', 'x', 'có', 'co']);
const FALSE = new Set(['false', '0', 'no', '', 'không', 'khong']);

function flag(value: unknown, place: Place): boolean {
  if (typeof value === 'boolean') return value;
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') {
    const key = toNfc(value).toLowerCase();
    if (TRUE.has(key)) return true;
    if (FALSE.has(key)) return false;
  }
  throw refuse(place, 'phải là true hoặc false.', 'must be true or false.');
}

function fieldList(value: unknown, place: Place): MetrologyField[] {
  if (value === undefined || value === null) return [];
  const names = typeof value === 'string' ? value.split(/[;|]/) : value;
  if (!Array.isArray(names)) throw refuse(place, 'phải là danh sách lĩnh vực đo.', 'must be a list of metrology fields.');
  const fields: MetrologyField[] = [];
  for (const name of names) {
    const trimmed = typeof name === 'string' ? name.trim().toUpperCase() : name;
    if (trimmed === '') continue;
    if (typeof trimmed !== 'string' || !FIELD_NAMES.has(trimmed)) {
      throw refuse(place, `lĩnh vực đo "${String(name)}" không tồn tại.`, `unknown metrology field "${String(name)}".`);
    }
    if (!fields.includes(trimmed as MetrologyField)) fields.push(trimmed as MetrologyField);
  }
  return fields;
}

/** Raw values of one criterion, whatever the format. */
export interface RawCriterion {
  code: unknown;
  group: unknown;
  title: unknown;
  maxScore: unknown;
  minimumScore: unknown;
  mandatory: unknown;
  fields: unknown;
  location: CriterionLocation;
}

function criterionFrom(raw: RawCriterion): CriterionDocument {
  const at = (property: string, criterion?: string): Place => ({ location: raw.location, criterion, property });
  const code = text(raw.code, at('code'), 32, true) as string;
  if (!CRITERION_CODE.test(code)) {
    throw refuse(at('code', code), 'chỉ gồm chữ, số và . _ - (tối đa 32 ký tự).', 'letters, digits and . _ - only, at most 32.');
  }
  const group = text(raw.group, at('group', code), 300, true) as string;
  const title = text(raw.title, at('title', code), 2000, true) as string;
  const maxScore = integer(raw.maxScore, at('maxScore', code), true) as number;
  if (maxScore <= 0 || maxScore > MAX_SCORE) {
    throw refuse(
      at('maxScore', code),
      `điểm tối đa phải lớn hơn 0 và không quá ${MAX_SCORE}.`,
      `must be above 0 and at most ${MAX_SCORE}.`,
    );
  }
  const minimumScore = integer(raw.minimumScore, at('minimumScore', code), false);
  if (minimumScore !== null && (minimumScore < 1 || minimumScore > maxScore)) {
    throw refuse(at('minimumScore', code), `điểm tối thiểu phải từ 1 đến ${maxScore}.`, `must be from 1 to ${maxScore}.`);
  }
  return {
    code,
    group,
    title,
    maxScore,
    minimumScore,
    mandatory: flag(raw.mandatory, at('mandatory', code)),
    fields: fieldList(raw.fields, at('fields', code)),
    location: raw.location,
  };
}

/** Raw values of the set, whatever the format. */
export interface RawSet {
  code: unknown;
  version: unknown;
  title: unknown;
  effectiveDate: unknown;
  passThreshold: unknown;
  note: unknown;
}

/** The checks shared by both formats: the set's values, duplicate codes and the threshold. */
export function documentFrom(raw: RawSet, criteria: RawCriterion[], setLocation?: CriterionLocation): CriteriaSetDocument {
  const at = (property: string): Place => ({ location: setLocation, property });
  const code = text(raw.code, at('code'), 64, true) as string;
  if (!SET_CODE.test(code))
    throw refuse(at('code'), 'chỉ gồm chữ, số và . _ - (tối đa 64 ký tự).', 'letters, digits and . _ - only, at most 64.');
  const version = integer(raw.version, at('version'), true) as number;
  if (version < 1 || version > 32_767) throw refuse(at('version'), 'phiên bản phải từ 1 đến 32767.', 'must be from 1 to 32767.');
  const title = text(raw.title, at('title'), 1000, true) as string;
  const effectiveDate = text(raw.effectiveDate, at('effectiveDate'), 10, true) as string;
  if (!isLocalDate(effectiveDate))
    throw refuse(at('effectiveDate'), 'ngày không hợp lệ (YYYY-MM-DD).', 'is not a date (YYYY-MM-DD).');
  const passThreshold = integer(raw.passThreshold, at('passThreshold'), true) as number;
  if (passThreshold < 0) throw refuse(at('passThreshold'), 'ngưỡng đạt không được âm.', 'cannot be negative.');
  const note = text(raw.note, at('note'), 2000, false);
  if (criteria.length === 0) throw refuse(at('criteria'), 'bộ tiêu chí chưa có tiêu chí nào.', 'the set has no criteria.');
  if (criteria.length > MAX_CRITERIA)
    throw refuse(at('criteria'), `quá ${MAX_CRITERIA} tiêu chí.`, `more than ${MAX_CRITERIA} criteria.`);
  const parsed: CriterionDocument[] = [];
  const seen = new Map<string, CriterionDocument>();
  for (const rawCriterion of criteria) {
    const criterion = criterionFrom(rawCriterion);
    const first = seen.get(criterion.code);
    if (first) {
      const firstAt = where({ location: first.location, property: 'code' });
      throw refuse(
        { location: criterion.location, criterion: criterion.code, property: 'code' },
        `mã tiêu chí bị trùng (đã có ở ${firstAt.vi.toLowerCase()}).`,
        `duplicate criterion code (already at ${firstAt.en.toLowerCase()}).`,
      );
    }
    seen.set(criterion.code, criterion);
    parsed.push(criterion);
  }
  const totalMax = parsed.reduce((sum, criterion) => sum + criterion.maxScore, 0);
  if (passThreshold > totalMax) {
    throw refuse(
      at('passThreshold'),
      `ngưỡng đạt ${passThreshold} lớn hơn tổng điểm tối đa ${totalMax}.`,
      `the pass threshold ${passThreshold} exceeds the total maximum score ${totalMax}.`,
    );
  }
  return { code, version, title, effectiveDate, passThreshold, note, criteria: parsed };
}
