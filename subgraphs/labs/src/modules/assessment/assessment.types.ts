import { Field, Int, ObjectType } from 'type-graphql';
import { AssessmentOutcome } from './assessment.entity';

/** The pass rule applied to an assessment's current scores and findings. */
@ObjectType('AssessmentEvaluation', {
  description:
    'The pass rule applied now: every applicable mandatory criterion met and total ≥ threshold; PASSED also needs no open major finding (of this assessment or of earlier decided assessments of the laboratory).',
})
export class AssessmentEvaluation {
  @Field(() => [String], { description: 'Codes of the criteria that apply to the fields assessed.' })
  applicableCriteria!: string[];

  @Field(() => [String], { description: 'Applicable criteria without a score yet: submission is refused while any remain.' })
  missingCriteria!: string[];

  @Field(() => Int, { description: 'Total of the applicable scores.' })
  totalScore!: number;

  @Field(() => Int, { description: 'Total of the applicable maximum scores.' })
  maxScore!: number;

  @Field(() => Int, { description: "The set's pass threshold." })
  passThreshold!: number;

  @Field(() => [String], { description: 'Applicable mandatory criteria not met.' })
  unmetMandatoryCriteria!: string[];

  @Field(() => Int, { description: 'Major findings still open (no corrective action, or one not closed).' })
  openMajorFindings!: number;

  @Field(() => Boolean, { description: 'Whether the pass rule holds.' })
  passRuleHolds!: boolean;

  @Field(() => AssessmentOutcome, {
    nullable: true,
    description: 'What a decision would compute now; null while scores are missing.',
  })
  outcome!: AssessmentOutcome | null;
}
