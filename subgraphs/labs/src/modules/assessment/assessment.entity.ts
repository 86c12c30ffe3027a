import { LocalDateScalar, MetrologyField } from '@metrology/kit';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumArrayCheck } from '../../shared/checks';
import { CriteriaSet, Criterion } from '../criteria/criteria.entity';
import { Laboratory } from '../laboratory/laboratory.entity';

export enum AssessmentKind {
  INITIAL = 'INITIAL',
  SURVEILLANCE = 'SURVEILLANCE',
  REASSESSMENT = 'REASSESSMENT',
  SELF_ASSESSMENT = 'SELF_ASSESSMENT',
}
registerEnumType(AssessmentKind, {
  name: 'AssessmentKind',
  description: 'Kind of assessment (loại đánh giá).',
  valuesConfig: {
    INITIAL: { description: 'Đánh giá lần đầu: a pass creates a recognition.' },
    SURVEILLANCE: { description: 'Giám sát: checks a recognition already held; creates none.' },
    REASSESSMENT: { description: 'Đánh giá lại: a pass creates a recognition.' },
    SELF_ASSESSMENT: { description: 'Tự đánh giá của phòng thí nghiệm: creates no recognition.' },
  },
});

export enum AssessmentStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  DECIDED = 'DECIDED',
}
registerEnumType(AssessmentStatus, {
  name: 'AssessmentStatus',
  description: 'Where an assessment stands: DRAFT → SUBMITTED → DECIDED.',
  valuesConfig: {
    DRAFT: { description: 'Đang đánh giá: scores and findings are being recorded.' },
    SUBMITTED: { description: 'Đã trình: every applicable criterion is scored; awaiting the decision.' },
    DECIDED: { description: 'Đã quyết định: the outcome is computed and the assessment can no longer change.' },
  },
});

export enum AssessmentOutcome {
  PASSED = 'PASSED',
  NOT_PASSED = 'NOT_PASSED',
}
registerEnumType(AssessmentOutcome, {
  name: 'AssessmentOutcome',
  description: 'Computed outcome of a decided assessment; never typed in.',
  valuesConfig: {
    PASSED: { description: 'Đạt: the pass rule holds and no major finding is open.' },
    NOT_PASSED: { description: 'Không đạt.' },
  },
});

export enum FindingSeverity {
  MAJOR = 'MAJOR',
  MINOR = 'MINOR',
  OBSERVATION = 'OBSERVATION',
}
registerEnumType(FindingSeverity, {
  name: 'FindingSeverity',
  description: 'Severity of a finding.',
  valuesConfig: {
    MAJOR: { description: 'Điểm không phù hợp nặng: while open, the laboratory cannot pass.' },
    MINOR: { description: 'Điểm không phù hợp nhẹ.' },
    OBSERVATION: { description: 'Khuyến nghị, nhận xét.' },
  },
});

/** One assessor of an assessment (chuyên gia đánh giá). */
@ObjectType('Assessor', { description: 'An assessor (chuyên gia đánh giá) of an assessment.' })
export class Assessor {
  @Field(() => String, { description: 'User id (token subject) of the assessor.' })
  subject!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;
}

/** An assessment (đánh giá) of a laboratory against a version of a criteria set. */
@ObjectType('Assessment', { description: 'An assessment (đánh giá) of a laboratory against a criteria-set version.' })
@Entity({ tableName: 'assessment' })
@Index({ properties: ['laboratory', 'status'] })
@Check({ name: 'assessment_fields_valid', expression: enumArrayCheck('fields', MetrologyField, { nonEmpty: true }) })
@Check({ name: 'assessment_dates_ordered', expression: 'end_date is null or end_date >= start_date' })
@Check({
  name: 'assessment_decision_complete',
  expression: "(status = 'DECIDED') = (outcome is not null and decided_on is not null and total_score is not null)",
})
export class Assessment {
  @Field(() => ID, { description: 'Id of the assessment.' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @ManyToOne({ entity: () => Laboratory })
  laboratory!: Laboratory;

  @ManyToOne({ entity: () => CriteriaSet })
  criteriaSet!: CriteriaSet;

  @Field(() => AssessmentKind, { description: 'Kind of assessment.' })
  @Enum({ items: () => AssessmentKind, type: 'string' })
  kind!: AssessmentKind;

  @Field(() => AssessmentStatus, { description: 'Where it stands: DRAFT → SUBMITTED → DECIDED.' })
  @Enum({ items: () => AssessmentStatus, type: 'string', default: AssessmentStatus.DRAFT })
  status!: AssessmentStatus;

  @Field(() => [MetrologyField], {
    description: "Fields assessed (phạm vi đánh giá), among the laboratory's: they decide which criteria apply.",
  })
  @Enum({ items: () => MetrologyField, array: true })
  fields!: MetrologyField[];

  @Field(() => LocalDateScalar, { description: 'First day of the assessment.' })
  @Property({ type: 'date' })
  startDate!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day of the assessment, when known.' })
  @Property({ type: 'date', nullable: true })
  endDate!: string | null;

  @Field(() => [Assessor], { description: 'Assessors (đoàn đánh giá).' })
  @Property({ type: 'json' })
  assessors!: Assessor[];

  @Field(() => Date, { nullable: true, description: 'When it was submitted.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Field(() => AssessmentOutcome, { nullable: true, description: 'Computed at the decision; null before.' })
  @Enum({ items: () => AssessmentOutcome, type: 'string', nullable: true })
  outcome!: AssessmentOutcome | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of the decision (ngày quyết định).' })
  @Property({ type: 'date', nullable: true })
  decidedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Who decided (display name).' })
  @Property({ type: 'string', length: 200, nullable: true })
  decidedByName!: string | null;

  /** Token subject of who decided. */
  @Property({ type: 'string', length: 200, nullable: true })
  decidedBy!: string | null;

  @Field(() => Int, { nullable: true, description: 'Total score over the applicable criteria, fixed at the decision.' })
  @Property({ type: 'integer', nullable: true })
  totalScore!: number | null;

  @Field(() => [String], { nullable: true, description: 'Mandatory criteria not met, fixed at the decision.' })
  @Property({ type: 'json', nullable: true })
  unmetMandatoryCriteria!: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Open major findings that counted at the decision.' })
  @Property({ type: 'integer', nullable: true })
  openMajorFindingsAtDecision!: number | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  /** Touched by every change of the assessment or its scores, so that each bumps `version`. */
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back when editing.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}

/** The score given to one criterion in one assessment: at most one per criterion. */
@ObjectType('CriterionScore', { description: 'The score given to one criterion (điểm theo tiêu chí).' })
@Entity({ tableName: 'criterion_score' })
@Unique({ properties: ['assessment', 'criterion'] })
@Check({ name: 'criterion_score_not_negative', expression: 'score >= 0' })
export class CriterionScore {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Assessment, deleteRule: 'cascade' })
  assessment!: Assessment;

  @ManyToOne({ entity: () => Criterion })
  criterion!: Criterion;

  @Field(() => Int, { description: 'Score, from 0 to the criterion maximum.' })
  @Property({ type: 'integer' })
  score!: number;

  @Field(() => String, { nullable: true, description: "Assessor's note." })
  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @Field(() => String, { description: 'Who recorded it (display name).' })
  @Property({ type: 'string', length: 200 })
  recordedByName!: string;

  /**
   * Token subject of who recorded it: the decision's four-eyes rule reads it (docs/ROLES.md).
   * Null for a score whose recorder is unknown (recorded before subjects were kept, or by the system).
   */
  @Property({ type: 'string', length: 200, nullable: true })
  recordedBy!: string | null;

  @Field(() => Date, { description: 'When it was recorded.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  recordedAt!: Date;
}

/** A finding (phát hiện) of an assessment. */
@ObjectType('Finding', { description: 'A finding (điểm không phù hợp, khuyến nghị) of an assessment.' })
@Entity({ tableName: 'finding' })
@Index({ properties: ['assessment'] })
export class Finding {
  @Field(() => ID, { description: 'Id of the finding.' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @ManyToOne({ entity: () => Assessment, deleteRule: 'cascade' })
  assessment!: Assessment;

  @ManyToOne({ entity: () => Criterion, nullable: true })
  criterion!: Criterion | null;

  @Field(() => FindingSeverity, { description: 'Severity of the finding.' })
  @Enum({ items: () => FindingSeverity, type: 'string' })
  severity!: FindingSeverity;

  @Field(() => String, { description: 'What was found (Vietnamese).' })
  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back when editing.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}

/**
 * A corrective action (hành động khắc phục) for a finding. The laboratory's follow-up: it may be
 * added and closed after the assessment is decided (that is when the work happens), though the
 * decided outcome never changes.
 */
@ObjectType('CorrectiveAction', { description: 'A corrective action (hành động khắc phục) for a finding.' })
@Entity({ tableName: 'corrective_action' })
@Index({ properties: ['finding'] })
@Check({ name: 'corrective_action_closure_has_evidence', expression: 'closed_on is null or evidence is not null' })
export class CorrectiveAction {
  @Field(() => ID, { description: 'Id of the corrective action.' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @ManyToOne({ entity: () => Finding, deleteRule: 'cascade' })
  finding!: Finding;

  @Field(() => String, { description: 'What is to be done.' })
  @Property({ type: 'text' })
  description!: string;

  @Field(() => LocalDateScalar, { description: 'Due date (thời hạn khắc phục).' })
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date it was closed; null while open.' })
  @Property({ type: 'date', nullable: true })
  closedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Evidence of the closure (bằng chứng khắc phục).' })
  @Property({ type: 'text', nullable: true })
  evidence!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back when editing.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}
