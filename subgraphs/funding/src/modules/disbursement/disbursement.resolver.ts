import { type BaseContext, LocalDateScalar, TextArgs } from '@metrology/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { activityOwners } from '../activity/activity.owners';
import { activityOf, DisbursementActivity } from '../activity/activity.types';
import { BudgetLine } from '../budget-line/budget-line.entity';
import { budgetLineByIdLoader } from '../budget-line/budget-line.loaders';
import { Disbursement } from './disbursement.entity';
import { RecordDisbursementInput } from './disbursement.inputs';
import { disbursementByIdLoader, disbursementsByLineLoader, reversalOfLoader } from './disbursement.loaders';
import { disbursementService } from './disbursement.service';

@Resolver(() => Disbursement)
export class DisbursementResolver {
  @Authorized(ACCESS.Query.disbursement)
  @Query(() => Disbursement, { description: 'A disbursement or reversal by id. NOT_FOUND when there is none.' })
  disbursement(@Arg('id', () => ID) id: string, @Ctx() ctx: BaseContext): Promise<Disbursement> {
    return disbursementService.get(ctx.em, id);
  }

  @Authorized(ACCESS.Mutation.recordDisbursement)
  @Mutation(() => Disbursement, {
    description:
      "Records a payment. CONFLICT (extensions.over) when the line's disbursements would pass its allocation, also under concurrent requests; CONFLICT for a voucher number already recorded; BAD_USER_INPUT for a bad tax code, amount or blank text; NOT_FOUND (extensions.field `activity.id`) for an activity its owner does not have; SERVICE_UNAVAILABLE (extensions.service) when the owner cannot say; CONFLICT (extensions.reason LEDGER_LIMIT) when the money recorded would pass 2^53 − 1 in all. Nothing is written on any refusal.",
  })
  recordDisbursement(
    @Arg('input', () => RecordDisbursementInput) input: RecordDisbursementInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Disbursement> {
    return disbursementService.record(ctx.em, ctx.identity, input, activityOwners(ctx.config));
  }

  @Authorized(ACCESS.Mutation.reverseDisbursement)
  @TextArgs({ reason: 'text' })
  @Mutation(() => Disbursement, {
    description:
      'Corrects a payment by a reversal (ghi đảo): a new record of the same amount linked to the payment, which stays. Returns the reversal. CONFLICT when already reversed or when it is itself a reversal.',
  })
  reverseDisbursement(
    @Arg('id', () => ID, { description: 'The payment to take back.' }) id: string,
    @Arg('reason', () => String, { description: 'Why (required).' }) reason: string,
    @Arg('date', () => LocalDateScalar, { nullable: true, description: 'Date of the reversal; default today.' }) date:
      | string
      | null,
    @Ctx() ctx: BaseContext,
  ): Promise<Disbursement> {
    return disbursementService.reverse(ctx.em, ctx.identity, { id, reason, date });
  }

  @FieldResolver(() => BudgetLine, { description: 'The line paid from.' })
  line(@Root() disbursement: Disbursement, @Ctx() ctx: BaseContext): Promise<BudgetLine> {
    return ctx.loaders.get(budgetLineByIdLoader).load(disbursement.line.id);
  }

  @FieldResolver(() => DisbursementActivity, {
    nullable: true,
    description: 'The activity paid for, resolved by the subgraph that owns it.',
  })
  activity(@Root() disbursement: Disbursement): typeof DisbursementActivity | null {
    if (!disbursement.activityKind || !disbursement.activityId) return null;
    return activityOf(disbursement.activityKind, disbursement.activityId);
  }

  @FieldResolver(() => Boolean, { description: 'True for a reversal (it takes back the payment in `reverses`).' })
  isReversal(@Root() disbursement: Disbursement): boolean {
    return Boolean(disbursement.reverses);
  }

  @FieldResolver(() => Disbursement, { nullable: true, description: 'For a reversal: the payment it takes back.' })
  async reverses(@Root() disbursement: Disbursement, @Ctx() ctx: BaseContext): Promise<Disbursement | null> {
    return disbursement.reverses ? ctx.loaders.get(disbursementByIdLoader).load(disbursement.reverses.id) : null;
  }

  @FieldResolver(() => Disbursement, { nullable: true, description: 'For a payment: the reversal that took it back, if any.' })
  reversedBy(@Root() disbursement: Disbursement, @Ctx() ctx: BaseContext): Promise<Disbursement | null> {
    return ctx.loaders.get(reversalOfLoader).load(disbursement.id);
  }
}

/** `BudgetLine.disbursements`. */
@Resolver(() => BudgetLine)
export class BudgetLineDisbursementsResolver {
  @FieldResolver(() => [Disbursement], { description: 'Payments and reversals of the line, by date.' })
  disbursements(@Root() line: BudgetLine, @Ctx() ctx: BaseContext): Promise<Disbursement[]> {
    return ctx.loaders.get(disbursementsByLineLoader).load(line.id);
  }
}
