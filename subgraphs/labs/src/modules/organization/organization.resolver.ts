import type { BaseContext, Page } from '@metrology/kit';
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../../access';
import { Organization } from './organization.entity';
import {
  OrganizationListArgs,
  OrganizationPage,
  RegisterOrganizationInput,
  UpdateOrganizationInput,
} from './organization.inputs';
import { organizationService } from './organization.service';

/** The register of organisations (sổ đăng ký tổ chức). */
@Resolver(() => Organization)
export class OrganizationResolver {
  @Authorized(ACCESS.Query.organization)
  @Query(() => Organization, {
    description: 'An organisation by tax code. A malformed tax code is BAD_USER_INPUT; an unknown one NOT_FOUND.',
  })
  organization(
    @Arg('taxCode', () => ID, { description: 'Tax code (mã số thuế).' }) taxCode: string,
    @Ctx() ctx: BaseContext,
  ): Promise<Organization> {
    return organizationService.get(ctx.loaders, taxCode);
  }

  @Authorized(ACCESS.Query.organizations)
  @Query(() => OrganizationPage, { description: 'Organisations by name, filtered; search ignores accents and case.' })
  organizations(
    @Args(() => OrganizationListArgs) args: OrganizationListArgs,
    @Ctx() ctx: BaseContext,
  ): Promise<Page<Organization>> {
    return organizationService.list(ctx.em, args);
  }

  @Authorized(ACCESS.Mutation.registerOrganization)
  @Mutation(() => Organization, {
    description: 'Registers an organisation. A malformed tax code is BAD_USER_INPUT (field taxCode); a registered one CONFLICT.',
  })
  registerOrganization(
    @Arg('input', () => RegisterOrganizationInput, { description: 'The organisation to register.' })
    input: RegisterOrganizationInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Organization> {
    return organizationService.register(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.updateOrganization)
  @Mutation(() => Organization, { description: 'Changes an organisation. A stale `version` is CONFLICT.' })
  updateOrganization(
    @Arg('input', () => UpdateOrganizationInput, { description: 'The organisation (by tax code), its version and the changes.' })
    input: UpdateOrganizationInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Organization> {
    const { taxCode, version, ...changes } = input;
    return organizationService.update(ctx.em, ctx.identity, taxCode, version, changes);
  }
}
