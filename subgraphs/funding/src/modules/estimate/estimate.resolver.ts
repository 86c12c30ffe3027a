import type { BaseContext } from '@metrology/kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../../access';
import { FundingSource } from '../envelope/envelope.entity';
import { BudgetEstimate } from './estimate.entity';
import {
  ApproveBudgetEstimateInput,
  CreateBudgetEstimateInput,
  RejectBudgetEstimateInput,
  UpdateBudgetEstimateInput,
} from './estimate.inputs';
import { estimateService } from './estimate.service';

@Resolver(() => BudgetEstimate)
export class BudgetEstimateResolver {
  @Authorized(ACCESS.Query.budgetEstimates)
  @Query(() => [BudgetEstimate], { description: 'Annual estimates of a plan, by year and source. Finance and admin.' })
  budgetEstimates(
    @Arg('planCode', () => ID, { description: 'e.g. "129/KH-UBND"' }) planCode: string,
    @Arg('year', () => Int, { nullable: true, description: 'Only this budget year.' }) year: number | null,
    @Arg('source', () => FundingSource, { nullable: true, description: 'Only this source.' }) source: FundingSource | null,
    @Ctx() ctx: BaseContext,
  ): Promise<BudgetEstimate[]> {
    return estimateService.list(ctx.em, { planCode, year, source });
  }

  @Authorized(ACCESS.Query.budgetEstimate)
  @Query(() => BudgetEstimate, { description: 'An estimate by id. NOT_FOUND when there is none.' })
  budgetEstimate(@Arg('id', () => ID) id: string, @Ctx() ctx: BaseContext): Promise<BudgetEstimate> {
    return estimateService.get(ctx.em, id);
  }

  @Authorized(ACCESS.Mutation.createBudgetEstimate)
  @Mutation(() => BudgetEstimate, {
    description: 'Drafts an estimate. CONFLICT when one that was not rejected exists for the source and year.',
  })
  createBudgetEstimate(
    @Arg('input', () => CreateBudgetEstimateInput) input: CreateBudgetEstimateInput,
    @Ctx() ctx: BaseContext,
  ): Promise<BudgetEstimate> {
    return estimateService.create(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.updateBudgetEstimate)
  @Mutation(() => BudgetEstimate, { description: 'Edits a draft. CONFLICT when stale or no longer a draft.' })
  updateBudgetEstimate(
    @Arg('input', () => UpdateBudgetEstimateInput) input: UpdateBudgetEstimateInput,
    @Ctx() ctx: BaseContext,
  ): Promise<BudgetEstimate> {
    return estimateService.update(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.submitBudgetEstimate)
  @Mutation(() => BudgetEstimate, {
    description:
      'DRAFT → SUBMITTED, to the Department of Planning and Investment (investment) or of Finance (recurrent), derived from the source. CONFLICT from any other status or when stale.',
  })
  submitBudgetEstimate(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, { description: 'The version read.' }) version: number,
    @Ctx() ctx: BaseContext,
  ): Promise<BudgetEstimate> {
    return estimateService.submit(ctx.em, ctx.identity, { id, version });
  }

  @Authorized(ACCESS.Mutation.approveBudgetEstimate)
  @Mutation(() => BudgetEstimate, {
    description:
      "SUBMITTED → APPROVED with the approved amount. CONFLICT (extensions.over) when the source's approved estimates would exceed its envelope; CONFLICT from another status or when stale.",
  })
  approveBudgetEstimate(
    @Arg('input', () => ApproveBudgetEstimateInput) input: ApproveBudgetEstimateInput,
    @Ctx() ctx: BaseContext,
  ): Promise<BudgetEstimate> {
    return estimateService.approve(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.rejectBudgetEstimate)
  @Mutation(() => BudgetEstimate, {
    description: 'SUBMITTED → REJECTED with a reason (BAD_USER_INPUT when blank). CONFLICT from another status or when stale.',
  })
  rejectBudgetEstimate(
    @Arg('input', () => RejectBudgetEstimateInput) input: RejectBudgetEstimateInput,
    @Ctx() ctx: BaseContext,
  ): Promise<BudgetEstimate> {
    return estimateService.reject(ctx.em, ctx.identity, input);
  }
}
