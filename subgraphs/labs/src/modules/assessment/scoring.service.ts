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
  type Loaders,
  type MetrologyField,
  requireText,
  todayInVietnam,
} from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { related } from '../../shared/relation';
import { CriteriaSet, Criterion } from '../criteria/criteria.entity';
import { criteriaBySetLoader, criteriaSetByIdLoader } from '../criteria/criteria.loaders';
import { grantRecognition } from '../recognition/recognition.service';
import {
  type Assessment,
  AssessmentOutcome,
  AssessmentStatus,
  CorrectiveAction,
  CriterionScore,
  Finding,
  FindingSeverity,
} from './assessment.entity';
import {
  correctiveActionsByFindingLoader,
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
import { assertNotDecided, criterionIn, LONG_TEXT, lockAssessment } from './assessment.service';

/** The decision's four-eyes refusal. */
const SOLE_SCORER_DECIDES = {
  vi: 'Nguyên tắc hai người: người đã tự chấm toàn bộ tiêu chí không được quyết định kết quả đánh giá này; cần một cán bộ khác quyết định.',
  en: 'Four eyes: whoever recorded every score of this assessment alone cannot also decide it; another officer must decide.',
};
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

/** The evaluation inside a transaction, from the rows themselves (the scores when already read). */
async function evaluateInTransaction(
  tx: EntityManager,
  assessment: Assessment,
  loadedScores?: CriterionScore[],
): Promise<Evaluation> {
  const set = await tx.findOneOrFail(CriteriaSet, { id: assessment.criteriaSet.id });
  const criteria = await tx.find(Criterion, { criteriaSet: set.id }, { orderBy: { position: 'asc' } });
  const scores = loadedScores ?? (await tx.find(CriterionScore, { assessment: assessment.id }));
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
/** An assessment's scores, the pass rule applied to them, its submission and its decision. Knows no GraphQL. */
export const scoringService = {
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
      const evaluation = await evaluateInTransaction(tx, assessment, scores);
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
};
