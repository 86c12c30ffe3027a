import { LocalDateScalar, PageArgs, pageType, TextInput } from '@metrology/kit';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { AssuranceEngagement, AssuranceService, EngagementStatus } from './engagement.entity';

/** A page of engagements. */
export const AssuranceEngagementPage = pageType(AssuranceEngagement, 'AssuranceEngagementPage');

@InputType('PlanAssuranceEngagementInput', { description: 'A new engagement of the Measurement Assurance Programme (PLANNED).' })
export class PlanAssuranceEngagementInput {
  @Field(() => ID, { description: 'Tax code of the enterprise supported (registered first).' })
  enterpriseTaxCode!: string;

  @Field(() => ID, { description: 'Id of the provider laboratory.' })
  providerLaboratoryId!: string;

  @Field(() => [AssuranceService], { description: 'Services: at least one.' })
  services!: AssuranceService[];

  @Field(() => Int, { description: 'Number of instruments covered, 0 or more.' })
  instrumentsCovered!: number;

  @TextInput('text')
  @Field(() => String, { nullable: true, description: 'Which instruments, at most 2000 characters.' })
  instrumentsDescription?: string | null;

  @Field(() => LocalDateScalar, { description: 'Planned start.' })
  plannedStart!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Planned end, not before the start.' })
  plannedEnd?: string | null;
}

@InputType('UpdateAssuranceEngagementInput', {
  description: 'Changes to an engagement not yet completed or cancelled: only the fields given change.',
})
export class UpdateAssuranceEngagementInput {
  @Field(() => ID, { description: 'Id of the engagement.' })
  id!: string;

  @Field(() => Int, { description: 'The version the change is based on; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => [AssuranceService], { nullable: true, description: 'Services: at least one.' })
  services?: AssuranceService[] | null;

  @Field(() => Int, { nullable: true, description: 'Number of instruments covered, 0 or more.' })
  instrumentsCovered?: number | null;

  @TextInput('text')
  @Field(() => String, { nullable: true, description: 'Which instruments; null clears it.' })
  instrumentsDescription?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Planned start.' })
  plannedStart?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Planned end; null clears it.' })
  plannedEnd?: string | null;
}

@InputType('ChangeAssuranceEngagementStatusInput', {
  description: 'Moves an engagement: PLANNED → IN_PROGRESS → COMPLETED; PLANNED or IN_PROGRESS → CANCELLED.',
})
export class ChangeAssuranceEngagementStatusInput {
  @Field(() => ID, { description: 'Id of the engagement.' })
  id!: string;

  @Field(() => Int, { description: 'The version the change is based on; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => EngagementStatus, { description: 'The new status.' })
  status!: EngagementStatus;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date of the move (started, completed or cancelled on); default today. Not in the future.',
  })
  on?: string | null;

  @TextInput('text')
  @Field(() => String, { nullable: true, description: 'Reason, for a cancellation; at most 2000 characters.' })
  reason?: string | null;
}

@ArgsType()
export class AssuranceEngagementListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only the engagements of this enterprise (tax code).' })
  enterpriseTaxCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the engagements of this provider laboratory.' })
  providerLaboratoryId?: string | null;

  @Field(() => EngagementStatus, { nullable: true, description: 'Only engagements in this status.' })
  status?: EngagementStatus | null;
}
