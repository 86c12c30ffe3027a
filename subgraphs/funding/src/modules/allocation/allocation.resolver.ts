import type { BaseContext } from '@metrology/kit';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { BudgetLine } from '../budget-line/budget-line.entity';
import { budgetLineByIdLoader } from '../budget-line/budget-line.loaders';
import { Allocation } from './allocation.entity';
import { RecordAllocationInput } from './allocation.inputs';
import { allocationsByLineLoader } from './allocation.loaders';
import { allocationService } from './allocation.service';

@Resolver(() => Allocation)
export class AllocationResolver {
  @Authorized(ACCESS.Mutation.recordAllocation)
  @Mutation(() => Allocation, {
    description:
      "Records an allocation decision. CONFLICT (extensions.over) when the line's allocations would exceed its planned amount; CONFLICT for a decision number already recorded.",
  })
  recordAllocation(
    @Arg('input', () => RecordAllocationInput) input: RecordAllocationInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Allocation> {
    return allocationService.record(ctx.em, ctx.identity, input);
  }

  @FieldResolver(() => BudgetLine, { description: 'The line the money was allocated to.' })
  line(@Root() allocation: Allocation, @Ctx() ctx: BaseContext): Promise<BudgetLine> {
    return ctx.loaders.get(budgetLineByIdLoader).load(allocation.line.id);
  }
}

/** `BudgetLine.allocations`. */
@Resolver(() => BudgetLine)
export class BudgetLineAllocationsResolver {
  @FieldResolver(() => [Allocation], { description: 'Allocation decisions of the line, oldest first.' })
  allocations(@Root() line: BudgetLine, @Ctx() ctx: BaseContext): Promise<Allocation[]> {
    return ctx.loaders.get(allocationsByLineLoader).load(line.id);
  }
}
