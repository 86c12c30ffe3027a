import type { BaseContext, Page } from '@metrology/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { OFFICER_ROLES } from '../../shared/access';
import { related } from '../../shared/relation';
import { CriteriaSet, Criterion } from '../criteria/criteria.entity';
import { criteriaSetByIdLoader } from '../criteria/criteria.loaders';
import { Laboratory } from '../laboratory/laboratory.entity';
import { laboratoryByIdLoader } from '../laboratory/laboratory.loaders';
import { Recognition } from '../recognition/recognition.entity';
import { recognitionByAssessmentLoader } from '../recognition/recognition.loaders';
import { Assessment, CorrectiveAction, CriterionScore, Finding } from './assessment.entity';
import {
  AddCorrectiveActionInput,
  AddFindingInput,
  AssessmentListArgs,
  AssessmentPage,
  CloseCorrectiveActionInput,
  CreateAssessmentInput,
  DecideAssessmentInput,
  RecordAssessmentScoresInput,
  UpdateAssessmentInput,
  UpdateFindingInput,
} from './assessment.inputs';
import {
  assessmentsByLaboratoryLoader,
  correctiveActionsByFindingLoader,
  findingsByAssessmentLoader,
  scoresByAssessmentLoader,
} from './assessment.loaders';
import { assessmentService } from './assessment.service';
import { AssessmentEvaluation } from './assessment.types';
import { findingService } from './finding.service';
import { scoringService } from './scoring.service';

/** Assessments of laboratories (đánh giá): assessors and administrators only. */
@Authorized(...OFFICER_ROLES)
@Resolver(() => Assessment)
export class AssessmentResolver {
  @Authorized(ACCESS.Query.assessment)
  @Query(() => Assessment, { description: 'An assessment by id. NOT_FOUND when there is none.' })
  assessment(
    @Arg('id', () => ID, { description: 'Id of the assessment.' }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<Assessment> {
    return assessmentService.get(ctx.loaders, id);
  }

  @Authorized(ACCESS.Query.assessments)
  @Query(() => AssessmentPage, { description: 'Assessments, latest first, filtered.' })
  assessments(@Args(() => AssessmentListArgs) args: AssessmentListArgs, @Ctx() ctx: BaseContext): Promise<Page<Assessment>> {
    return assessmentService.list(ctx.em, args);
  }

  @Authorized(ACCESS.Mutation.createAssessment)
  @Mutation(() => Assessment, {
    description:
      'Opens an assessment of a laboratory (DRAFT) against a criteria-set version effective on its start date. Unknown laboratory or set: NOT_FOUND.',
  })
  createAssessment(
    @Arg('input', () => CreateAssessmentInput, { description: 'The assessment to open.' }) input: CreateAssessmentInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Assessment> {
    return assessmentService.create(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.updateAssessment)
  @Mutation(() => Assessment, { description: 'Changes an assessment. Decided: CONFLICT; a stale `version`: CONFLICT.' })
  updateAssessment(
    @Arg('input', () => UpdateAssessmentInput, { description: 'The assessment, its version and the changes.' })
    input: UpdateAssessmentInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Assessment> {
    const { id, version, ...changes } = input;
    return assessmentService.update(ctx.em, ctx.identity, id, version, changes);
  }

  @Authorized(ACCESS.Mutation.recordAssessmentScores)
  @Mutation(() => Assessment, {
    description:
      'Records scores (each applicable criterion at most once in the list, 0 to its maximum; BAD_USER_INPUT otherwise). Decided: CONFLICT; a stale `version`: CONFLICT.',
  })
  recordAssessmentScores(
    @Arg('input', () => RecordAssessmentScoresInput, { description: 'The assessment, its version and the scores.' })
    input: RecordAssessmentScoresInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Assessment> {
    return scoringService.recordScores(ctx.em, ctx.identity, input.assessmentId, input.version, input.scores);
  }

  @Authorized(ACCESS.Mutation.submitAssessment)
  @Mutation(() => Assessment, {
    description:
      'DRAFT → SUBMITTED. Refused with BAD_USER_INPUT (field scores, `missingCriteria`) while an applicable criterion has no score; CONFLICT from another status.',
  })
  submitAssessment(
    @Arg('id', () => ID, { description: 'Id of the assessment.' }) id: string,
    @Arg('version', () => Int, { description: 'The version the submission is based on.' }) version: number,
    @Ctx() ctx: BaseContext,
  ): Promise<Assessment> {
    return scoringService.submit(ctx.em, ctx.identity, id, version);
  }

  @Authorized(ACCESS.Mutation.decideAssessment)
  @Mutation(() => Assessment, {
    description:
      'SUBMITTED → DECIDED with the computed outcome: PASSED when every applicable mandatory criterion is met, the total reaches the threshold and no major finding is open. A pass of an INITIAL or REASSESSMENT assessment grants a recognition. Afterwards the assessment never changes.',
  })
  decideAssessment(
    @Arg('input', () => DecideAssessmentInput, {
      description: 'The assessment, its version and the terms of a resulting recognition.',
    })
    input: DecideAssessmentInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Assessment> {
    return scoringService.decide(ctx.em, ctx.identity, input);
  }

  @FieldResolver(() => Laboratory, { description: 'The laboratory assessed.' })
  async laboratory(@Root() assessment: Assessment, @Ctx() ctx: BaseContext): Promise<Laboratory> {
    return related(await ctx.loaders.get(laboratoryByIdLoader).load(assessment.laboratory.id), 'laboratory');
  }

  @FieldResolver(() => CriteriaSet, { description: 'The criteria-set version it is assessed against.' })
  async criteriaSet(@Root() assessment: Assessment, @Ctx() ctx: BaseContext): Promise<CriteriaSet> {
    return related(await ctx.loaders.get(criteriaSetByIdLoader).load(assessment.criteriaSet.id), 'criteria set');
  }

  @FieldResolver(() => [Criterion], { description: 'The criteria that apply to the fields assessed, in order.' })
  applicableCriteria(@Root() assessment: Assessment, @Ctx() ctx: BaseContext): Promise<Criterion[]> {
    return assessmentService.applicableCriteria(ctx.loaders, assessment);
  }

  @FieldResolver(() => [CriterionScore], { description: 'Scores recorded.' })
  scores(@Root() assessment: Assessment, @Ctx() ctx: BaseContext): Promise<CriterionScore[]> {
    return ctx.loaders.get(scoresByAssessmentLoader).load(assessment.id);
  }

  @FieldResolver(() => [Finding], { description: 'Findings, in the order recorded.' })
  findings(@Root() assessment: Assessment, @Ctx() ctx: BaseContext): Promise<Finding[]> {
    return ctx.loaders.get(findingsByAssessmentLoader).load(assessment.id);
  }

  @FieldResolver(() => AssessmentEvaluation, { description: 'The pass rule applied to the current scores and findings.' })
  evaluation(@Root() assessment: Assessment, @Ctx() ctx: BaseContext): Promise<AssessmentEvaluation> {
    return scoringService.evaluation(ctx.loaders, assessment);
  }

  @FieldResolver(() => Recognition, { nullable: true, description: 'The recognition its pass granted, if any.' })
  recognition(@Root() assessment: Assessment, @Ctx() ctx: BaseContext): Promise<Recognition | null> {
    return ctx.loaders.get(recognitionByAssessmentLoader).load(assessment.id);
  }
}

/** Findings (phát hiện) and their corrective actions. */
@Authorized(...OFFICER_ROLES)
@Resolver(() => Finding)
export class FindingResolver {
  @Authorized(ACCESS.Mutation.addFinding)
  @Mutation(() => Finding, { description: 'Adds a finding to an assessment not yet decided (decided: CONFLICT).' })
  addFinding(
    @Arg('input', () => AddFindingInput, { description: 'The finding to add.' }) input: AddFindingInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Finding> {
    return findingService.add(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.updateFinding)
  @Mutation(() => Finding, { description: 'Changes a finding. Its assessment decided: CONFLICT; a stale `version`: CONFLICT.' })
  updateFinding(
    @Arg('input', () => UpdateFindingInput, { description: 'The finding, its version and the changes.' })
    input: UpdateFindingInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Finding> {
    const { id, version, ...changes } = input;
    return findingService.update(ctx.em, ctx.identity, id, version, changes);
  }

  @Authorized(ACCESS.Mutation.addCorrectiveAction)
  @Mutation(() => CorrectiveAction, {
    description: "Adds a corrective action to a finding; allowed after the decision (the laboratory's follow-up).",
  })
  addCorrectiveAction(
    @Arg('input', () => AddCorrectiveActionInput, { description: 'The corrective action to add.' })
    input: AddCorrectiveActionInput,
    @Ctx() ctx: BaseContext,
  ): Promise<CorrectiveAction> {
    return findingService.addCorrectiveAction(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.closeCorrectiveAction)
  @Mutation(() => CorrectiveAction, {
    description: 'Closes a corrective action with its evidence. Already closed: CONFLICT; a stale `version`: CONFLICT.',
  })
  closeCorrectiveAction(
    @Arg('input', () => CloseCorrectiveActionInput, {
      description: 'The corrective action, its version, the date and the evidence.',
    })
    input: CloseCorrectiveActionInput,
    @Ctx() ctx: BaseContext,
  ): Promise<CorrectiveAction> {
    return findingService.closeCorrectiveAction(ctx.em, ctx.identity, input.id, input.version, input.closedOn, input.evidence);
  }

  @FieldResolver(() => Criterion, { nullable: true, description: 'The criterion concerned, if any.' })
  criterion(@Root() finding: Finding, @Ctx() ctx: BaseContext): Promise<Criterion | null> {
    return finding.criterion ? assessmentService.criterion(ctx.loaders, finding.criterion.id) : Promise.resolve(null);
  }

  @FieldResolver(() => [CorrectiveAction], { description: 'Corrective actions, in the order recorded.' })
  correctiveActions(@Root() finding: Finding, @Ctx() ctx: BaseContext): Promise<CorrectiveAction[]> {
    return ctx.loaders.get(correctiveActionsByFindingLoader).load(finding.id);
  }

  @FieldResolver(() => Boolean, { description: 'Open until it has corrective actions and all are closed.' })
  open(@Root() finding: Finding, @Ctx() ctx: BaseContext): Promise<boolean> {
    return findingService.open(ctx.loaders, finding);
  }
}

/** The criterion behind a score. */
@Authorized(...OFFICER_ROLES)
@Resolver(() => CriterionScore)
export class CriterionScoreResolver {
  @FieldResolver(() => Criterion, { description: 'The criterion scored.' })
  async criterion(@Root() score: CriterionScore, @Ctx() ctx: BaseContext): Promise<Criterion> {
    return related(await assessmentService.criterion(ctx.loaders, score.criterion.id), 'criterion');
  }
}

/** `Laboratory.assessments`: officers only. */
@Resolver(() => Laboratory)
export class LaboratoryAssessmentsResolver {
  @Authorized(ACCESS.fields['Laboratory.assessments'])
  @FieldResolver(() => [Assessment], { description: 'Its assessments, latest first (assessors and administrators only).' })
  assessments(@Root() laboratory: Laboratory, @Ctx() ctx: BaseContext): Promise<Assessment[]> {
    return ctx.loaders.get(assessmentsByLaboratoryLoader).load(laboratory.id);
  }
}
