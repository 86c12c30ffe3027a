import { audit, ConflictError, type Identity, inTransaction, NotFoundError } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CriteriaSetDocument } from './criteria.document';
import { CriteriaSet, Criterion } from './criteria.entity';
import { type CriteriaSetFormat, parseCriteriaSet } from './criteria.import';

/** Stores a checked criteria-set document as a new version (inside the caller's transaction). */
export async function storeCriteriaSet(
  tx: EntityManager,
  document: CriteriaSetDocument,
  importedBy: string | null,
): Promise<CriteriaSet> {
  if (await tx.count(CriteriaSet, { code: document.code, edition: document.version })) {
    throw new ConflictError(
      `Bộ tiêu chí "${document.code}" phiên bản ${document.version} đã có. Hãy nhập với số phiên bản mới.`,
      `Criteria set "${document.code}" version ${document.version} already exists. Import it as a new version.`,
      { criteriaSetCode: document.code, criteriaSetVersion: document.version },
    );
  }
  const set = tx.create(CriteriaSet, {
    code: document.code,
    edition: document.version,
    title: document.title,
    effectiveDate: document.effectiveDate,
    passThreshold: document.passThreshold,
    totalMaxScore: document.criteria.reduce((sum, criterion) => sum + criterion.maxScore, 0),
    note: document.note,
    importedAt: new Date(),
    importedBy,
  });
  document.criteria.forEach((criterion, index) => {
    tx.create(Criterion, {
      criteriaSet: set,
      position: index + 1,
      code: criterion.code,
      group: criterion.group,
      title: criterion.title,
      maxScore: criterion.maxScore,
      minimumScore: criterion.minimumScore,
      mandatory: criterion.mandatory,
      fields: criterion.fields,
    });
  });
  await tx.flush();
  return set;
}

/** Criteria sets: versioned data, imported and read. Knows no GraphQL. */
export const criteriaService = {
  /** Every version of every set (or of one code), by code and latest version first. */
  list(em: EntityManager, code?: string | null): Promise<CriteriaSet[]> {
    return em.find(CriteriaSet, code ? { code } : {}, { orderBy: { code: 'asc', edition: 'desc' } });
  },

  /** One version of a set, the latest when `version` is absent. NOT_FOUND otherwise. */
  async get(em: EntityManager, code: string, version?: number | null): Promise<CriteriaSet> {
    const set = await em.findOne(CriteriaSet, version === null || version === undefined ? { code } : { code, edition: version }, {
      orderBy: { edition: 'desc' },
    });
    if (!set) throw new NotFoundError('Criteria set', version ? `${code} v${version}` : code, 'bộ tiêu chí');
    return set;
  },

  /** Imports a new version from JSON or CSV text: all of it or nothing. */
  import(em: EntityManager, identity: Identity, format: CriteriaSetFormat, content: string): Promise<CriteriaSet> {
    const document = parseCriteriaSet(format, content);
    return inTransaction(em, async (tx) => {
      const set = await storeCriteriaSet(tx, document, identity.subject);
      audit(tx, identity, {
        entityType: 'CriteriaSet',
        entityId: set.id,
        action: 'IMPORT',
        changes: { code: set.code, version: set.edition, criteria: document.criteria.length, format },
      });
      return set;
    });
  },
};
