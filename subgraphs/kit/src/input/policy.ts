/**
 * The input policy for text (docs/INPUT.md): what any string the API receives may contain, and
 * the stricter rules for the names of people and organisations. Pure functions of one value; the
 * boundary (`./boundary.ts`) applies them to every argument of every field before any resolver.
 */

/**
 * What a string argument or input field holds. `line` is the default: anything not marked is a
 * single line of text (codes, ids, titles, search terms).
 */
export type TextKind = 'line' | 'text' | 'document' | 'personName' | 'organizationName';

/** Longest value accepted at the boundary, in UTF-16 code units; services set tighter limits. */
export const MAX_LENGTH: Record<TextKind, number> = {
  line: 1_000,
  personName: 1_000,
  organizationName: 1_000,
  // Notes, reasons, descriptions, evidence.
  text: 10_000,
  // A whole file sent as a string (CSV sign-in sheets, criteria sets): at most 1 MiB.
  document: 1_048_576,
};

/** Why a value is refused; each has a Vietnamese and an English message (`describeViolation`). */
export type Violation =
  | 'LONE_SURROGATE'
  | 'CONTROL_CHARACTER'
  | 'BIDI_CONTROL'
  | 'INVISIBLE_CHARACTER'
  | 'TOO_LONG'
  | 'NAME_CHARACTER';

// A surrogate not part of a pair (JSON "\ud800" escapes make them): not well-formed UTF-16.
const LONE_SURROGATE = /\p{Cs}/u;
// Bidirectional controls: ALM, LRM, RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// Zero-width and other format characters (category Cf: ZWSP, ZWNJ, ZWJ, WJ, BOM, soft hyphen,
// invisible operators, tags…), noncharacters, and line/paragraph separators.
const INVISIBLE = /[\p{Cf}\p{Noncharacter_Code_Point}\u2028\u2029]/u;
// C0 and C1 controls and DEL; line feed and tab are allowed in free text, and carriage return
// too in a document (a file's line ends).
const CONTROL = /\p{Cc}/u;
const ALLOWED_CONTROLS: Partial<Record<TextKind, RegExp>> = { text: /[\n\t]/g, document: /[\n\r\t]/g };

/**
 * A person's name: letters with their combining marks, separated by single spaces, hyphens,
 * apostrophes (ASCII or U+2019, e.g. Ê Đê "H'Hen Niê") and full stops of initials ("Nguyễn V. A").
 * It starts with a letter; a mark never follows a separator.
 */
const PERSON_NAME = /^\p{L}\p{M}*(?:[ '’.-]{0,2}\p{L}\p{M}*)*\.?$/u;
/**
 * An organisation's name: letters, marks and digits, with the punctuation registered names use
 * ("Công ty TNHH MTV Xăng dầu Lạng Sơn", "Trung tâm Kỹ thuật TCĐLCL 1 (QUATEST 1)", "Hợp tác xã
 * số 1/2", "A & B", "Chi nhánh … – Lạng Sơn", "“Sao Việt”", the "[DEMO] …" of sample data). Starts with a letter, a
 * digit or "[".
 */
const ORGANIZATION_NAME = /^[\p{L}\p{Nd}[]\p{M}*(?:[\p{L}\p{Nd} .,'’&()[\]/+:“”"–-]\p{M}*)*$/u;
const MARK_AFTER_NON_LETTER = /(?:^|[^\p{L}\p{M}])\p{M}/u;

/**
 * The first rule `value` breaks for `kind`, or null. Checks the value as received (before NFC),
 * so that a refused character cannot hide in a decomposed form.
 */
export function textViolation(value: string, kind: TextKind): Violation | null {
  if (LONE_SURROGATE.test(value)) return 'LONE_SURROGATE';
  if (value.length > MAX_LENGTH[kind]) return 'TOO_LONG';
  const allowed = ALLOWED_CONTROLS[kind];
  if (CONTROL.test(allowed ? value.replace(allowed, '') : value)) return 'CONTROL_CHARACTER';
  if (BIDI.test(value)) return 'BIDI_CONTROL';
  // A document (a file's content) may begin with a byte order mark.
  const body = kind === 'document' && value.startsWith('\uFEFF') ? value.slice(1) : value;
  if (INVISIBLE.test(body)) return 'INVISIBLE_CHARACTER';
  if (kind === 'personName' || kind === 'organizationName') {
    const name = value.normalize('NFC').replace(/\s+/g, ' ').trim();
    // Blank is the service's "required" rule, not a character rule.
    if (name === '') return null;
    const pattern = kind === 'personName' ? PERSON_NAME : ORGANIZATION_NAME;
    if (!pattern.test(name) || MARK_AFTER_NON_LETTER.test(name)) return 'NAME_CHARACTER';
  }
  return null;
}

/** The value as stored: Unicode NFC (whitespace and length are the services' rules). */
export function normalizeText(value: string): string {
  return value.normalize('NFC');
}

const MESSAGES: Record<Violation, (kind: TextKind) => [vi: string, en: string]> = {
  LONE_SURROGATE: () => ['chứa ký tự Unicode không hợp lệ (surrogate lẻ)', 'contains a lone UTF-16 surrogate'],
  CONTROL_CHARACTER: () => ['chứa ký tự điều khiển (như NUL)', 'contains a control character (such as NUL)'],
  BIDI_CONTROL: () => [
    'chứa ký tự điều khiển hướng viết (như U+202E)',
    'contains a bidirectional control character (such as U+202E)',
  ],
  INVISIBLE_CHARACTER: () => [
    'chứa ký tự vô hình (như ký tự độ rộng 0)',
    'contains an invisible character (such as a zero-width character)',
  ],
  TOO_LONG: (kind) => [`dài quá ${MAX_LENGTH[kind]} ký tự`, `is longer than ${MAX_LENGTH[kind]} characters`],
  NAME_CHARACTER: (kind) =>
    kind === 'personName'
      ? [
          "chỉ được gồm chữ cái, dấu cách và các dấu gạch nối (-), nháy (') và chấm (.) của chữ viết tắt",
          "may only contain letters, spaces, hyphens (-), apostrophes (') and the full stops (.) of initials",
        ]
      : [
          'chỉ được gồm chữ cái, chữ số, dấu cách và các dấu . , - – & \' ( ) / + : "',
          'may only contain letters, digits, spaces, and . , - – & \' ( ) / + : " between them',
        ],
};

/** What is wrong with a refused value, as the end of a sentence: [Vietnamese, English]. */
export function violationText(violation: Violation, kind: TextKind): [vi: string, en: string] {
  return MESSAGES[violation](kind);
}

/** The Vietnamese and English messages for a refused value of `field`. */
export function describeViolation(violation: Violation, kind: TextKind, field: string): [vi: string, en: string] {
  const [vi, en] = MESSAGES[violation](kind);
  return [`Giá trị của trường "${field}" ${vi}.`, `"${field}" ${en}.`];
}
