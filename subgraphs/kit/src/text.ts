/**
 * Vietnamese text. Names are stored in Unicode NFC whatever form they arrive in; search compares
 * a key without diacritics and case ("nguyen van hai" finds "Nguyễn Văn Hải").
 */
export function toNfc(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Lower case, no diacritics (đ → d), single spaces: the key names are searched by. */
export function searchKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
