import { type BaseContext, LocalDateScalar } from '@metrology/kit';
import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { Plan } from '../plan/plan.entity';
import { summaryService } from './summary.service';
import { BudgetSummary } from './summary.types';

/** `Plan.budgetSummary`. */
@Resolver(() => Plan)
export class PlanBudgetSummaryResolver {
  @Authorized(ACCESS.fields['Plan.budgetSummary'])
  @FieldResolver(() => BudgetSummary, {
    // Nullable so that a figure that cannot be served (see docs/ARCHITECTURE.md, "Money and
    // dates") or a refused role errors the summary alone, never the plan it belongs to.
    nullable: true,
    description:
      'Budget execution by source, task group and year as of a date: envelope, planned, allocated, disbursed, remaining, execution rate, and the mobilisation ratio. Finance, admin and viewers. Null, with an error, when it cannot be served.',
  })
  budgetSummary(
    @Root() plan: Plan,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'Default today (Asia/Ho_Chi_Minh).' }) asOf: string | null,
    @Arg('year', () => Int, { nullable: true, description: "Only this budget year's lines (and contributions received in it)." })
    year: number | null,
    @Ctx() ctx: BaseContext,
  ): Promise<BudgetSummary | null> {
    // An omitted argument arrives as undefined.
    return summaryService.summary(ctx.loaders, plan, asOf ?? null, year ?? null);
  }
}
