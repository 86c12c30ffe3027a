import { type BaseContext, MoneyScalar } from '@metrology/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { FundingSource } from '../envelope/envelope.entity';
import { BudgetLine } from './budget-line.entity';
import { CreateBudgetLineInput, UpdateBudgetLineInput } from './budget-line.inputs';
import { lineMoneyLoader } from './budget-line.loaders';
import { budgetLineService } from './budget-line.service';

@Resolver(() => BudgetLine)
export class BudgetLineResolver {
  @Authorized(ACCESS.Query.budgetLines)
  @Query(() => [BudgetLine], { description: 'Budget lines of a plan, by year, source and task group. Finance and admin.' })
  budgetLines(
    @Arg('planCode', () => ID, { description: 'e.g. "129/KH-UBND"' }) planCode: string,
    @Arg('year', () => Int, { nullable: true, description: 'Only this budget year.' }) year: number | null,
    @Arg('source', () => FundingSource, { nullable: true, description: 'Only this source.' }) source: FundingSource | null,
    @Ctx() ctx: BaseContext,
  ): Promise<BudgetLine[]> {
    return budgetLineService.list(ctx.em, { planCode, year, source });
  }

  @Authorized(ACCESS.Query.budgetLine)
  @Query(() => BudgetLine, { description: 'A budget line by id. NOT_FOUND when there is none.' })
  budgetLine(@Arg('id', () => ID) id: string, @Ctx() ctx: BaseContext): Promise<BudgetLine> {
    return budgetLineService.get(ctx.em, id);
  }

  @Authorized(ACCESS.Mutation.createBudgetLine)
  @Mutation(() => BudgetLine, {
    description:
      "Plans a line. CONFLICT (extensions.over) when the source's lines would exceed its envelope; BAD_USER_INPUT for a year outside the plan, an unknown task group, or a task group the plan gives to another source.",
  })
  createBudgetLine(
    @Arg('input', () => CreateBudgetLineInput) input: CreateBudgetLineInput,
    @Ctx() ctx: BaseContext,
  ): Promise<BudgetLine> {
    return budgetLineService.create(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.updateBudgetLine)
  @Mutation(() => BudgetLine, {
    description:
      'Changes a line on the version read (stale: CONFLICT). CONFLICT (extensions.over) above the envelope; CONFLICT below what is already allocated.',
  })
  updateBudgetLine(
    @Arg('input', () => UpdateBudgetLineInput) input: UpdateBudgetLineInput,
    @Ctx() ctx: BaseContext,
  ): Promise<BudgetLine> {
    return budgetLineService.update(ctx.em, ctx.identity, input);
  }

  @FieldResolver(() => MoneyScalar, { description: 'Allocated to the line so far (đã phân bổ).' })
  async allocated(@Root() line: BudgetLine, @Ctx() ctx: BaseContext): Promise<bigint> {
    return (await ctx.loaders.get(lineMoneyLoader).load(line.id)).allocated;
  }

  @FieldResolver(() => MoneyScalar, { description: 'Disbursed from the line so far, net of reversals (đã giải ngân).' })
  async disbursed(@Root() line: BudgetLine, @Ctx() ctx: BaseContext): Promise<bigint> {
    return (await ctx.loaders.get(lineMoneyLoader).load(line.id)).disbursed;
  }

  @FieldResolver(() => MoneyScalar, { description: 'Allocated but not yet disbursed: what a new disbursement may still take.' })
  async available(@Root() line: BudgetLine, @Ctx() ctx: BaseContext): Promise<bigint> {
    const money = await ctx.loaders.get(lineMoneyLoader).load(line.id);
    return money.allocated - money.disbursed;
  }
}
