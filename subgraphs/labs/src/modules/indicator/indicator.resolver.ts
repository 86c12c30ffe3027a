import { type BaseContext, LocalDateScalar, type PlanKey, todayInVietnam } from '@metrology/kit';
import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Plan } from '../plan/plan.resolver';
import { indicatorService } from './indicator.service';
import { InfrastructureIndicators } from './indicator.types';

/** `Plan.infrastructureIndicators`: aggregates only, for any signed-in role. */
@Resolver(() => Plan)
export class PlanInfrastructureIndicatorsResolver {
  @Authorized()
  @FieldResolver(() => InfrastructureIndicators, {
    nullable: true,
    description:
      'The STANDARDS, MAP, LABS and CAPACITY indicators at a date for one phase: target, actual, status, pace, forecast, gap and yearly series, plus the MAP split by ownership. Null when the plan has none of these targets.',
  })
  infrastructureIndicators(
    @Root() plan: PlanKey,
    @Ctx() ctx: BaseContext,
    @Arg('asOf', () => LocalDateScalar, {
      nullable: true,
      description: 'Evaluate at this date (default: today in Asia/Ho_Chi_Minh); nothing after it is counted.',
    })
    asOf?: string | null,
    @Arg('phase', () => Int, {
      nullable: true,
      description: 'Phase whose targets are evaluated (default: the one containing the as-of date).',
    })
    phase?: number | null,
  ): Promise<InfrastructureIndicators | null> {
    return indicatorService.forPlan(ctx.loaders, plan.code, asOf ?? todayInVietnam(), phase ?? null);
  }
}
