import { BadInputError, searchKey, toNfc } from '@metrology/kit';
import { CsvError, parse } from 'csv-parse/sync';
import { AttendanceStatus } from './attendance.entity';

/**
 * Reading a sign-in sheet (bảng điểm danh) exported as CSV: UTF-8 with or without BOM, comma,
 * semicolon or tab separated (Excel in a Vietnamese locale writes semicolons), a header row in
 * Vietnamese or English. Headers and status values are matched without accents or case, so
 * "Họ và tên", "HO VA TEN" and "ho va ten" are the same column. Knows nothing of the database:
 * matching names to the roster is the service's job.
 */

export enum ImportMode {
  ALL_OR_NOTHING = 'ALL_OR_NOTHING',
  VALID_ROWS_ONLY = 'VALID_ROWS_ONLY',
}

/** 1 MiB and 5,000 data rows: a sign-in sheet is a few kilobytes; more is a mistake or an attack. */
export const CSV_MAX_BYTES = 1024 * 1024;
export const CSV_MAX_ROWS = 5000;

type Column = 'name' | 'familyName' | 'givenName' | 'status' | 'note' | 'traineeId' | 'citizenId';

/** Accepted headers per column, as keys (no accents, lower case, punctuation as spaces). */
export const CSV_HEADERS: Record<Column, readonly string[]> = {
  name: ['ho va ten', 'ho ten', 'ten hoc vien', 'hoc vien', 'name', 'full name', 'fullname', 'trainee', 'trainee name'],
  // Vietnamese sheets often split the name: "Họ và tên đệm" | "Tên". Read together, in that order.
  familyName: ['ho', 'ho dem', 'ho lot', 'ho va dem', 'ho va ten dem'],
  givenName: ['ten', 'given name', 'first name'],
  status: ['trang thai', 'diem danh', 'tinh trang', 'status', 'attendance'],
  note: ['ghi chu', 'note', 'notes', 'remark', 'remarks'],
  traineeId: ['ma hoc vien', 'id hoc vien', 'trainee id', 'id'],
  citizenId: ['cccd', 'so cccd', 'cmnd cccd', 'can cuoc cong dan', 'so can cuoc cong dan', 'so dinh danh', 'citizen id'],
};

/** Accepted status values, as keys. Single letters are refused on purpose: "P" is "present" in English and "phép" in Vietnamese. */
export const CSV_STATUSES: Record<AttendanceStatus, readonly string[]> = {
  [AttendanceStatus.PRESENT]: ['co mat', 'present'],
  [AttendanceStatus.LATE]: ['muon', 'di muon', 'den muon', 'late'],
  [AttendanceStatus.EXCUSED]: ['co phep', 'vang co phep', 'nghi co phep', 'excused'],
  [AttendanceStatus.ABSENT]: ['vang', 'vang mat', 'vang khong phep', 'khong phep', 'nghi khong phep', 'absent'],
};

/** A data row of the file, not yet matched to anyone. */
export interface CsvAttendanceRow {
  /** The line in the file where the row starts (the header is line 1 when it is the first). */
  row: number;
  name: string | null;
  traineeId: string | null;
  citizenId: string | null;
  /** Null when the status cell is empty or not understood (see `statusText`). */
  status: AttendanceStatus | null;
  statusText: string;
  /** Undefined when the file has no note column: the current notes are kept. */
  note: string | null | undefined;
}

/** Lower case, no accents, punctuation as single spaces: how headers and statuses are compared. */
function key(value: string): string {
  return searchKey(value)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const HEADER_COLUMN = new Map<string, Column>(
  (Object.entries(CSV_HEADERS) as [Column, readonly string[]][]).flatMap(([column, names]) =>
    names.map((name) => [name, column] as const),
  ),
);

const STATUS_VALUE = new Map<string, AttendanceStatus>(
  (Object.entries(CSV_STATUSES) as [AttendanceStatus, readonly string[]][]).flatMap(([status, names]) =>
    [...names, status.toLowerCase()].map((name) => [name, status] as const),
  ),
);

export function statusFromText(text: string): AttendanceStatus | null {
  return STATUS_VALUE.get(key(text)) ?? null;
}

/** The separator that occurs most in the first non-empty line; comma when none does. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function badCsv(message: string, messageEn: string, details: Record<string, unknown> = {}): BadInputError {
  return new BadInputError('csv', message, messageEn, details);
}

const EXPECTED_HEADERS_VI = 'cần cột "Họ và tên" (hoặc "Mã học viên", "CCCD") và cột "Trạng thái"; cột "Ghi chú" không bắt buộc';
const EXPECTED_HEADERS_EN = 'expected a "Name" (or "Trainee ID", "Citizen ID") column and a "Status" column; "Note" is optional';

/** Parses the file into rows; structural problems (size, header, quoting) are BAD_USER_INPUT on `csv`. */
export function readAttendanceCsv(csv: string): CsvAttendanceRow[] {
  if (Buffer.byteLength(csv, 'utf8') > CSV_MAX_BYTES) {
    throw badCsv('Tệp CSV vượt quá 1 MB.', `The CSV file is larger than ${CSV_MAX_BYTES} bytes.`, { maxBytes: CSV_MAX_BYTES });
  }
  const lines: number[] = [];
  let records: string[][];
  try {
    records = parse(csv, {
      bom: true,
      delimiter: detectDelimiter(csv.replace(/^\uFEFF/, '')),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (record: string[], context) => {
        // `lines` is where the record ends; a quoted cell may span lines.
        const inner = record.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
        lines.push(context.lines - inner);
        return record;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) {
      throw badCsv(`Tệp CSV không đọc được: ${error.message}`, `The CSV file cannot be read: ${error.message}`);
    }
    throw error;
  }

  const headerIndex = records.findIndex((record) => record.some((cell) => cell !== ''));
  if (headerIndex < 0) throw badCsv('Tệp CSV trống.', 'The CSV file is empty.');
  const columns = new Map<Column, number>();
  records[headerIndex].forEach((cell, index) => {
    const column = HEADER_COLUMN.get(key(cell));
    if (!column) return;
    if (columns.has(column)) {
      throw badCsv(`Cột "${cell}" bị lặp lại ở dòng tiêu đề.`, `The header "${cell}" names a column twice.`, { header: cell });
    }
    columns.set(column, index);
  });
  const identified = ['name', 'givenName', 'traineeId', 'citizenId'].some((column) => columns.has(column as Column));
  if (!identified || !columns.has('status')) {
    throw badCsv(
      `Dòng tiêu đề không hợp lệ: ${EXPECTED_HEADERS_VI}.`,
      `The header row is not recognised: ${EXPECTED_HEADERS_EN}.`,
      {
        headers: records[headerIndex],
      },
    );
  }

  const rows: CsvAttendanceRow[] = [];
  for (let index = headerIndex + 1; index < records.length; index++) {
    const record = records[index];
    if (record.every((cell) => cell === '')) continue;
    if (rows.length === CSV_MAX_ROWS) {
      throw badCsv(`Tệp CSV có hơn ${CSV_MAX_ROWS} dòng.`, `The CSV file has more than ${CSV_MAX_ROWS} rows.`, {
        maxRows: CSV_MAX_ROWS,
      });
    }
    const cell = (column: Column): string | null => {
      const at = columns.get(column);
      const value = at === undefined ? '' : (record[at] ?? '');
      return value === '' ? null : value;
    };
    const statusText = cell('status') ?? '';
    const name = cell('name') ?? ([cell('familyName'), cell('givenName')].filter((part) => part !== null).join(' ') || null);
    rows.push({
      row: lines[index],
      name: name === null ? null : toNfc(name),
      traineeId: cell('traineeId'),
      citizenId: cell('citizenId')?.replace(/[\s.-]/g, '') ?? null,
      status: statusFromText(statusText),
      statusText,
      note: columns.has('note') ? cell('note') : undefined,
    });
  }
  return rows;
}
