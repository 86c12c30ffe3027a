import { isLocalDate, todayInVietnam } from './dates';
import { BadInputError, DomainError } from './errors';
import { toNfc } from './text';

/** Mã số thuế: 10 digits, or 10 digits, a hyphen and 3 digits for a branch (đơn vị phụ thuộc). */
export const TAX_CODE_PATTERN = /^\d{10}(-\d{3})?$/;

/** The tax code, trimmed, or BAD_USER_INPUT naming `field`. */
export function parseTaxCode(value: string, field = 'taxCode'): string {
  const taxCode = value.trim();
  if (!TAX_CODE_PATTERN.test(taxCode)) {
    throw new BadInputError(
      field,
      `Mã số thuế "${value}" không hợp lệ: phải gồm 10 chữ số, hoặc 10 chữ số, dấu "-" và 3 chữ số (chi nhánh).`,
      `Invalid tax code "${value}": 10 digits, or 10 digits, "-" and 3 digits for a branch.`,
    );
  }
  return taxCode;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` can be a record id (uuid): other strings name no record and never reach SQL. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** A malformed id is the caller's mistake (BAD_USER_INPUT naming `field`), not a database error. */
export function requireId(field: string, value: string): string {
  if (!isUuid(value)) throw new BadInputError(field, `Mã "${field}" không hợp lệ.`, `"${field}" is not a valid id.`);
  return value;
}

/** Text people type: NFC, single spaces, not empty, at most `max` characters. */
export function requireText(value: string, field: string, labelVi: string, max: number): string {
  const text = toNfc(value);
  if (!text) throw new BadInputError(field, `${labelVi} không được để trống.`, `"${field}" cannot be empty.`);
  if (text.length > max) {
    throw new BadInputError(field, `${labelVi} dài quá ${max} ký tự.`, `"${field}" is longer than ${max} characters.`);
  }
  return text;
}

/** Optional text: null when absent or blank, otherwise as `requireText`. */
export function optionalText(value: string | null | undefined, field: string, labelVi: string, max: number): string | null {
  if (value === null || value === undefined || !toNfc(value)) return null;
  return requireText(value, field, labelVi, max);
}

/** A date that has already come (today in Asia/Ho_Chi_Minh at the latest). */
export function assertNotFuture(date: string, field: string, labelVi: string): void {
  if (date > todayInVietnam()) {
    throw new BadInputError(field, `${labelVi} không được sau ngày hôm nay.`, `"${field}" cannot be later than today.`);
  }
}

/** `to` on or after `from` (ISO dates compare as strings). */
export function assertDateOrder(from: string, to: string, field: string, messageVi: string): void {
  if (to < from) throw new BadInputError(field, messageVi, `"${field}" (${to}) is earlier than ${from}.`);
}

/** A well-formed `YYYY-MM-DD` date, for values that do not come through the LocalDate scalar. */
export function assertLocalDate(value: string, field: string): void {
  if (!isLocalDate(value)) {
    throw new BadInputError(field, `Ngày "${value}" không hợp lệ (YYYY-MM-DD).`, `Invalid date "${value}" (YYYY-MM-DD).`);
  }
}

/** At least one value, each once, in the order given. */
export function distinctNonEmpty<T>(values: readonly T[], field: string, labelVi: string): T[] {
  const distinct = [...new Set(values)];
  if (distinct.length === 0) {
    throw new BadInputError(field, `Cần ít nhất một ${labelVi}.`, `"${field}" needs at least one value.`);
  }
  return distinct;
}

/** NOT_FOUND for a record an input refers to, naming the input field. */
export function referencedNotFound(field: string, typeEn: string, key: string, typeVi: string): DomainError {
  return new DomainError('NOT_FOUND', `Không tìm thấy ${typeVi} "${key}".`, `${typeEn} "${key}" was not found.`, {
    key,
    field,
  });
}
