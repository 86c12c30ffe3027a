import { type BaseContext, LocalDateScalar, type PlanKey, planTargetsLoader, todayInVietnam } from '@metrology/kit';
import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Plan } from '../plan/plan.resolver';
import { planParticipationsLoader } from './indicator.loaders';
import { trainingIndicator } from './indicator.service';
import { TrainingIndicator } from './indicator.types';

/** `Plan.trainingIndicator`: aggregates only, for any signed-in role. */
@Resolver(() => Plan)
export class PlanTrainingIndicatorResolver {
  @Authorized()
  @FieldResolver(() => TrainingIndicator, {
    nullable: true,
    description:
      'The TRAINING indicator (chỉ tiêu bồi dưỡng) at a date: the yearly and the phase target with status, pace and forecast, and participations per year. Null when the plan has no training target.',
  })
  async trainingIndicator(
    @Root() plan: PlanKey,
    @Ctx() ctx: BaseContext,
    @Arg('asOf', () => LocalDateScalar, {
      nullable: true,
      description: 'Evaluate at this date (default: today in Asia/Ho_Chi_Minh); sessions after it are not counted.',
    })
    asOf?: string | null,
    @Arg('year', () => Int, { nullable: true, description: "Calendar year of the yearly target (default: the as-of date's)." })
    year?: number | null,
    @Arg('phase', () => Int, {
      nullable: true,
      description: 'Phase of the phase target (default: the one containing the as-of date).',
    })
    phase?: number | null,
  ): Promise<TrainingIndicator | null> {
    const date = asOf ?? todayInVietnam();
    const [targets, participations] = await Promise.all([
      ctx.loaders.get(planTargetsLoader).load(plan.code),
      ctx.loaders.get(planParticipationsLoader).load({ group: plan.code, asOf: date }),
    ]);
    return trainingIndicator(targets, participations, date, { year, phase });
  }
}
