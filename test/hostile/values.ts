/**
 * The hostile values of the sweep, by class. `refused` classes break the input policy
 * (docs/INPUT.md) for every kind of text, so the answer must be BAD_USER_INPUT naming the very
 * location; the other classes are legitimate text (SQL-looking words, LIKE wildcards) that must
 * be answered without a server error.
 */

/** A JSON number written as is into the request body (beyond what a JS number can hold). */
export class RawJson {
  constructor(readonly text: string) {}
}

export interface HostileClass {
  name: string;
  value: unknown;
  /** The input policy refuses it in any kind of text: BAD_USER_INPUT naming the location. */
  refused: boolean;
  /** Refused by the gateway before GraphQL (the body is over its size limit). */
  oversized?: boolean;
}

export const TEXT_CLASSES: HostileClass[] = [
  { name: 'NUL inside a word', value: 'Ngu\u0000yễn', refused: true },
  { name: 'C0 control (BEL)', value: 'Lan\u0007', refused: true },
  { name: 'C1 control (NEL)', value: 'Lan\u0085Anh', refused: true },
  // JSON.stringify writes a lone surrogate as the escape "\ud800" (well-formed JSON since ES2019).
  { name: 'lone high surrogate', value: 'Lan\uD800', refused: true },
  { name: 'lone low surrogate', value: '\uDC00Lan', refused: true },
  { name: 'right-to-left override', value: 'Lan\u202Enh', refused: true },
  { name: 'right-to-left mark', value: '\u200FLan', refused: true },
  { name: 'first strong isolate', value: 'Lan\u2068A\u2069', refused: true },
  { name: 'zero-width space', value: 'La\u200Bn', refused: true },
  { name: 'zero-width joiner inside a word', value: 'La\u200Dn', refused: true },
  { name: 'byte order mark inside', value: 'La\uFEFFn', refused: true },
  { name: '1 MB string', value: 'a'.repeat(1_048_576), refused: false, oversized: true },
  // Past every limit of the policy but a document's, yet under the gateway's body limit.
  { name: '20,000 characters', value: 'a'.repeat(20_000), refused: false },
  { name: 'SQL fragment', value: "'; DROP TABLE x; --", refused: false },
  { name: 'SQL quote and comment', value: "Lan' OR '1'='1' /*", refused: false },
  { name: 'LIKE percent', value: '%', refused: false },
  { name: 'LIKE underscore', value: '_', refused: false },
  { name: 'LIKE backslash', value: '\\', refused: false },
  { name: 'LIKE mixed', value: '%\\_%', refused: false },
];

export const DATE_CLASSES: HostileClass[] = [
  { name: 'February 30', value: '2026-02-30', refused: true },
  { name: 'month 13', value: '2026-13-01', refused: true },
  { name: 'year zero', value: '0000-00-00', refused: true },
  { name: 'no separators', value: '20260101', refused: true },
  { name: 'empty', value: '', refused: true },
  { name: 'a number', value: 20260101, refused: true },
  { name: 'NUL', value: '2026-01-01\u0000', refused: true },
];

export const MONEY_CLASSES: HostileClass[] = [
  { name: 'negative', value: -1, refused: true },
  { name: 'negative string', value: '-1', refused: true },
  { name: 'fractional', value: 1.5, refused: true },
  { name: '10^16', value: 10_000_000_000_000_000, refused: true },
  { name: '10^16 as a string', value: '10000000000000000', refused: true },
  // As a JSON number, 1e3 is just 1000 once parsed (a valid amount); as a string it is not digits.
  { name: 'exponent string', value: '1e3', refused: true },
  { name: 'non-numeric string', value: 'một nghìn', refused: true },
  { name: 'past 2^53', value: new RawJson('9007199254740993'), refused: true },
  { name: 'NUL', value: '1000\u0000', refused: true },
  { name: 'boolean', value: true, refused: true },
];

/** The request body: JSON, with `RawJson` values written as they are. */
export function requestBody(operation: { query: string; variables: Record<string, unknown> }): string {
  const raws: string[] = [];
  const body = JSON.stringify(operation, (_key, value) => {
    if (value instanceof RawJson) {
      raws.push(value.text);
      return `\u0001raw${raws.length - 1}\u0001`;
    }
    return value;
  });
  return body.replace(/"\\u0001raw(\d+)\\u0001"/g, (_match, index: string) => raws[Number(index)] as string);
}
