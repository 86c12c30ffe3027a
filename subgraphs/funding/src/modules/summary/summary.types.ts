import { LocalDateScalar, MoneyScalar } from '@metrology/kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { FundingSource } from '../envelope/envelope.entity';

const RATE_RULE =
  'a decimal fraction with exactly 4 places (e.g. "0.7500"), computed from the exact integer amounts and rounded half up; no floating point';

/** Envelope, planned, allocated, disbursed and remaining money of one slice of the plan, as of a date. */
@ObjectType('BudgetFigures', {
  description:
    'Money of a slice of the plan as of a date (đến ngày): envelope, planned, allocated, disbursed, remaining, execution rate. Whole VND.',
})
export class BudgetFigures {
  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      "The source's envelope (hạn mức) for the whole plan. Only on source rows and the total of a summary without `year`; null otherwise, since envelopes are set per source and for the whole plan, not per task group or year.",
  })
  envelope!: bigint | null;

  @Field(() => MoneyScalar, { description: 'Planned in the budget lines (kế hoạch), as they stand now.' })
  planned!: bigint;

  @Field(() => MoneyScalar, { description: 'Allocated by decisions dated on or before the as-of date (đã phân bổ).' })
  allocated!: bigint;

  @Field(() => MoneyScalar, {
    description: 'Disbursed on or before the as-of date, net of the reversals dated on or before it (đã giải ngân).',
  })
  disbursed!: bigint;

  @Field(() => MoneyScalar, {
    description: 'Envelope − disbursed where there is an envelope; planned − disbursed otherwise (còn lại).',
  })
  remaining!: bigint;

  @Field(() => String, {
    nullable: true,
    description: `Execution rate (tỷ lệ giải ngân) = disbursed ÷ allocated, as ${RATE_RULE}. Null when nothing is allocated.`,
  })
  executionRate!: string | null;
}

@ObjectType('SourceBudgetFigures', { description: 'Budget figures of one source of funds.' })
export class SourceBudgetFigures extends BudgetFigures {
  @Field(() => FundingSource, { description: 'The source of funds.' })
  source!: FundingSource;
}

@ObjectType('TaskGroupBudgetFigures', { description: 'Budget figures of one task group, all sources together.' })
export class TaskGroupBudgetFigures extends BudgetFigures {
  @Field(() => Int, { description: "Task group of the plan's section II." })
  taskGroup!: number;
}

@ObjectType('YearBudgetFigures', { description: 'Budget figures of one budget year, all sources together.' })
export class YearBudgetFigures extends BudgetFigures {
  @Field(() => Int, { description: 'Budget year of the lines.' })
  year!: number;
}

/** The plan's budget execution as of a date (tình hình thực hiện kinh phí). */
@ObjectType('BudgetSummary', {
  description:
    "The plan's budget execution as of a date, by source, task group and year, with the mobilisation ratio. Computed by SQL aggregates from the records, exact to the đồng.",
})
export class BudgetSummary {
  @Field(() => LocalDateScalar, { description: 'The as-of date: records dated after it are left out.' })
  asOf!: string;

  @Field(() => Int, { nullable: true, description: 'The budget year the summary is limited to; null for the whole plan.' })
  year!: number | null;

  @Field(() => BudgetFigures, { description: 'All sources together.' })
  total!: BudgetFigures;

  @Field(() => [SourceBudgetFigures], { description: "One row per envelope of the plan, in the plan's order." })
  bySource!: SourceBudgetFigures[];

  @Field(() => [TaskGroupBudgetFigures], { description: 'One row per task group of the plan, 1 to 7.' })
  byTaskGroup!: TaskGroupBudgetFigures[];

  @Field(() => [YearBudgetFigures], { description: 'One row per budget year that has lines, in order.' })
  byYear!: YearBudgetFigures[];

  @Field(() => MoneyScalar, {
    description:
      'Contributions mobilised from enterprises and other sources, received on or before the as-of date (in `year` when given).',
  })
  contributions!: bigint;

  @Field(() => MoneyScalar, {
    description: 'Disbursed from the two state sources (science operating and development investment).',
  })
  stateDisbursed!: bigint;

  @Field(() => String, {
    nullable: true,
    description: `Mobilisation ratio (tỷ lệ huy động) = contributions ÷ state disbursed: đồng mobilised per đồng of state money spent, as ${RATE_RULE}. Null when no state money was disbursed.`,
  })
  mobilisationRatio!: string | null;

  @Field(() => String, {
    nullable: true,
    description: `The ratio the plan sets: the mobilised envelope ÷ the state envelopes (3,425,000,000 ÷ 13,500,000,000 = "0.2537"), as ${RATE_RULE}.`,
  })
  plannedMobilisationRatio!: string | null;
}
