import { BadInputError } from '@metrology/kit';
import { CsvSyntaxError, readCsv } from './criteria.csv';
import { type CriteriaSetDocument, documentFrom, type RawCriterion, refuse } from './criteria.document';

/**
 * Criteria sets arrive as data (docs/RULES.md, "Assessments"): a JSON document or a CSV sheet. Both
 * are read into one document and checked by the same rules (`criteria.document.ts`); every refusal
 * is BAD_USER_INPUT on `content`, naming the CSV row or the JSON criterion (position and code) and
 * the property at fault.
 *
 * JSON: { code, version, title, effectiveDate, passThreshold, note?, criteria: [{ code, group,
 * title, maxScore, minimumScore?, mandatory, fields? }] }.
 *
 * CSV: one row per criterion with a header row. Columns: code, group, title, max_score,
 * minimum_score (optional), mandatory (true/false, 1/0, yes/no, x, có/không), fields (optional,
 * MetrologyField names separated by ";" or "|"); and the set's set_code, set_version,
 * set_title, effective_date, pass_threshold and set_note (optional), the same on every row.
 */
export enum CriteriaSetFormat {
  JSON = 'JSON',
  CSV = 'CSV',
}

const MAX_CONTENT_LENGTH = 1_000_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A criteria set from an already parsed JSON value (the import and the seeded sample). */
export function criteriaSetFromJsonValue(value: unknown): CriteriaSetDocument {
  if (!isRecord(value)) throw refuse({ property: '(root)' }, 'phải là một đối tượng JSON.', 'must be a JSON object.');
  const criteria = value.criteria;
  if (!Array.isArray(criteria)) throw refuse({ property: 'criteria' }, 'phải là một danh sách.', 'must be an array.');
  const raw = criteria.map((item, i): RawCriterion => {
    const location = { index: i + 1 };
    if (!isRecord(item)) throw refuse({ location, property: '(criterion)' }, 'phải là một đối tượng.', 'must be an object.');
    return {
      code: item.code,
      group: item.group,
      title: item.title,
      maxScore: item.maxScore,
      minimumScore: item.minimumScore,
      mandatory: item.mandatory,
      fields: item.fields,
      location,
    };
  });
  return documentFrom(
    {
      code: value.code,
      version: value.version,
      title: value.title,
      effectiveDate: value.effectiveDate,
      passThreshold: value.passThreshold,
      note: value.note,
    },
    raw,
  );
}

const CSV_COLUMNS = {
  setCode: 'set_code',
  setVersion: 'set_version',
  setTitle: 'set_title',
  effectiveDate: 'effective_date',
  passThreshold: 'pass_threshold',
  setNote: 'set_note',
  code: 'code',
  group: 'group',
  title: 'title',
  maxScore: 'max_score',
  minimumScore: 'minimum_score',
  mandatory: 'mandatory',
  fields: 'fields',
} as const;
const REQUIRED_CSV_COLUMNS = [
  'setCode',
  'setVersion',
  'setTitle',
  'effectiveDate',
  'passThreshold',
  'code',
  'group',
  'title',
  'maxScore',
  'mandatory',
] as const;
const SET_COLUMNS = ['setCode', 'setVersion', 'setTitle', 'effectiveDate', 'passThreshold', 'setNote'] as const;

function criteriaSetFromCsv(content: string): CriteriaSetDocument {
  let records: ReturnType<typeof readCsv>;
  try {
    records = readCsv(content);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw refuse(
        { location: { row: error.line }, property: '(csv)' },
        'dấu ngoặc kép không được đóng.',
        'unterminated quoted field.',
      );
    }
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw refuse({ property: '(csv)' }, 'tệp CSV trống.', 'the CSV file is empty.');
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const column = new Map<keyof typeof CSV_COLUMNS, number>();
  for (const [key, name] of Object.entries(CSV_COLUMNS) as [keyof typeof CSV_COLUMNS, string][]) {
    const index = names.indexOf(name);
    if (index >= 0) column.set(key, index);
  }
  for (const key of REQUIRED_CSV_COLUMNS) {
    if (!column.has(key)) {
      throw refuse(
        { location: { row: header.line }, property: CSV_COLUMNS[key] },
        'thiếu cột này trong dòng tiêu đề.',
        'this column is missing from the header row.',
      );
    }
  }
  const cell = (cells: string[], key: keyof typeof CSV_COLUMNS): string | undefined => {
    const index = column.get(key);
    return index === undefined ? undefined : cells[index];
  };
  if (rows.length === 0) throw refuse({ property: 'criteria' }, 'bộ tiêu chí chưa có tiêu chí nào.', 'the set has no criteria.');
  const first = rows[0];
  for (const row of rows.slice(1)) {
    for (const key of SET_COLUMNS) {
      if ((cell(row.cells, key) ?? '').trim() !== (cell(first.cells, key) ?? '').trim()) {
        throw refuse(
          { location: { row: row.line }, property: CSV_COLUMNS[key] },
          `phải giống dòng ${first.line} (mỗi tệp là một bộ tiêu chí).`,
          `must equal row ${first.line} (one file is one criteria set).`,
        );
      }
    }
  }
  return documentFrom(
    {
      code: cell(first.cells, 'setCode'),
      version: cell(first.cells, 'setVersion'),
      title: cell(first.cells, 'setTitle'),
      effectiveDate: cell(first.cells, 'effectiveDate')?.trim(),
      passThreshold: cell(first.cells, 'passThreshold'),
      note: cell(first.cells, 'setNote'),
    },
    rows.map((row) => ({
      code: cell(row.cells, 'code')?.trim(),
      group: cell(row.cells, 'group'),
      title: cell(row.cells, 'title'),
      maxScore: cell(row.cells, 'maxScore'),
      minimumScore: cell(row.cells, 'minimumScore'),
      mandatory: cell(row.cells, 'mandatory') ?? '',
      fields: cell(row.cells, 'fields'),
      location: { row: row.line },
    })),
    { row: first.line },
  );
}

/** Reads and checks a criteria set in the given format. */
export function parseCriteriaSet(format: CriteriaSetFormat, content: string): CriteriaSetDocument {
  if (content.length > MAX_CONTENT_LENGTH) {
    throw new BadInputError(
      'content',
      'Nội dung quá lớn (tối đa 1.000.000 ký tự).',
      'The content is too large (at most 1,000,000 characters).',
    );
  }
  if (format === CriteriaSetFormat.CSV) return criteriaSetFromCsv(content);
  let value: unknown;
  try {
    value = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  } catch {
    throw new BadInputError('content', 'Nội dung không phải JSON hợp lệ.', 'The content is not valid JSON.');
  }
  return criteriaSetFromJsonValue(value);
}
