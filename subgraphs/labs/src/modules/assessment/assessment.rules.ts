import { addDays, type MetrologyField } from '@metrology/kit';
import { AssessmentKind, AssessmentOutcome, FindingSeverity } from './assessment.entity';

/**
 * The rules of an assessment, as pure functions (docs/RULES.md, "Assessments"). The criteria come
 * from data (the criteria set); nothing here knows any particular criterion.
 */
export interface CriterionRule {
  code: string;
  maxScore: number;
  minimumScore: number | null;
  mandatory: boolean;
  fields: readonly MetrologyField[];
}

/** A criterion applies when it names no field, or one of the fields assessed. */
export function appliesTo(criterion: Pick<CriterionRule, 'fields'>, fields: readonly MetrologyField[]): boolean {
  return criterion.fields.length === 0 || criterion.fields.some((field) => fields.includes(field));
}

/**
 * A mandatory criterion is met when its score reaches the criterion's own minimum score; a
 * criterion without a minimum is met by any score above 0 (a 0 means "not met at all").
 */
export function mandatoryMet(criterion: Pick<CriterionRule, 'minimumScore'>, score: number | undefined): boolean {
  if (score === undefined) return false;
  return criterion.minimumScore === null ? score > 0 : score >= criterion.minimumScore;
}

/**
 * A finding is open until it has at least one corrective action and all of them are closed: a
 * finding nobody has acted on is not resolved.
 */
export function findingOpen(actions: readonly { closedOn: string | null }[]): boolean {
  return actions.length === 0 || actions.some((action) => action.closedOn === null);
}

export function blocksPass(severity: FindingSeverity, actions: readonly { closedOn: string | null }[]): boolean {
  return severity === FindingSeverity.MAJOR && findingOpen(actions);
}

export interface EvaluationInput {
  criteria: readonly CriterionRule[];
  fields: readonly MetrologyField[];
  /** Score per criterion code (scores of criteria that do not apply are ignored). */
  scores: ReadonlyMap<string, number>;
  passThreshold: number;
  openMajorFindings: number;
}

export interface Evaluation {
  applicableCriteria: string[];
  missingCriteria: string[];
  totalScore: number;
  maxScore: number;
  passThreshold: number;
  unmetMandatoryCriteria: string[];
  openMajorFindings: number;
  passRuleHolds: boolean;
  /** What a decision would compute now; null while an applicable criterion has no score. */
  outcome: AssessmentOutcome | null;
}

/**
 * Pass rule: every applicable mandatory criterion met and the total of the applicable scores at
 * least the set's threshold. Outcome: PASSED when the rule holds and no major finding is open.
 */
export function evaluate(input: EvaluationInput): Evaluation {
  const applicable = input.criteria.filter((criterion) => appliesTo(criterion, input.fields));
  const missing = applicable.filter((criterion) => !input.scores.has(criterion.code)).map((criterion) => criterion.code);
  const totalScore = applicable.reduce((sum, criterion) => sum + (input.scores.get(criterion.code) ?? 0), 0);
  const maxScore = applicable.reduce((sum, criterion) => sum + criterion.maxScore, 0);
  const unmet = applicable
    .filter((criterion) => criterion.mandatory && !mandatoryMet(criterion, input.scores.get(criterion.code)))
    .map((criterion) => criterion.code);
  const passRuleHolds = unmet.length === 0 && totalScore >= input.passThreshold;
  const passes = passRuleHolds && input.openMajorFindings === 0;
  return {
    applicableCriteria: applicable.map((criterion) => criterion.code),
    missingCriteria: missing,
    totalScore,
    maxScore,
    passThreshold: input.passThreshold,
    unmetMandatoryCriteria: unmet,
    openMajorFindings: input.openMajorFindings,
    passRuleHolds,
    outcome: missing.length > 0 ? null : passes ? AssessmentOutcome.PASSED : AssessmentOutcome.NOT_PASSED,
  };
}

/**
 * Initial assessments and reassessments lead to a recognition; a surveillance checks one already
 * held and a self-assessment is the laboratory's own, so neither creates one.
 */
export function grantsRecognition(kind: AssessmentKind): boolean {
  return kind === AssessmentKind.INITIAL || kind === AssessmentKind.REASSESSMENT;
}

/** The default validity of a recognition: three years, the last day being the day before the anniversary. */
export function defaultRecognitionEnd(validFrom: string): string {
  const year = Number(validFrom.slice(0, 4)) + 3;
  const anniversary = new Date(Date.UTC(year, Number(validFrom.slice(5, 7)) - 1, Number(validFrom.slice(8, 10))));
  return addDays(anniversary.toISOString().slice(0, 10), -1);
}
