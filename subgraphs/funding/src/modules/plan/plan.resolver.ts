import type { BaseContext } from '@metrology/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { Plan, PlanPhase, TaskGroup } from './plan.entity';
import { phasesByPlanLoader, taskGroupsByPlanLoader } from './plan.loaders';
import { planService } from './plan.service';

@Resolver(() => Plan)
export class PlanResolver {
  @Authorized(ACCESS.Query.plan)
  @Query(() => Plan, { description: 'A plan by its code. NOT_FOUND when there is none.' })
  plan(@Arg('code', () => ID, { description: 'e.g. "129/KH-UBND"' }) code: string, @Ctx() ctx: BaseContext): Promise<Plan> {
    return planService.getByCode(ctx.loaders, code);
  }

  @Authorized(ACCESS.Query.plans)
  @Query(() => [Plan], { description: 'Every plan, oldest first.' })
  plans(@Ctx() ctx: BaseContext): Promise<Plan[]> {
    return planService.list(ctx.em);
  }

  @FieldResolver(() => [PlanPhase], { description: 'Phases, in order.' })
  phases(@Root() plan: Plan, @Ctx() ctx: BaseContext): Promise<PlanPhase[]> {
    return ctx.loaders.get(phasesByPlanLoader).load(plan.id);
  }

  @FieldResolver(() => [TaskGroup], { description: "Task groups of the plan's section II, in order." })
  taskGroups(@Root() plan: Plan, @Ctx() ctx: BaseContext): Promise<TaskGroup[]> {
    return ctx.loaders.get(taskGroupsByPlanLoader).load(plan.id);
  }
}
