import { LocalDateScalar, MoneyScalar } from '@metrology/kit';
import { Field, ID, InputType } from 'type-graphql';

@InputType('RecordAllocationInput', { description: 'An allocation decision for a budget line.' })
export class RecordAllocationInput {
  @Field(() => ID, { description: 'The budget line.' })
  lineId!: string;

  @Field(() => String, { description: 'Number of the decision, unique, at most 64 characters.' })
  decisionNumber!: string;

  @Field(() => LocalDateScalar, { description: 'Date of the decision.' })
  decisionDate!: string;

  @Field(() => MoneyScalar, { description: 'Amount allocated, in whole VND, more than 0.' })
  amount!: bigint;
}
