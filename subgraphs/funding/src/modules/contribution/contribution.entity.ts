import { LocalDateScalar, MoneyScalar } from '@metrology/kit';
import { BigIntType, Check, Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Plan } from '../plan/plan.entity';

/** Money mobilised from an enterprise or another lawful source for a plan (kinh phí huy động). */
@ObjectType('Contribution', {
  description: 'Money mobilised from an enterprise or another lawful source (huy động từ doanh nghiệp và nguồn hợp pháp khác).',
})
@Entity({ tableName: 'contribution' })
@Index({ properties: ['plan', 'date'] })
@Index({ properties: ['contributorTaxCode'] })
@Check({ name: 'contribution_amount_positive', expression: 'amount > 0' })
@Check({ name: 'contribution_tax_code_format', expression: "contributor_tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'" })
export class Contribution {
  @Field(() => ID, { description: 'Id of the contribution.' })
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Plan })
  plan!: Plan;

  @Field(() => String, { description: 'Tax code of the contributor (mã số thuế): 10 digits, or 10-3 for a branch.' })
  @Property({ type: 'string', length: 14 })
  contributorTaxCode!: string;

  @Field(() => LocalDateScalar, { description: 'Date the money was received.' })
  @Property({ type: 'date' })
  date!: string;

  @Field(() => MoneyScalar, { description: 'Amount in whole VND.' })
  @Property({ type: new BigIntType('bigint') })
  amount!: bigint;

  @Field(() => String, { description: 'What it is for (mục đích).' })
  @Property({ type: 'string', length: 500 })
  purpose!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;
}
