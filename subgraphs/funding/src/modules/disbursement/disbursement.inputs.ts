import { LocalDateScalar, MoneyScalar } from '@metrology/kit';
import { Field, ID, InputType } from 'type-graphql';
import { ActivityKind } from '../activity/activity.types';

@InputType('DisbursementActivityInput', { description: 'The activity a payment is for, owned by another subgraph.' })
export class DisbursementActivityInput {
  @Field(() => ActivityKind, { description: 'Kind of the activity, which says the subgraph that owns it.' })
  kind!: ActivityKind;

  @Field(() => ID, { description: 'Id of the activity in the subgraph that owns it.' })
  id!: string;
}

@InputType('RecordDisbursementInput', { description: 'A payment from a budget line.' })
export class RecordDisbursementInput {
  @Field(() => ID, { description: 'The budget line paid from.' })
  lineId!: string;

  @Field(() => String, { description: 'Voucher number (số chứng từ), unique, at most 64 characters.' })
  voucherNumber!: string;

  @Field(() => LocalDateScalar, { description: 'Date of the payment.' })
  date!: string;

  @Field(() => MoneyScalar, { description: 'Amount in whole VND, more than 0.' })
  amount!: bigint;

  @Field(() => String, { description: 'Tax code of the payee: 10 digits, or 10 digits, "-" and 3 digits.' })
  payeeTaxCode!: string;

  @Field(() => String, { description: 'What was paid for (nội dung chi), at most 500 characters.' })
  purpose!: string;

  @Field(() => DisbursementActivityInput, { nullable: true, description: 'The activity paid for, if one.' })
  activity?: DisbursementActivityInput | null;
}
