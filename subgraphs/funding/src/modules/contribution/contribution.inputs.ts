import { LocalDateScalar, MoneyScalar } from '@metrology/kit';
import { Field, ID, InputType } from 'type-graphql';

@InputType('RecordContributionInput', { description: 'Money received from an enterprise or another lawful source.' })
export class RecordContributionInput {
  @Field(() => ID, { description: 'Code of the plan, e.g. "129/KH-UBND".' })
  planCode!: string;

  @Field(() => String, { description: 'Tax code of the contributor: 10 digits, or 10 digits, "-" and 3 digits.' })
  contributorTaxCode!: string;

  @Field(() => LocalDateScalar, { description: 'Date the money was received.' })
  date!: string;

  @Field(() => MoneyScalar, { description: 'Amount in whole VND, more than 0.' })
  amount!: bigint;

  @Field(() => String, { description: 'What it is for, at most 500 characters.' })
  purpose!: string;
}
