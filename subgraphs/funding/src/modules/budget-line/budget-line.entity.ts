import { MoneyScalar } from '@metrology/kit';
import { BigIntType, Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FundingSource } from '../envelope/envelope.entity';
import { Plan } from '../plan/plan.entity';

/**
 * Whether the plan names the line's source for its task group. The plan names a source for task
 * groups 1 to 6 (science operating: 1, 3, 4, 5, 6; development investment: 2), none for group 7,
 * and no group for the mobilised money. A line that pays a group from a source the plan gives to
 * another source is refused; a line where the plan is silent is allowed and flagged for review.
 */
export enum TaskGroupFunding {
  NAMED = 'NAMED',
  UNNAMED = 'UNNAMED',
}
registerEnumType(TaskGroupFunding, {
  name: 'TaskGroupFunding',
  description: "How the plan's section IV names the line's source for its task group.",
  valuesConfig: {
    NAMED: { description: 'The plan names this source for this task group (e.g. development investment for group 2).' },
    UNNAMED: {
      description:
        'The plan names no source for this task group (group 7) or no task group for this source (mobilised money): allowed, to be reviewed.',
    },
  },
});

/** The planned amount of one source for one task group in one year (dòng kế hoạch kinh phí). */
@ObjectType('BudgetLine', {
  description: 'Planned amount of one source of funds for one task group in one year (dòng kế hoạch kinh phí).',
})
@Entity({ tableName: 'budget_line' })
@Unique({ properties: ['plan', 'source', 'taskGroup', 'year'] })
@Check({ name: 'budget_line_planned_amount_non_negative', expression: 'planned_amount >= 0' })
export class BudgetLine {
  @Field(() => ID, { description: 'Id of the line.' })
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Plan })
  plan!: Plan;

  @Field(() => FundingSource, { description: 'Source of funds; its envelope caps the lines of the source.' })
  @Enum({ items: () => FundingSource, type: 'string' })
  source!: FundingSource;

  @Field(() => Int, { description: "Task group of the plan's section II, 1 to 7." })
  @Property({ type: 'smallint' })
  taskGroup!: number;

  @Field(() => Int, { description: "Budget year, inside the plan's phases." })
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => MoneyScalar, { description: 'Planned amount in whole VND (kinh phí dự kiến).' })
  @Property({ type: new BigIntType('bigint') })
  plannedAmount!: bigint;

  @Field(() => TaskGroupFunding, { description: 'Whether the plan names this source for this task group.' })
  @Enum({ items: () => TaskGroupFunding, type: 'string' })
  funding!: TaskGroupFunding;

  @Field(() => String, { nullable: true, description: 'What the line is for (Vietnamese), optional.' })
  @Property({ type: 'string', length: 500, nullable: true })
  note!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back when editing.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}
