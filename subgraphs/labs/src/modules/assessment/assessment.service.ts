import {
  assertDateOrder,
  assertNotFuture,
  assertSecondPerson,
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
  todayInVietnam,
} from '@metrology/kit';
import { type FilterQuery, LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { related } from '../../shared/relation';
import { CriteriaSet, Criterion } from '../criteria/criteria.entity';
import { criteriaBySetLoader, criteriaSetByIdLoader } from '../criteria/criteria.loaders';
import type { Laboratory } from '../laboratory/laboratory.entity';
import { laboratoryFor } from '../laboratory/laboratory.service';
import { grantRecognition } from '../recognition/recognition.service';
import {
  Assessment,
  type AssessmentKind,
  AssessmentOutcome,
  AssessmentStatus,
  type Assessor,
  CorrectiveAction,
  CriterionScore,
  Finding,
  FindingSeverity,
} from './assessment.entity';
import {
  assessmentByIdLoader,
  correctiveActionsByFindingLoader,
  criterionByIdLoader,
  decidedMajorFindingsByLaboratoryLoader,
  findingsByAssessmentLoader,
  scoresByAssessmentLoader,
} from './assessment.loaders';
import {
  appliesTo,
  blocksPass,
  defaultRecognitionEnd,
  type Evaluation,
  evaluate,
  findingOpen,
  grantsRecognition,
} from './assessment.rules';

/** The decision's four-eyes refusal. */
const SOLE_SCORER_DECIDES = {
  vi: 'Nguyên tắc hai người: người đã tự chấm toàn bộ tiêu chí không được quyết định kết quả đánh giá này; cần một cán bộ khác quyết định.',
  en: 'Four eyes: whoever recorded every score of this assessment alone cannot also decide it; another officer must decide.',
};

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

export interface ScoreEntry {
  criterionCode: string;
  score: number;
  note?: string | null;
}

export interface Decision {
  id: string;
  version: number;
  decidedOn?: string | null;
  recognitionValidFrom?: string | null;
  recognitionValidUntil?: string | null;
  recognitionScope?: MetrologyField[] | null;
}

export interface NewFinding {
  assessmentId: string;
  severity: FindingSeverity;
  description: string;
  criterionCode?: string | null;
}

export interface FindingChanges {
  severity?: FindingSeverity | null;
  description?: string | null;
  criterionCode?: string | null;
}

export interface NewCorrectiveAction {
  findingId: string;
  description: string;
  dueOn: string;
}

export interface AssessmentFilter {
  laboratoryId?: string | null;
  status?: AssessmentStatus | null;
  kind?: AssessmentKind | null;
  offset: number;
  limit: number;
}

const LONG_TEXT = 4000;

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

function assertNotDecided(assessment: Assessment): void {
  if (assessment.status === AssessmentStatus.DECIDED) {
    throw new ConflictError(
      'Đánh giá đã có quyết định: không thể thay đổi.',
      'The assessment is decided: it can no longer change.',
      { status: assessment.status },
    );
  }
}

/** The assessment, its row locked until the transaction ends: writers of one assessment queue up. */
async function lockAssessment(tx: EntityManager, id: string, field: string): Promise<Assessment> {
  const assessment = isUuid(id) ? await tx.findOne(Assessment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (!assessment) throw referencedNotFound(field, 'Assessment', id, 'cuộc đánh giá');
  return assessment;
}

function criterionIn(
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

/** Open major findings that block a pass: this assessment's and those of the laboratory's decided assessments. */
async function countOpenMajorFindings(tx: EntityManager, assessment: Assessment): Promise<number> {
  const findings = await tx.find(Finding, {
    severity: FindingSeverity.MAJOR,
    $or: [
      { assessment: assessment.id },
      { assessment: { laboratory: assessment.laboratory.id, status: AssessmentStatus.DECIDED } },
    ],
  });
  if (findings.length === 0) return 0;
  const actions = await tx.find(CorrectiveAction, { finding: { $in: findings.map((finding) => finding.id) } });
  return findings.filter((finding) =>
    blocksPass(
      finding.severity,
      actions.filter((action) => action.finding.id === finding.id),
    ),
  ).length;
}

/** The evaluation inside a transaction, from the rows themselves. */
async function evaluateInTransaction(tx: EntityManager, assessment: Assessment): Promise<Evaluation> {
  const set = await tx.findOneOrFail(CriteriaSet, { id: assessment.criteriaSet.id });
  const criteria = await tx.find(Criterion, { criteriaSet: set.id }, { orderBy: { position: 'asc' } });
  const scores = await tx.find(CriterionScore, { assessment: assessment.id });
  const codeById = new Map(criteria.map((criterion) => [criterion.id, criterion.code]));
  return evaluate({
    criteria,
    fields: assessment.fields,
    scores: new Map(scores.map((score) => [codeById.get(score.criterion.id) ?? '', score.score])),
    passThreshold: set.passThreshold,
    openMajorFindings: await countOpenMajorFindings(tx, assessment),
  });
}

function missingScoresError(missing: string[]): BadInputError {
  return new BadInputError(
    'scores',
    `Chưa chấm điểm các tiêu chí: ${missing.join(', ')}.`,
    `These applicable criteria have no score: ${missing.join(', ')}.`,
    { missingCriteria: missing },
  );
}

/** Assessments of laboratories against a criteria set, their scores, findings and decision. Knows no GraphQL. */
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

  /** The pass rule applied to the assessment now, through the request's loaders. */
  async evaluation(loaders: Loaders, assessment: Assessment): Promise<Evaluation> {
    const [set, criteria, scores, own, decided] = await Promise.all([
      loaders.get(criteriaSetByIdLoader).load(assessment.criteriaSet.id),
      loaders.get(criteriaBySetLoader).load(assessment.criteriaSet.id),
      loaders.get(scoresByAssessmentLoader).load(assessment.id),
      loaders.get(findingsByAssessmentLoader).load(assessment.id),
      loaders.get(decidedMajorFindingsByLaboratoryLoader).load(assessment.laboratory.id),
    ]);
    const majors = new Map(
      [...own, ...decided].filter((finding) => finding.severity === FindingSeverity.MAJOR).map((f) => [f.id, f]),
    );
    const actions = await Promise.all([...majors.keys()].map((id) => loaders.get(correctiveActionsByFindingLoader).load(id)));
    const codeById = new Map(criteria.map((criterion) => [criterion.id, criterion.code]));
    return evaluate({
      criteria,
      fields: assessment.fields,
      scores: new Map(scores.map((score) => [codeById.get(score.criterion.id) ?? '', score.score])),
      passThreshold: related(set, 'criteria set').passThreshold,
      openMajorFindings: actions.filter((list) => findingOpen(list)).length,
    });
  },

  /** The criteria of the set that apply to the fields assessed. */
  async applicableCriteria(loaders: Loaders, assessment: Assessment): Promise<Criterion[]> {
    const criteria = await loaders.get(criteriaBySetLoader).load(assessment.criteriaSet.id);
    return criteria.filter((criterion) => appliesTo(criterion, assessment.fields));
  },

  /** Whether a finding is still open (no corrective action yet, or one not closed). */
  async findingOpen(loaders: Loaders, finding: Finding): Promise<boolean> {
    return findingOpen(await loaders.get(correctiveActionsByFindingLoader).load(finding.id));
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

  /** Records scores: each criterion of the set, applicable, at most once in the list, from 0 to its maximum. */
  recordScores(
    em: EntityManager,
    identity: Identity,
    id: string,
    version: number,
    entries: readonly ScoreEntry[],
  ): Promise<Assessment> {
    if (entries.length === 0) throw new BadInputError('scores', 'Chưa có điểm nào.', 'No scores were given.');
    return inTransaction(em, async (tx) => {
      const assessment = await lockAssessment(tx, id, 'assessmentId');
      assertNotDecided(assessment);
      assertVersion(assessment, version, 'Cuộc đánh giá', 'assessment');
      const criteria = await tx.find(Criterion, { criteriaSet: assessment.criteriaSet.id });
      const seen = new Set<string>();
      const parsed = entries.map((entry, index) => {
        const code = entry.criterionCode.trim();
        const at = { criterion: code, index };
        const criterion = criterionIn(criteria, code, 'scores', at);
        if (seen.has(code)) {
          throw new BadInputError('scores', `Tiêu chí "${code}" được chấm hai lần.`, `Criterion "${code}" is scored twice.`, at);
        }
        seen.add(code);
        if (!appliesTo(criterion, assessment.fields)) {
          throw new BadInputError(
            'scores',
            `Tiêu chí "${code}" không áp dụng cho các lĩnh vực được đánh giá.`,
            `Criterion "${code}" does not apply to the fields assessed.`,
            at,
          );
        }
        if (!Number.isInteger(entry.score) || entry.score < 0 || entry.score > criterion.maxScore) {
          throw new BadInputError(
            'scores',
            `Điểm của tiêu chí "${code}" phải từ 0 đến ${criterion.maxScore}.`,
            `The score of criterion "${code}" must be from 0 to ${criterion.maxScore}.`,
            { ...at, maxScore: criterion.maxScore },
          );
        }
        const note = entry.note ? requireText(entry.note, 'scores', 'Ghi chú', LONG_TEXT) : null;
        return { criterion, score: entry.score, note };
      });
      const existing = await tx.find(CriterionScore, {
        assessment: assessment.id,
        criterion: { $in: parsed.map((entry) => entry.criterion.id) },
      });
      const byCriterion = new Map(existing.map((score) => [score.criterion.id, score]));
      const now = new Date();
      const changes = parsed.map(({ criterion, score, note }) => {
        const current = byCriterion.get(criterion.id);
        const from = current?.score ?? null;
        if (current) {
          current.score = score;
          current.note = note;
          current.recordedAt = now;
          current.recordedByName = identity.name ?? identity.subject ?? '';
          current.recordedBy = identity.subject;
        } else {
          tx.create(CriterionScore, {
            assessment,
            criterion,
            score,
            note,
            recordedAt: now,
            recordedByName: identity.name ?? identity.subject ?? '',
            recordedBy: identity.subject,
          });
        }
        return { criterion: criterion.code, from, to: score };
      });
      assessment.updatedAt = now;
      audit(tx, identity, {
        entityType: 'Assessment',
        entityId: assessment.id,
        action: 'RECORD_SCORES',
        changes: { scores: changes },
      });
      return assessment;
    });
  },

  /** DRAFT → SUBMITTED, once every applicable criterion has its score. */
  submit(em: EntityManager, identity: Identity, id: string, version: number): Promise<Assessment> {
    return inTransaction(em, async (tx) => {
      const assessment = await lockAssessment(tx, id, 'id');
      assertVersion(assessment, version, 'Cuộc đánh giá', 'assessment');
      if (assessment.status !== AssessmentStatus.DRAFT) {
        throw new ConflictError(
          'Chỉ cuộc đánh giá đang ở trạng thái nháp mới được trình.',
          `Only a DRAFT assessment can be submitted; this one is ${assessment.status}.`,
          { status: assessment.status },
        );
      }
      const evaluation = await evaluateInTransaction(tx, assessment);
      if (evaluation.missingCriteria.length > 0) throw missingScoresError(evaluation.missingCriteria);
      assessment.status = AssessmentStatus.SUBMITTED;
      assessment.submittedAt = new Date();
      assessment.updatedAt = new Date();
      audit(tx, identity, {
        entityType: 'Assessment',
        entityId: assessment.id,
        action: 'SUBMIT',
        changes: { from: AssessmentStatus.DRAFT, to: AssessmentStatus.SUBMITTED, totalScore: evaluation.totalScore },
      });
      return assessment;
    });
  },

  /**
   * SUBMITTED → DECIDED. The outcome is computed from the pass rule and the open major findings;
   * a pass of an initial assessment or a reassessment grants a recognition.
   */
  decide(em: EntityManager, identity: Identity, decision: Decision): Promise<Assessment> {
    const decidedOn = decision.decidedOn ?? todayInVietnam();
    assertNotFuture(decidedOn, 'decidedOn', 'Ngày quyết định');
    return inTransaction(em, async (tx) => {
      const assessment = await lockAssessment(tx, decision.id, 'id');
      assertNotDecided(assessment);
      assertVersion(assessment, decision.version, 'Cuộc đánh giá', 'assessment');
      if (assessment.status !== AssessmentStatus.SUBMITTED) {
        throw new ConflictError(
          'Cuộc đánh giá phải được trình trước khi quyết định.',
          'The assessment must be submitted before it is decided.',
          { status: assessment.status },
        );
      }
      // Four eyes (docs/ROLES.md): whoever recorded every score alone does not decide.
      const scores = await tx.find(CriterionScore, { assessment: assessment.id });
      assertSecondPerson(
        identity,
        scores.map((score) => score.recordedBy),
        SOLE_SCORER_DECIDES,
      );
      assertDateOrder(
        assessment.endDate ?? assessment.startDate,
        decidedOn,
        'decidedOn',
        'Ngày quyết định không được trước ngày đánh giá.',
      );
      const evaluation = await evaluateInTransaction(tx, assessment);
      if (evaluation.outcome === null) throw missingScoresError(evaluation.missingCriteria);
      assessment.status = AssessmentStatus.DECIDED;
      assessment.outcome = evaluation.outcome;
      assessment.decidedOn = decidedOn;
      assessment.decidedBy = identity.subject;
      assessment.decidedByName = identity.name;
      assessment.totalScore = evaluation.totalScore;
      assessment.unmetMandatoryCriteria = evaluation.unmetMandatoryCriteria;
      assessment.openMajorFindingsAtDecision = evaluation.openMajorFindings;
      assessment.updatedAt = new Date();
      let recognitionId: string | null = null;
      if (evaluation.outcome === AssessmentOutcome.PASSED && grantsRecognition(assessment.kind)) {
        const validFrom = decision.recognitionValidFrom ?? decidedOn;
        const validUntil = decision.recognitionValidUntil ?? defaultRecognitionEnd(validFrom);
        assertDateOrder(
          validFrom,
          validUntil,
          'recognitionValidUntil',
          'Ngày hết hiệu lực công nhận không được trước ngày bắt đầu.',
        );
        const scope = decision.recognitionScope
          ? distinctNonEmpty(decision.recognitionScope, 'recognitionScope', 'lĩnh vực')
          : assessment.fields;
        const outside = scope.filter((field) => !assessment.fields.includes(field));
        if (outside.length > 0) {
          throw new BadInputError(
            'recognitionScope',
            `Phạm vi công nhận vượt ngoài lĩnh vực đã đánh giá: ${outside.join(', ')}.`,
            `The recognition scope goes beyond the fields assessed: ${outside.join(', ')}.`,
            { fields: outside },
          );
        }
        const recognition = await grantRecognition(tx, identity, { assessment, validFrom, validUntil, scope });
        recognitionId = recognition.id;
      }
      audit(tx, identity, {
        entityType: 'Assessment',
        entityId: assessment.id,
        action: 'DECIDE',
        changes: {
          from: AssessmentStatus.SUBMITTED,
          to: AssessmentStatus.DECIDED,
          outcome: evaluation.outcome,
          totalScore: evaluation.totalScore,
          passThreshold: evaluation.passThreshold,
          unmetMandatoryCriteria: evaluation.unmetMandatoryCriteria,
          openMajorFindings: evaluation.openMajorFindings,
          decidedOn,
          recognition: recognitionId,
        },
      });
      return assessment;
    });
  },

  addFinding(em: EntityManager, identity: Identity, input: NewFinding): Promise<Finding> {
    const description = requireText(input.description, 'description', 'Nội dung phát hiện', LONG_TEXT);
    return inTransaction(em, async (tx) => {
      const assessment = await lockAssessment(tx, input.assessmentId, 'assessmentId');
      assertNotDecided(assessment);
      const criterion = input.criterionCode
        ? criterionIn(
            await tx.find(Criterion, { criteriaSet: assessment.criteriaSet.id }),
            input.criterionCode.trim(),
            'criterionCode',
          )
        : null;
      const finding = tx.create(Finding, {
        assessment,
        criterion,
        severity: input.severity,
        description,
        createdAt: new Date(),
        version: 1,
      });
      await tx.flush();
      audit(tx, identity, {
        entityType: 'Finding',
        entityId: finding.id,
        action: 'ADD',
        changes: { assessment: assessment.id, severity: input.severity, criterion: criterion?.code ?? null },
      });
      return finding;
    });
  },

  updateFinding(em: EntityManager, identity: Identity, id: string, version: number, changes: FindingChanges): Promise<Finding> {
    const description = changes.description
      ? requireText(changes.description, 'description', 'Nội dung phát hiện', LONG_TEXT)
      : null;
    return inTransaction(em, async (tx) => {
      const found = isUuid(id) ? await tx.findOne(Finding, { id }) : null;
      if (!found) throw referencedNotFound('id', 'Finding', id, 'phát hiện');
      const assessment = await lockAssessment(tx, found.assessment.id, 'id');
      assertNotDecided(assessment);
      assertVersion(found, version, 'Phát hiện', 'finding');
      const before = { severity: found.severity, criterion: found.criterion?.id ?? null };
      if (changes.severity) found.severity = changes.severity;
      if (description) found.description = description;
      if (changes.criterionCode !== undefined) {
        found.criterion = changes.criterionCode
          ? criterionIn(
              await tx.find(Criterion, { criteriaSet: assessment.criteriaSet.id }),
              changes.criterionCode.trim(),
              'criterionCode',
            )
          : null;
      }
      audit(tx, identity, {
        entityType: 'Finding',
        entityId: found.id,
        action: 'UPDATE',
        changes: {
          from: before,
          to: { severity: found.severity, criterion: found.criterion?.id ?? null },
          descriptionChanged: description !== null,
        },
      });
      return found;
    });
  },

  addCorrectiveAction(em: EntityManager, identity: Identity, input: NewCorrectiveAction): Promise<CorrectiveAction> {
    const description = requireText(input.description, 'description', 'Nội dung hành động khắc phục', LONG_TEXT);
    return inTransaction(em, async (tx) => {
      const finding = isUuid(input.findingId)
        ? await tx.findOne(Finding, { id: input.findingId }, { populate: ['assessment'] })
        : null;
      if (!finding) throw referencedNotFound('findingId', 'Finding', input.findingId, 'phát hiện');
      assertDateOrder(
        finding.assessment.startDate,
        input.dueOn,
        'dueOn',
        'Thời hạn khắc phục không được trước ngày bắt đầu đánh giá.',
      );
      const action = tx.create(CorrectiveAction, {
        finding,
        description,
        dueOn: input.dueOn,
        closedOn: null,
        evidence: null,
        createdAt: new Date(),
        version: 1,
      });
      await tx.flush();
      audit(tx, identity, {
        entityType: 'CorrectiveAction',
        entityId: action.id,
        action: 'ADD',
        changes: { finding: finding.id, dueOn: input.dueOn },
      });
      return action;
    });
  },

  closeCorrectiveAction(
    em: EntityManager,
    identity: Identity,
    id: string,
    version: number,
    closedOn: string | null | undefined,
    evidence: string,
  ): Promise<CorrectiveAction> {
    const date = closedOn ?? todayInVietnam();
    assertNotFuture(date, 'closedOn', 'Ngày đóng hành động khắc phục');
    const text = requireText(evidence, 'evidence', 'Bằng chứng khắc phục', LONG_TEXT);
    return inTransaction(em, async (tx) => {
      const action = isUuid(id) ? await tx.findOne(CorrectiveAction, { id }, { populate: ['finding.assessment'] }) : null;
      if (!action) throw referencedNotFound('id', 'Corrective action', id, 'hành động khắc phục');
      assertVersion(action, version, 'Hành động khắc phục', 'corrective action');
      if (action.closedOn !== null) {
        throw new ConflictError('Hành động khắc phục đã được đóng.', 'The corrective action is already closed.', {
          closedOn: action.closedOn,
        });
      }
      assertDateOrder(action.finding.assessment.startDate, date, 'closedOn', 'Ngày đóng không được trước ngày bắt đầu đánh giá.');
      action.closedOn = date;
      action.evidence = text;
      audit(tx, identity, {
        entityType: 'CorrectiveAction',
        entityId: action.id,
        action: 'CLOSE',
        changes: { finding: action.finding.id, closedOn: date },
      });
      return action;
    });
  },
};
