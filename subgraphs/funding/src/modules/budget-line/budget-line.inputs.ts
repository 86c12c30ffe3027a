import { MoneyScalar, TextInput } from '@metrology/kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { FundingSource } from '../envelope/envelope.entity';

@InputType('CreateBudgetLineInput', { description: 'A new budget line (dòng kế hoạch kinh phí).' })
export class CreateBudgetLineInput {
  @Field(() => ID, { description: 'Code of the plan, e.g. "129/KH-UBND".' })
  planCode!: string;

  @Field(() => FundingSource, { description: 'Source of funds; its envelope caps the lines of the source.' })
  source!: FundingSource;

  @Field(() => Int, { description: "Task group of the plan's section II, 1 to 7." })
  taskGroup!: number;

  @Field(() => Int, { description: "Budget year, inside the plan's phases." })
  year!: number;

  @Field(() => MoneyScalar, { description: 'Planned amount in whole VND.' })
  plannedAmount!: bigint;

  @TextInput('text')
  @Field(() => String, { nullable: true, description: 'What the line is for (Vietnamese), at most 500 characters.' })
  note?: string | null;
}

@InputType('UpdateBudgetLineInput', { description: 'A change to a budget line, on the version the caller read.' })
export class UpdateBudgetLineInput {
  @Field(() => ID, { description: 'The line to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version read; a stale one gets CONFLICT.' })
  version!: number;

  @Field(() => MoneyScalar, { nullable: true, description: 'New planned amount; omitted: unchanged.' })
  plannedAmount?: bigint | null;

  @TextInput('text')
  @Field(() => String, { nullable: true, description: 'New note; omitted: unchanged; blank: cleared.' })
  note?: string | null;
}
