import { LocalDateScalar, MetrologyField, PageArgs, pageType, TextInput } from '@metrology/kit';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Assessment, AssessmentKind, AssessmentStatus, FindingSeverity } from './assessment.entity';

/** A page of assessments. */
export const AssessmentPage = pageType(Assessment, 'AssessmentPage');

@InputType('AssessorInput', { description: 'An assessor (chuyên gia đánh giá).' })
export class AssessorInput {
  @Field(() => String, { description: 'User id (token subject), at most 200 characters.' })
  subject!: string;

  @TextInput('personName')
  @Field(() => String, { description: 'Display name, at most 200 characters.' })
  name!: string;
}

@InputType('CreateAssessmentInput', { description: 'A new assessment of a laboratory, in DRAFT.' })
export class CreateAssessmentInput {
  @Field(() => ID, { description: 'Id of the laboratory assessed.' })
  laboratoryId!: string;

  @Field(() => String, { description: 'Code of the criteria set.' })
  criteriaSetCode!: string;

  @Field(() => Int, { description: 'Version of the criteria set, effective on the start date.' })
  criteriaSetVersion!: number;

  @Field(() => AssessmentKind, { description: 'Kind of assessment.' })
  kind!: AssessmentKind;

  @Field(() => [MetrologyField], {
    nullable: true,
    description: "Fields assessed, among the laboratory's; default all of the laboratory's fields.",
  })
  fields?: MetrologyField[] | null;

  @Field(() => LocalDateScalar, { description: 'First day.' })
  startDate!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day, not before the first.' })
  endDate?: string | null;

  @Field(() => [AssessorInput], { description: 'Assessors: at least one.' })
  assessors!: AssessorInput[];
}

@InputType('UpdateAssessmentInput', {
  description: 'Changes to an assessment not yet decided: only the fields given change; `endDate: null` clears it.',
})
export class UpdateAssessmentInput {
  @Field(() => ID, { description: 'Id of the assessment.' })
  id!: string;

  @Field(() => Int, { description: 'The version the change is based on; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => AssessmentKind, { nullable: true, description: 'Kind of assessment.' })
  kind?: AssessmentKind | null;

  @Field(() => [MetrologyField], {
    nullable: true,
    description: 'Fields assessed. Scores of criteria that no longer apply are removed.',
  })
  fields?: MetrologyField[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day, not before the criteria set is effective.' })
  startDate?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day; null clears it.' })
  endDate?: string | null;

  @Field(() => [AssessorInput], { nullable: true, description: 'Assessors: at least one.' })
  assessors?: AssessorInput[] | null;
}

@InputType('CriterionScoreInput', { description: 'A score for one criterion.' })
export class CriterionScoreInput {
  @Field(() => String, { description: 'Code of an applicable criterion of the set.' })
  criterionCode!: string;

  @Field(() => Int, { description: "Score from 0 to the criterion's maximum." })
  score!: number;

  @TextInput('text')
  @Field(() => String, { nullable: true, description: 'Note, at most 4000 characters.' })
  note?: string | null;
}

@InputType('RecordAssessmentScoresInput', {
  description: 'Scores for criteria of an assessment; a criterion scored before gets the new score.',
})
export class RecordAssessmentScoresInput {
  @Field(() => ID, { description: 'Id of the assessment.' })
  assessmentId!: string;

  @Field(() => Int, { description: 'The version of the assessment the scores are based on; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => [CriterionScoreInput], { description: 'Each criterion at most once.' })
  scores!: CriterionScoreInput[];
}

@InputType('DecideAssessmentInput', {
  description: 'The decision on a submitted assessment. The outcome is computed, never given.',
})
export class DecideAssessmentInput {
  @Field(() => ID, { description: 'Id of the assessment.' })
  id!: string;

  @Field(() => Int, { description: 'The version the decision is based on; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of the decision; default today. Not in the future.' })
  decidedOn?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'If a recognition results: its first day; default the date of the decision.',
  })
  recognitionValidFrom?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'If a recognition results: its last day; default three years from its first day (the day before).',
  })
  recognitionValidUntil?: string | null;

  @Field(() => [MetrologyField], {
    nullable: true,
    description: 'If a recognition results: the fields recognised, among those assessed; default all of them.',
  })
  recognitionScope?: MetrologyField[] | null;
}

@InputType('AddFindingInput', { description: 'A finding of an assessment not yet decided.' })
export class AddFindingInput {
  @Field(() => ID, { description: 'Id of the assessment.' })
  assessmentId!: string;

  @Field(() => FindingSeverity, { description: 'Severity of the finding.' })
  severity!: FindingSeverity;

  @TextInput('text')
  @Field(() => String, { description: 'What was found, at most 4000 characters.' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'Code of the criterion concerned, if any.' })
  criterionCode?: string | null;
}

@InputType('UpdateFindingInput', {
  description: 'Changes to a finding of an assessment not yet decided; `criterionCode: null` unlinks the criterion.',
})
export class UpdateFindingInput {
  @Field(() => ID, { description: 'Id of the finding.' })
  id!: string;

  @Field(() => Int, { description: 'The version the change is based on; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => FindingSeverity, { nullable: true, description: 'Severity of the finding.' })
  severity?: FindingSeverity | null;

  @TextInput('text')
  @Field(() => String, { nullable: true, description: 'What was found, at most 4000 characters.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the criterion concerned; null unlinks it.' })
  criterionCode?: string | null;
}

@InputType('AddCorrectiveActionInput', { description: 'A corrective action for a finding (also after the decision: follow-up).' })
export class AddCorrectiveActionInput {
  @Field(() => ID, { description: 'Id of the finding.' })
  findingId!: string;

  @TextInput('text')
  @Field(() => String, { description: 'What is to be done, at most 4000 characters.' })
  description!: string;

  @Field(() => LocalDateScalar, { description: 'Due date, not before the assessment started.' })
  dueOn!: string;
}

@InputType('CloseCorrectiveActionInput', { description: 'Closes a corrective action with its evidence.' })
export class CloseCorrectiveActionInput {
  @Field(() => ID, { description: 'Id of the corrective action.' })
  id!: string;

  @Field(() => Int, { description: 'The version the closure is based on; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of closure; default today. Not in the future.' })
  closedOn?: string | null;

  @TextInput('text')
  @Field(() => String, { description: 'Evidence of the correction, at most 4000 characters.' })
  evidence!: string;
}

@ArgsType()
export class AssessmentListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only the assessments of this laboratory.' })
  laboratoryId?: string | null;

  @Field(() => AssessmentStatus, { nullable: true, description: 'Only assessments in this status.' })
  status?: AssessmentStatus | null;

  @Field(() => AssessmentKind, { nullable: true, description: 'Only assessments of this kind.' })
  kind?: AssessmentKind | null;
}
