import { BadInputError, isLocalDate, parseTaxCode, searchKey, todayInVietnam, toNfc } from '@metrology/kit';

/** Căn cước công dân: exactly 12 digits. */
const CITIZEN_ID = /^\d{12}$/;
/** A plain address check: something@domain.tld without spaces; the mailbox is the person's business. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Digits with an optional leading +, 8 to 15 digits (E.164 allows 15). */
const PHONE = /^\+?\d{8,15}$/;
/** Mã số thuế: 10 digits, or 10 + "-" + 3 for a branch. */

/** The stored form of a trainee's details. */
export interface TraineeDetails {
  fullName: string;
  searchName: string;
  citizenId: string | null;
  dateOfBirth: string | null;
  email: string | null;
  phone: string | null;
  employerTaxCode: string | null;
  position: string | null;
}

/** The details as a caller gives them (any Unicode form, any case, spaces around). */
export interface TraineeDetailsInput {
  fullName: string;
  citizenId?: string | null;
  dateOfBirth?: string | null;
  email?: string | null;
  phone?: string | null;
  employerTaxCode?: string | null;
  position?: string | null;
}

/** Blank means "none". */
function blankToNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed.length === 0 ? null : trimmed;
}

export function checkFullName(value: string): { fullName: string; searchName: string } {
  const fullName = toNfc(value);
  if (fullName.length < 2 || fullName.length > 200 || !/\p{L}/u.test(fullName)) {
    throw new BadInputError('fullName', 'Họ và tên phải có từ 2 đến 200 ký tự.', 'The full name must have 2 to 200 characters.');
  }
  return { fullName, searchName: searchKey(fullName) };
}

export function checkCitizenId(value: string | null | undefined): string | null {
  const citizenId = blankToNull(value);
  if (citizenId !== null && !CITIZEN_ID.test(citizenId)) {
    throw new BadInputError('citizenId', 'Số căn cước công dân phải gồm đúng 12 chữ số.', 'A citizen ID has exactly 12 digits.');
  }
  return citizenId;
}

export function checkEmail(value: string | null | undefined): string | null {
  const email = blankToNull(value)?.toLowerCase() ?? null;
  if (email !== null && (email.length > 254 || !EMAIL.test(email))) {
    throw new BadInputError('email', 'Địa chỉ email không hợp lệ.', 'The email address is not valid.');
  }
  return email;
}

export function checkPhone(value: string | null | undefined): string | null {
  // People write numbers with spaces, dots, dashes and brackets: only the digits (and +) count.
  const phone = blankToNull(value)?.replace(/[\s.\-()]/g, '') ?? null;
  if (phone !== null && !PHONE.test(phone)) {
    throw new BadInputError(
      'phone',
      'Số điện thoại gồm 8 đến 15 chữ số, có thể bắt đầu bằng dấu +.',
      'A phone number has 8 to 15 digits, optionally after a leading +.',
    );
  }
  return phone;
}

export function checkTaxCode(value: string | null | undefined): string | null {
  const taxCode = blankToNull(value);
  return taxCode === null ? null : parseTaxCode(taxCode, 'employerTaxCode');
}

export function checkDateOfBirth(value: string | null | undefined, today: string = todayInVietnam()): string | null {
  const date = blankToNull(value);
  if (date !== null && (!isLocalDate(date) || date < '1900-01-01' || date > today)) {
    throw new BadInputError(
      'dateOfBirth',
      'Ngày sinh không hợp lệ (YYYY-MM-DD, không sau hôm nay).',
      'The date of birth must be a valid date (YYYY-MM-DD), not after today.',
    );
  }
  return date;
}

export function checkPosition(value: string | null | undefined): string | null {
  const position = value === null || value === undefined ? null : toNfc(value);
  if (position !== null && position.length > 200) {
    throw new BadInputError('position', 'Chức vụ dài quá 200 ký tự.', 'The position must be at most 200 characters.');
  }
  return position === '' ? null : position;
}

/** Checks and normalises every detail; throws BAD_USER_INPUT naming the first field at fault. */
export function checkTraineeDetails(input: TraineeDetailsInput): TraineeDetails {
  return {
    ...checkFullName(input.fullName),
    citizenId: checkCitizenId(input.citizenId),
    dateOfBirth: checkDateOfBirth(input.dateOfBirth),
    email: checkEmail(input.email),
    phone: checkPhone(input.phone),
    employerTaxCode: checkTaxCode(input.employerTaxCode),
    position: checkPosition(input.position),
  };
}

/** The citizen ID as trainers see it: all but the last four digits hidden ("********2345"). */
export function maskCitizenId(citizenId: string): string {
  return `${'*'.repeat(Math.max(citizenId.length - 4, 0))}${citizenId.slice(-4)}`;
}
