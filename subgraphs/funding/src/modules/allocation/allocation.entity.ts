import { LocalDateScalar, MoneyScalar } from '@metrology/kit';
import { BigIntType, Check, Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BudgetLine } from '../budget-line/budget-line.entity';

/**
 * Money assigned to a line by a decision (quyết định giao / phân bổ kinh phí). Never edited or
 * deleted: the allocations of a line stay within its planned amount.
 */
@ObjectType('Allocation', { description: 'Money assigned to a budget line by a decision (phân bổ kinh phí).' })
@Entity({ tableName: 'allocation' })
@Index({ properties: ['line'] })
@Check({ name: 'allocation_amount_positive', expression: 'amount > 0' })
export class Allocation {
  @Field(() => ID, { description: 'Id of the allocation.' })
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => BudgetLine })
  line!: BudgetLine;

  @Field(() => String, { description: 'Number of the decision (số quyết định), unique.' })
  @Property({ type: 'string', length: 64, unique: true })
  decisionNumber!: string;

  @Field(() => LocalDateScalar, { description: 'Date of the decision.' })
  @Property({ type: 'date' })
  decisionDate!: string;

  @Field(() => MoneyScalar, { description: 'Amount allocated, in whole VND.' })
  @Property({ type: new BigIntType('bigint') })
  amount!: bigint;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;
}
