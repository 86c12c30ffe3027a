import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError } from './errors';

/** CONFLICT for an edit based on a version that is no longer the current one. */
export function staleVersionError(whatVi: string, whatEn: string, currentVersion?: number): ConflictError {
  return new ConflictError(
    `${whatVi} đã được người khác thay đổi. Hãy tải lại dữ liệu và thử lại.`,
    `The ${whatEn} was changed by someone else. Reload it and try again.`,
    currentVersion === undefined ? { reason: 'STALE_VERSION' } : { reason: 'STALE_VERSION', currentVersion },
  );
}

/** Refuses an edit made on a stale copy (optimistic concurrency, docs/RULES.md, "Errors and data safety"). */
export function assertVersion(entity: { version: number }, version: number, whatVi: string, whatEn: string): void {
  if (entity.version !== version) throw staleVersionError(whatVi, whatEn, entity.version);
}

/** What a unique constraint means to a person, by constraint name. */
export type UniqueMeanings = Record<string, { vi: string; en: string }>;

/**
 * Runs one mutation as one transaction (docs/RULES.md, "Errors and data safety"). Services check
 * unique keys and versions first, so that the usual refusal names what is in the way; a concurrent
 * writer can still take a key or a version between that check and the commit, and then the database
 * refuses: that is a CONFLICT too, never an internal error, and nothing of the transaction is
 * written.
 */
export async function inTransaction<T>(
  em: EntityManager,
  work: (tx: EntityManager) => Promise<T>,
  meanings: UniqueMeanings = {},
): Promise<T> {
  try {
    return await em.transactional((tx) => work(tx));
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      const constraint = (error as UniqueConstraintViolationException & { constraint?: string }).constraint ?? '';
      const meaning = meanings[constraint] ?? {
        vi: 'Bản ghi trùng với một bản ghi vừa được tạo. Hãy tải lại dữ liệu và thử lại.',
        en: 'The record duplicates one that was just created. Reload and try again.',
      };
      throw new ConflictError(meaning.vi, meaning.en, constraint ? { constraint } : {});
    }
    if (error instanceof OptimisticLockError) throw staleVersionError('Bản ghi', 'record');
    throw error;
  }
}
