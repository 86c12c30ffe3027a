import type { BaseContext } from '@metrology/kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../../access';
import { Contribution } from './contribution.entity';
import { RecordContributionInput } from './contribution.inputs';
import { contributionService } from './contribution.service';

@Resolver(() => Contribution)
export class ContributionResolver {
  @Authorized(ACCESS.Query.contributions)
  @Query(() => [Contribution], { description: 'Contributions mobilised for a plan, by date. Finance and admin.' })
  contributions(
    @Arg('planCode', () => ID, { description: 'e.g. "129/KH-UBND"' }) planCode: string,
    @Arg('contributorTaxCode', () => String, { nullable: true, description: 'Only this contributor.' }) contributorTaxCode:
      | string
      | null,
    @Arg('year', () => Int, { nullable: true, description: 'Only money received in this calendar year.' }) year: number | null,
    @Ctx() ctx: BaseContext,
  ): Promise<Contribution[]> {
    return contributionService.list(ctx.em, { planCode, contributorTaxCode, year });
  }

  @Authorized(ACCESS.Mutation.recordContribution)
  @Mutation(() => Contribution, {
    description:
      'Records money mobilised. BAD_USER_INPUT for a bad tax code, amount or blank purpose; CONFLICT (extensions.reason LEDGER_LIMIT, extensions.limit) when the money recorded would pass 2^53 − 1 in all.',
  })
  recordContribution(
    @Arg('input', () => RecordContributionInput) input: RecordContributionInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Contribution> {
    return contributionService.record(ctx.em, ctx.identity, input);
  }
}
