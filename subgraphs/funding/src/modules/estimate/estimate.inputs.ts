import { LocalDateScalar, MoneyScalar, TextInput } from '@metrology/kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { FundingSource } from '../envelope/envelope.entity';

@InputType('CreateBudgetEstimateInput', { description: 'A new annual estimate (dự toán), created as a draft.' })
export class CreateBudgetEstimateInput {
  @Field(() => ID, { description: 'Code of the plan, e.g. "129/KH-UBND".' })
  planCode!: string;

  @Field(() => FundingSource, { description: 'A state source; ENTERPRISE_AND_OTHER has no estimate (BAD_USER_INPUT).' })
  source!: FundingSource;

  @Field(() => Int, { description: "Budget year, inside the plan's phases." })
  year!: number;

  @Field(() => MoneyScalar, { description: 'Amount asked for, in whole VND.' })
  requestedAmount!: bigint;

  @TextInput('text')
  @Field(() => String, { nullable: true, description: 'Explanation (thuyết minh), at most 2000 characters.' })
  note?: string | null;
}

@InputType('UpdateBudgetEstimateInput', { description: 'A change to a draft estimate, on the version read.' })
export class UpdateBudgetEstimateInput {
  @Field(() => ID, { description: 'The estimate.' })
  id!: string;

  @Field(() => Int, { description: 'The version read; a stale one gets CONFLICT.' })
  version!: number;

  @Field(() => MoneyScalar, { nullable: true, description: 'New amount asked for; omitted: unchanged.' })
  requestedAmount?: bigint | null;

  @TextInput('text')
  @Field(() => String, { nullable: true, description: 'New explanation; omitted: unchanged; blank: cleared.' })
  note?: string | null;
}

@InputType('ApproveBudgetEstimateInput', { description: 'The approval of a submitted estimate.' })
export class ApproveBudgetEstimateInput {
  @Field(() => ID, { description: 'The estimate.' })
  id!: string;

  @Field(() => Int, { description: 'The version read; a stale one gets CONFLICT.' })
  version!: number;

  @Field(() => MoneyScalar, { description: 'Amount approved, in whole VND.' })
  approvedAmount!: bigint;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of the decision; default today (Asia/Ho_Chi_Minh).' })
  decidedOn?: string | null;
}

@InputType('RejectBudgetEstimateInput', { description: 'The rejection of a submitted estimate.' })
export class RejectBudgetEstimateInput {
  @Field(() => ID, { description: 'The estimate.' })
  id!: string;

  @Field(() => Int, { description: 'The version read; a stale one gets CONFLICT.' })
  version!: number;

  @TextInput('text')
  @Field(() => String, { description: 'Why it was rejected (required).' })
  reason!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of the decision; default today (Asia/Ho_Chi_Minh).' })
  decidedOn?: string | null;
}
