import { MoneyScalar } from '@metrology/kit';
import { BigIntType, Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Plan } from '../plan/plan.entity';

/** Where the plan's money comes from (docs/RULES.md, "Sources and envelopes"). */
export enum FundingSource {
  SCIENCE_OPERATING = 'SCIENCE_OPERATING',
  DEVELOPMENT_INVESTMENT = 'DEVELOPMENT_INVESTMENT',
  ENTERPRISE_AND_OTHER = 'ENTERPRISE_AND_OTHER',
}
registerEnumType(FundingSource, {
  name: 'FundingSource',
  description: 'Source of funds.',
  valuesConfig: {
    SCIENCE_OPERATING: {
      description: 'Science operating budget (kinh phí sự nghiệp khoa học), recurrent, via the Department of Finance.',
    },
    DEVELOPMENT_INVESTMENT: {
      description: 'Development investment (chi đầu tư phát triển), via the Department of Planning and Investment.',
    },
    ENTERPRISE_AND_OTHER: {
      description: 'Mobilised from enterprises and other lawful sources (huy động từ doanh nghiệp và nguồn hợp pháp khác).',
    },
  },
});

/** The plan's amount for one source of funds. */
@ObjectType('BudgetEnvelope', { description: "The plan's amount for one source of funds (nguồn kinh phí)." })
@Entity({ tableName: 'budget_envelope' })
@Unique({ properties: ['plan', 'source'] })
@Check({ name: 'budget_envelope_amount_non_negative', expression: 'amount >= 0' })
export class BudgetEnvelope {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Plan, deleteRule: 'cascade' })
  plan!: Plan;

  @Field(() => FundingSource, { description: 'The source of funds.' })
  @Enum({ items: () => FundingSource, type: 'string' })
  source!: FundingSource;

  @Field(() => String, { description: 'Name of the source (Vietnamese).' })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => MoneyScalar, { description: 'Envelope in whole VND.' })
  @Property({ type: new BigIntType('bigint') })
  amount!: bigint;

  @Field(() => [Int], { description: 'Task groups this source pays for, as the plan names them.' })
  @Property({ type: 'json' })
  taskGroups!: number[];

  @Property({ type: 'integer', version: true })
  version!: number;
}
