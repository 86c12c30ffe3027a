import { type BaseContext, MoneyScalar } from '@metrology/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Plan } from '../plan/plan.entity';
import { BudgetEnvelope } from './envelope.entity';
import { envelopesByPlanLoader } from './envelope.loaders';

/** The plan's envelopes per source of funds, and their total. */
@Resolver(() => Plan)
export class PlanEnvelopesResolver {
  // Money fields of the plan are nullable: one that cannot be served errors alone, never the plan
  // (docs/ARCHITECTURE.md, "Money and dates").
  @FieldResolver(() => [BudgetEnvelope], {
    nullable: true,
    description: 'Envelope per source of funds (nguồn kinh phí). Null, with an error, when it cannot be served.',
  })
  envelopes(@Root() plan: Plan, @Ctx() ctx: BaseContext): Promise<BudgetEnvelope[] | null> {
    return ctx.loaders.get(envelopesByPlanLoader).load(plan.id);
  }

  @FieldResolver(() => MoneyScalar, {
    nullable: true,
    description:
      "The plan's whole budget: the sum of its envelopes, exact, in VND. Null, with an error, when it cannot be served.",
  })
  async budgetTotal(@Root() plan: Plan, @Ctx() ctx: BaseContext): Promise<bigint | null> {
    const envelopes = await ctx.loaders.get(envelopesByPlanLoader).load(plan.id);
    return envelopes.reduce((sum, envelope) => sum + envelope.amount, 0n);
  }
}
