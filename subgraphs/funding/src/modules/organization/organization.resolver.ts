import { type BaseContext, MoneyScalar } from '@metrology/kit';
import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { contributedLoader, paidLoader } from './organization.loaders';
import { Organization } from './organization.types';

/** `Organization.contributions` and `Organization.paymentsReceived`: money totals by tax code. */
@Resolver(() => Organization)
export class OrganizationMoneyResolver {
  @Authorized(ACCESS.fields['Organization.contributions'])
  // Nullable like every field added to another subgraph's entity (docs/ARCHITECTURE.md).
  @FieldResolver(() => MoneyScalar, {
    nullable: true,
    description: 'Total it contributed to plans (kinh phí huy động), in whole VND (funding). Finance, admin and viewers.',
  })
  contributions(@Root() organization: Organization, @Ctx() ctx: BaseContext): Promise<bigint | null> {
    return ctx.loaders.get(contributedLoader).load(organization.taxCode);
  }

  @Authorized(ACCESS.fields['Organization.paymentsReceived'])
  @FieldResolver(() => MoneyScalar, {
    nullable: true,
    description: 'Total paid to it as payee, net of reversals, in whole VND (funding). Finance, admin and viewers.',
  })
  paymentsReceived(@Root() organization: Organization, @Ctx() ctx: BaseContext): Promise<bigint | null> {
    return ctx.loaders.get(paidLoader).load(organization.taxCode);
  }
}
