import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDecimal } from '@metrology/kit/vocabulary';
import { FailureError } from './command';

/** A file name safe on every system: the server's suggestion without folders or reserved characters. */
export function safeFileName(suggested: string | null, fallback: string): string {
  const base = path.basename((suggested ?? '').replace(/\\/g, '/'));
  const cleaned = base.replace(/[<>:"/\\|?*\p{Cc}]/gu, '_').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? fallback : cleaned;
}

/** Writes downloaded bytes; a failure is the operation's, with the reason. */
export async function saveFile(file: string, bytes: Uint8Array): Promise<string> {
  try {
    await writeFile(file, bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new FailureError(`Không ghi được tệp "${file}" (${code}).\nCannot write the file "${file}" (${code}).`);
  }
  return path.resolve(file);
}

/** "123,4 KB" */
export function sizeOf(bytes: Uint8Array): string {
  return `${formatDecimal(bytes.length / 1024, 1)} KB`;
}
