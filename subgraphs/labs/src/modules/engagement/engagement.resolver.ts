import { type BaseContext, LocalDateScalar, type Page } from '@metrology/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { related } from '../../shared/relation';
import { Laboratory } from '../laboratory/laboratory.entity';
import { laboratoryByIdLoader } from '../laboratory/laboratory.loaders';
import { Organization } from '../organization/organization.entity';
import { organizationByTaxCodeLoader } from '../organization/organization.loaders';
import { AssuranceEngagement } from './engagement.entity';
import {
  AssuranceEngagementListArgs,
  AssuranceEngagementPage,
  ChangeAssuranceEngagementStatusInput,
  PlanAssuranceEngagementInput,
  UpdateAssuranceEngagementInput,
} from './engagement.inputs';
import { engagementsByEnterpriseLoader } from './engagement.loaders';
import { engagementService } from './engagement.service';
import { EngagementsByOwnership } from './engagement.types';

/** Measurement Assurance Programme engagements (hỗ trợ doanh nghiệp đảm bảo đo lường). */
@Resolver(() => AssuranceEngagement)
export class AssuranceEngagementResolver {
  @Authorized(ACCESS.Query.assuranceEngagement)
  @Query(() => AssuranceEngagement, { description: 'An engagement by id. NOT_FOUND when there is none.' })
  assuranceEngagement(
    @Arg('id', () => ID, { description: 'Id of the engagement.' }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<AssuranceEngagement> {
    return engagementService.get(ctx.loaders, id);
  }

  @Authorized(ACCESS.Query.assuranceEngagements)
  @Query(() => AssuranceEngagementPage, { description: 'Engagements, latest planned start first, filtered.' })
  assuranceEngagements(
    @Args(() => AssuranceEngagementListArgs) args: AssuranceEngagementListArgs,
    @Ctx() ctx: BaseContext,
  ): Promise<Page<AssuranceEngagement>> {
    return engagementService.list(ctx.em, args);
  }

  @Authorized(ACCESS.Query.assuranceEngagementsByOwnership)
  @Query(() => [EngagementsByOwnership], {
    description:
      "Completed engagements per ownership of the enterprise (the plan's state/private split), completed from `from` through `asOf`. An aggregate: any signed-in role.",
  })
  assuranceEngagementsByOwnership(
    @Ctx() ctx: BaseContext,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'Last day counted (default: today in Asia/Ho_Chi_Minh).' })
    asOf?: string | null,
    @Arg('from', () => LocalDateScalar, { nullable: true, description: 'First day counted (default: no limit).' })
    from?: string | null,
  ): Promise<EngagementsByOwnership[]> {
    return engagementService.byOwnership(ctx.em, asOf, from);
  }

  @Authorized(ACCESS.Mutation.planAssuranceEngagement)
  @Mutation(() => AssuranceEngagement, {
    description:
      'Plans an engagement (PLANNED). Unknown enterprise or laboratory: NOT_FOUND; a malformed tax code: BAD_USER_INPUT.',
  })
  planAssuranceEngagement(
    @Arg('input', () => PlanAssuranceEngagementInput, { description: 'The engagement to plan.' })
    input: PlanAssuranceEngagementInput,
    @Ctx() ctx: BaseContext,
  ): Promise<AssuranceEngagement> {
    return engagementService.plan(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.updateAssuranceEngagement)
  @Mutation(() => AssuranceEngagement, {
    description: 'Changes an engagement not yet completed or cancelled (else CONFLICT). A stale `version`: CONFLICT.',
  })
  updateAssuranceEngagement(
    @Arg('input', () => UpdateAssuranceEngagementInput, { description: 'The engagement, its version and the changes.' })
    input: UpdateAssuranceEngagementInput,
    @Ctx() ctx: BaseContext,
  ): Promise<AssuranceEngagement> {
    const { id, version, ...changes } = input;
    return engagementService.update(ctx.em, ctx.identity, id, version, changes);
  }

  @Authorized(ACCESS.Mutation.changeAssuranceEngagementStatus)
  @Mutation(() => AssuranceEngagement, {
    description:
      'Moves an engagement PLANNED → IN_PROGRESS → COMPLETED (completedOn set), or to CANCELLED before completion. Any other move: CONFLICT.',
  })
  changeAssuranceEngagementStatus(
    @Arg('input', () => ChangeAssuranceEngagementStatusInput, {
      description: 'The engagement, its version, the new status and its date.',
    })
    input: ChangeAssuranceEngagementStatusInput,
    @Ctx() ctx: BaseContext,
  ): Promise<AssuranceEngagement> {
    return engagementService.changeStatus(ctx.em, ctx.identity, input);
  }

  @FieldResolver(() => Organization, { description: 'The enterprise supported.' })
  async enterprise(@Root() engagement: AssuranceEngagement, @Ctx() ctx: BaseContext): Promise<Organization> {
    return related(await ctx.loaders.get(organizationByTaxCodeLoader).load(engagement.enterprise.taxCode), 'organization');
  }

  @FieldResolver(() => Laboratory, { description: 'The laboratory providing the services.' })
  async provider(@Root() engagement: AssuranceEngagement, @Ctx() ctx: BaseContext): Promise<Laboratory> {
    return related(await ctx.loaders.get(laboratoryByIdLoader).load(engagement.provider.id), 'laboratory');
  }
}

/** `Organization.assuranceEngagements`. */
@Resolver(() => Organization)
export class OrganizationAssuranceEngagementsResolver {
  @Authorized(ACCESS.fields['Organization.assuranceEngagements'])
  @FieldResolver(() => [AssuranceEngagement], {
    description: 'Measurement Assurance Programme engagements supporting it, latest planned start first.',
  })
  assuranceEngagements(
    @Root() organization: Pick<Organization, 'taxCode'>,
    @Ctx() ctx: BaseContext,
  ): Promise<AssuranceEngagement[]> {
    return ctx.loaders.get(engagementsByEnterpriseLoader).load(organization.taxCode);
  }
}
