import {
  assertDateOrder,
  assertVersion,
  audit,
  BadInputError,
  ConflictError,
  distinctNonEmpty,
  type Identity,
  inTransaction,
  isUuid,
  type Loaders,
  type MetrologyField,
  NotFoundError,
  type Page,
  referencedNotFound,
  requireText,
} from '@metrology/kit';
import { type FilterQuery, LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CriteriaSet, type Criterion } from '../criteria/criteria.entity';
import { criteriaBySetLoader } from '../criteria/criteria.loaders';
import type { Laboratory } from '../laboratory/laboratory.entity';
import { laboratoryFor } from '../laboratory/laboratory.service';
import { Assessment, type AssessmentKind, AssessmentStatus, type Assessor, CriterionScore } from './assessment.entity';
import { assessmentByIdLoader, criterionByIdLoader } from './assessment.loaders';
import { appliesTo } from './assessment.rules';

/*
 * An assessment is written by three services of this folder, one per seam: this one (the
 * assessment itself: open, change, read), `scoring.service.ts` (scores, the pass rule, submission
 * and the decision) and `finding.service.ts` (findings and their corrective actions). The guards
 * they share (the row lock, "not decided yet", a criterion of the set) are exported from here.
 */

export interface NewAssessment {
  laboratoryId: string;
  criteriaSetCode: string;
  criteriaSetVersion: number;
  kind: AssessmentKind;
  fields?: MetrologyField[] | null;
  startDate: string;
  endDate?: string | null;
  assessors: Assessor[];
}

export interface AssessmentChanges {
  kind?: AssessmentKind | null;
  fields?: MetrologyField[] | null;
  startDate?: string | null;
  endDate?: string | null;
  assessors?: Assessor[] | null;
}

export interface AssessmentFilter {
  laboratoryId?: string | null;
  status?: AssessmentStatus | null;
  kind?: AssessmentKind | null;
  offset: number;
  limit: number;
}

/** Longest free text of an assessment (a note, a finding, a corrective action, its evidence). */
export const LONG_TEXT = 4000;

function parseAssessors(assessors: readonly Assessor[]): Assessor[] {
  if (assessors.length === 0) {
    throw new BadInputError('assessors', 'Cần ít nhất một chuyên gia đánh giá.', 'At least one assessor is needed.');
  }
  const parsed = assessors.map((assessor, index) => ({
    subject: requireText(assessor.subject, `assessors[${index}].subject`, 'Mã người dùng của chuyên gia', 200),
    name: requireText(assessor.name, `assessors[${index}].name`, 'Tên chuyên gia', 200),
  }));
  const subjects = new Set(parsed.map((assessor) => assessor.subject));
  if (subjects.size !== parsed.length) {
    throw new BadInputError('assessors', 'Một chuyên gia được ghi hai lần.', 'An assessor is listed twice.');
  }
  return parsed;
}

/** Fields assessed: at least one, each among the laboratory's. */
function parseFields(fields: readonly MetrologyField[], laboratory: Laboratory): MetrologyField[] {
  const distinct = distinctNonEmpty(fields, 'fields', 'lĩnh vực đánh giá');
  const foreign = distinct.filter((field) => !laboratory.fields.includes(field));
  if (foreign.length > 0) {
    throw new BadInputError(
      'fields',
      `Phòng thí nghiệm không hoạt động trong lĩnh vực: ${foreign.join(', ')}.`,
      `The laboratory does not work in: ${foreign.join(', ')}.`,
      { fields: foreign },
    );
  }
  return distinct;
}

export function assertNotDecided(assessment: Assessment): void {
  if (assessment.status === AssessmentStatus.DECIDED) {
    throw new ConflictError(
      'Đánh giá đã có quyết định: không thể thay đổi.',
      'The assessment is decided: it can no longer change.',
      { status: assessment.status },
    );
  }
}

/** The assessment, its row locked until the transaction ends: writers of one assessment queue up. */
export async function lockAssessment(tx: EntityManager, id: string, field: string): Promise<Assessment> {
  const assessment = isUuid(id) ? await tx.findOne(Assessment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (!assessment) throw referencedNotFound(field, 'Assessment', id, 'cuộc đánh giá');
  return assessment;
}

export function criterionIn(
  criteria: readonly Criterion[],
  code: string,
  field: string,
  details: Record<string, unknown> = {},
): Criterion {
  const criterion = criteria.find((candidate) => candidate.code === code);
  if (!criterion) {
    throw new BadInputError(field, `Bộ tiêu chí không có tiêu chí "${code}".`, `The criteria set has no criterion "${code}".`, {
      criterion: code,
      ...details,
    });
  }
  return criterion;
}

/** Assessments of laboratories against a criteria set: opening, changing and reading them. Knows no GraphQL. */
export const assessmentService = {
  async get(loaders: Loaders, id: string): Promise<Assessment> {
    const assessment = await loaders.get(assessmentByIdLoader).load(id);
    if (!assessment) throw new NotFoundError('Assessment', id, 'cuộc đánh giá');
    return assessment;
  },

  async list(em: EntityManager, filter: AssessmentFilter): Promise<Page<Assessment>> {
    const where: FilterQuery<Assessment> = {};
    if (filter.laboratoryId) {
      if (!isUuid(filter.laboratoryId)) return { items: [], total: 0, offset: filter.offset, limit: filter.limit };
      where.laboratory = filter.laboratoryId;
    }
    if (filter.status) where.status = filter.status;
    if (filter.kind) where.kind = filter.kind;
    const [items, total] = await em.findAndCount(Assessment, where, {
      orderBy: { startDate: 'desc', createdAt: 'desc' },
      offset: filter.offset,
      limit: filter.limit,
    });
    return { items, total, offset: filter.offset, limit: filter.limit };
  },

  /** The criteria of the set that apply to the fields assessed. */
  async applicableCriteria(loaders: Loaders, assessment: Assessment): Promise<Criterion[]> {
    const criteria = await loaders.get(criteriaBySetLoader).load(assessment.criteriaSet.id);
    return criteria.filter((criterion) => appliesTo(criterion, assessment.fields));
  },

  async criterion(loaders: Loaders, id: number): Promise<Criterion | null> {
    return loaders.get(criterionByIdLoader).load(id);
  },

  create(em: EntityManager, identity: Identity, input: NewAssessment): Promise<Assessment> {
    const assessors = parseAssessors(input.assessors);
    if (input.endDate) assertDateOrder(input.startDate, input.endDate, 'endDate', 'Ngày kết thúc không được trước ngày bắt đầu.');
    return inTransaction(em, async (tx) => {
      const laboratory = await laboratoryFor(tx, input.laboratoryId, 'laboratoryId');
      const set = await tx.findOne(CriteriaSet, { code: input.criteriaSetCode, edition: input.criteriaSetVersion });
      if (!set) {
        throw referencedNotFound(
          'criteriaSetCode',
          'Criteria set',
          `${input.criteriaSetCode} v${input.criteriaSetVersion}`,
          'bộ tiêu chí',
        );
      }
      if (input.startDate < set.effectiveDate) {
        throw new BadInputError(
          'startDate',
          `Bộ tiêu chí này có hiệu lực từ ${set.effectiveDate}: ngày bắt đầu đánh giá không được trước đó.`,
          `The criteria set is effective from ${set.effectiveDate}: the assessment cannot start earlier.`,
        );
      }
      const fields = input.fields ? parseFields(input.fields, laboratory) : [...laboratory.fields];
      const now = new Date();
      const assessment = tx.create(Assessment, {
        laboratory,
        criteriaSet: set,
        kind: input.kind,
        status: AssessmentStatus.DRAFT,
        fields,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        assessors,
        submittedAt: null,
        outcome: null,
        decidedOn: null,
        decidedBy: null,
        decidedByName: null,
        totalScore: null,
        unmetMandatoryCriteria: null,
        openMajorFindingsAtDecision: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await tx.flush();
      audit(tx, identity, {
        entityType: 'Assessment',
        entityId: assessment.id,
        action: 'CREATE',
        changes: { laboratory: laboratory.id, criteriaSet: `${set.code} v${set.edition}`, kind: input.kind, fields },
      });
      return assessment;
    });
  },

  update(em: EntityManager, identity: Identity, id: string, version: number, changes: AssessmentChanges): Promise<Assessment> {
    const assessors = changes.assessors ? parseAssessors(changes.assessors) : null;
    return inTransaction(em, async (tx) => {
      const assessment = await lockAssessment(tx, id, 'id');
      assertNotDecided(assessment);
      assertVersion(assessment, version, 'Cuộc đánh giá', 'assessment');
      const before = {
        kind: assessment.kind,
        fields: assessment.fields,
        startDate: assessment.startDate,
        endDate: assessment.endDate,
      };
      const startDate = changes.startDate ?? assessment.startDate;
      const endDate = changes.endDate === undefined ? assessment.endDate : changes.endDate;
      if (endDate) assertDateOrder(startDate, endDate, 'endDate', 'Ngày kết thúc không được trước ngày bắt đầu.');
      if (changes.startDate) {
        const set = await tx.findOneOrFail(CriteriaSet, { id: assessment.criteriaSet.id });
        if (changes.startDate < set.effectiveDate) {
          throw new BadInputError(
            'startDate',
            `Bộ tiêu chí này có hiệu lực từ ${set.effectiveDate}: ngày bắt đầu đánh giá không được trước đó.`,
            `The criteria set is effective from ${set.effectiveDate}: the assessment cannot start earlier.`,
          );
        }
      }
      let removedScores: string[] = [];
      if (changes.fields) {
        const laboratory = await laboratoryFor(tx, assessment.laboratory.id, 'id');
        const fields = parseFields(changes.fields, laboratory);
        const scores = await tx.find(CriterionScore, { assessment: assessment.id }, { populate: ['criterion'] });
        const stale = scores.filter((score) => !appliesTo(score.criterion, fields));
        removedScores = stale.map((score) => score.criterion.code);
        for (const score of stale) tx.remove(score);
        assessment.fields = fields;
      }
      if (changes.kind) assessment.kind = changes.kind;
      assessment.startDate = startDate;
      assessment.endDate = endDate ?? null;
      if (assessors) assessment.assessors = assessors;
      assessment.updatedAt = new Date();
      audit(tx, identity, {
        entityType: 'Assessment',
        entityId: assessment.id,
        action: 'UPDATE',
        changes: {
          from: before,
          to: { kind: assessment.kind, fields: assessment.fields, startDate: assessment.startDate, endDate: assessment.endDate },
          assessors: assessors ? assessors.map((assessor) => assessor.subject) : undefined,
          removedScores,
        },
      });
      return assessment;
    });
  },
};
