import { type BaseContext, MoneyScalar } from '@metrology/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Plan } from '../plan/plan.entity';
import { BudgetEnvelope } from './envelope.entity';
import { envelopesByPlanLoader } from './envelope.loaders';

/** The plan's envelopes per source of funds, and their total. */
@Resolver(() => Plan)
export class PlanEnvelopesResolver {
  @FieldResolver(() => [BudgetEnvelope], { description: 'Envelope per source of funds (nguồn kinh phí).' })
  envelopes(@Root() plan: Plan, @Ctx() ctx: BaseContext): Promise<BudgetEnvelope[]> {
    return ctx.loaders.get(envelopesByPlanLoader).load(plan.id);
  }

  @FieldResolver(() => MoneyScalar, { description: "The plan's whole budget: the sum of its envelopes, exact, in VND." })
  async budgetTotal(@Root() plan: Plan, @Ctx() ctx: BaseContext): Promise<bigint> {
    const envelopes = await ctx.loaders.get(envelopesByPlanLoader).load(plan.id);
    return envelopes.reduce((sum, envelope) => sum + envelope.amount, 0n);
  }
}
