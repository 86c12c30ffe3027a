import { type BaseContext, MoneyScalar } from '@metrology/kit';
import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { moneySpentLoader } from './activity.loaders';
import { ACTIVITY_TYPES, ActivityKind, type ActivityStub } from './activity.types';

/** `<Activity>.moneySpent`, for one stub class. */
function moneySpentResolver(kind: ActivityKind) {
  @Resolver(() => ACTIVITY_TYPES[kind])
  class ActivityMoneySpentResolver {
    @Authorized(ACCESS.fields[`${ACTIVITY_TYPES[kind].name}.moneySpent` as keyof typeof ACCESS.fields])
    // Nullable like every field added to another subgraph's entity: an error here (a refused
    // role, a figure that cannot be served) must not null the activity its owner resolved.
    @FieldResolver(() => MoneyScalar, {
      nullable: true,
      description:
        'Money spent on it: the disbursements that name it, net of reversals, in whole VND (funding). Finance, admin and viewers.',
    })
    moneySpent(@Root() activity: ActivityStub, @Ctx() ctx: BaseContext): Promise<bigint | null> {
      return ctx.loaders.get(moneySpentLoader).load({ kind, id: activity.id });
    }
  }
  return ActivityMoneySpentResolver;
}

export const CourseMoneySpentResolver = moneySpentResolver(ActivityKind.COURSE);
export const LaboratoryMoneySpentResolver = moneySpentResolver(ActivityKind.LABORATORY);
export const MeasurementStandardMoneySpentResolver = moneySpentResolver(ActivityKind.MEASUREMENT_STANDARD);
export const AssuranceEngagementMoneySpentResolver = moneySpentResolver(ActivityKind.ASSURANCE_ENGAGEMENT);
