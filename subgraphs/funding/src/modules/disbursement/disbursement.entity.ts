import { LocalDateScalar, MoneyScalar } from '@metrology/kit';
import { BigIntType, Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ActivityKind } from '../activity/activity.types';
import { BudgetLine } from '../budget-line/budget-line.entity';

/**
 * A payment from a budget line (giải ngân / chi), or the reversal of one. Nothing is ever edited
 * or deleted: a mistake is corrected by a reversal, a row of its own that points to the payment it
 * takes back (`reverses`) and carries the same amount, so that amounts stay non-negative and the
 * net spent is payments minus reversals.
 */
@ObjectType('Disbursement', {
  description: 'A payment from a budget line (giải ngân), or the reversal that takes one back (ghi đảo).',
})
@Entity({ tableName: 'disbursement' })
@Index({ properties: ['line'] })
@Index({ properties: ['payeeTaxCode'] })
@Index({ properties: ['activityKind', 'activityId'] })
@Unique({ properties: ['reverses'] })
@Check({ name: 'disbursement_amount_positive', expression: 'amount > 0' })
@Check({ name: 'disbursement_payee_tax_code_format', expression: "payee_tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'" })
@Check({ name: 'disbursement_activity_complete', expression: '(activity_kind is null) = (activity_id is null)' })
@Check({
  name: 'disbursement_reversal_consistent',
  expression: '(reverses_id is null) = (voucher_number is not null) and (reverses_id is null) = (reversal_reason is null)',
})
export class Disbursement {
  @Field(() => ID, { description: 'Id of the payment or reversal.' })
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => BudgetLine })
  line!: BudgetLine;

  @Field(() => String, { nullable: true, description: 'Voucher number (số chứng từ), unique; null for a reversal.' })
  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  voucherNumber!: string | null;

  @Field(() => LocalDateScalar, { description: 'Date of the payment, or of the reversal.' })
  @Property({ type: 'date' })
  date!: string;

  @Field(() => MoneyScalar, {
    description: 'Amount in whole VND, never negative; a reversal takes this amount back from the line.',
  })
  @Property({ type: new BigIntType('bigint') })
  amount!: bigint;

  @Field(() => String, { description: 'Tax code of the payee (mã số thuế): 10 digits, or 10-3 for a branch.' })
  @Property({ type: 'string', length: 14 })
  payeeTaxCode!: string;

  @Field(() => String, { description: 'What was paid for (nội dung chi).' })
  @Property({ type: 'string', length: 500 })
  purpose!: string;

  @Field(() => ActivityKind, { nullable: true, description: 'Kind of the activity paid for, when there is one.' })
  @Enum({ items: () => ActivityKind, type: 'string', nullable: true })
  activityKind!: ActivityKind | null;

  /** Id of the activity in the subgraph that owns it (a UUID today; the column leaves room for other keys). */
  @Property({ type: 'string', length: 64, nullable: true })
  activityId!: string | null;

  @ManyToOne({ entity: () => Disbursement, nullable: true, deleteRule: 'restrict' })
  reverses!: Disbursement | null;

  @Field(() => String, { nullable: true, description: 'Why the payment was reversed; only on a reversal.' })
  @Property({ type: 'text', nullable: true })
  reversalReason!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;
}
