import { Field, Int, ObjectType } from 'type-graphql';
import { Ownership } from '../organization/organization.entity';

/** Completed engagements for enterprises of one ownership: the plan's state/private split. */
@ObjectType('EngagementsByOwnership', {
  description: 'Completed Measurement Assurance Programme engagements for enterprises of one ownership.',
})
export class EngagementsByOwnership {
  @Field(() => Ownership, { description: 'Ownership of the enterprises counted.' })
  ownership!: Ownership;

  @Field(() => Int, { description: 'Engagements completed in the period (lượt doanh nghiệp).' })
  completed!: number;
}
