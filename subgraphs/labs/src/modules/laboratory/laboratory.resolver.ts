import { type BaseContext, LocalDateScalar, type Page } from '@metrology/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { related } from '../../shared/relation';
import { Organization } from '../organization/organization.entity';
import { organizationByTaxCodeLoader } from '../organization/organization.loaders';
import { Laboratory } from './laboratory.entity';
import { LaboratoryListArgs, LaboratoryPage, RegisterLaboratoryInput, UpdateLaboratoryInput } from './laboratory.inputs';
import { laboratoriesByOrganizationLoader } from './laboratory.loaders';
import { laboratoryService } from './laboratory.service';
import { ExpiringDocument } from './laboratory.types';

/** The register of laboratories (phòng thí nghiệm). */
@Resolver(() => Laboratory)
export class LaboratoryResolver {
  @Authorized(ACCESS.Query.laboratory)
  @Query(() => Laboratory, { description: 'A laboratory by id. NOT_FOUND when there is none.' })
  laboratory(
    @Arg('id', () => ID, { description: 'Id of the laboratory.' }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<Laboratory> {
    return laboratoryService.get(ctx.loaders, id);
  }

  @Authorized(ACCESS.Query.laboratories)
  @Query(() => LaboratoryPage, { description: 'Laboratories by code, filtered.' })
  laboratories(@Args(() => LaboratoryListArgs) args: LaboratoryListArgs, @Ctx() ctx: BaseContext): Promise<Page<Laboratory>> {
    return laboratoryService.list(ctx.em, args);
  }

  @Authorized(ACCESS.Query.expiringRegistrations)
  @Query(() => [ExpiringDocument], {
    description:
      'Registration certificates and accreditations ending within `withinDays` of the as-of date, and those already expired, soonest first.',
  })
  expiringRegistrations(
    @Ctx() ctx: BaseContext,
    @Arg('withinDays', () => Int, { defaultValue: 90, description: 'Days ahead, 0 to 3650.' }) withinDays: number,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'Reference date (default: today in Asia/Ho_Chi_Minh).' })
    asOf?: string | null,
  ): Promise<ExpiringDocument[]> {
    return laboratoryService.expiring(ctx.em, withinDays, asOf);
  }

  @Authorized(ACCESS.Mutation.registerLaboratory)
  @Mutation(() => Laboratory, {
    description:
      'Registers a laboratory of a registered organisation. A code in use is CONFLICT; an unknown organisation NOT_FOUND.',
  })
  registerLaboratory(
    @Arg('input', () => RegisterLaboratoryInput, { description: 'The laboratory to register.' }) input: RegisterLaboratoryInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Laboratory> {
    return laboratoryService.register(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.updateLaboratory)
  @Mutation(() => Laboratory, { description: 'Changes a laboratory. A stale `version` is CONFLICT.' })
  updateLaboratory(
    @Arg('input', () => UpdateLaboratoryInput, { description: 'The laboratory, its version and the changes.' })
    input: UpdateLaboratoryInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Laboratory> {
    const { id, version, ...changes } = input;
    return laboratoryService.update(ctx.em, ctx.identity, id, version, changes);
  }

  @FieldResolver(() => Organization, { description: 'The organisation it belongs to.' })
  async organization(@Root() laboratory: Laboratory, @Ctx() ctx: BaseContext): Promise<Organization> {
    return related(await ctx.loaders.get(organizationByTaxCodeLoader).load(laboratory.organization.taxCode), 'organization');
  }
}

/** `Organization.laboratories`: the register's laboratories of an organisation. */
@Resolver(() => Organization)
export class OrganizationLaboratoriesResolver {
  @Authorized(ACCESS.fields['Organization.laboratories'])
  @FieldResolver(() => [Laboratory], { description: 'Its laboratories (phòng thí nghiệm), by code.' })
  laboratories(@Root() organization: Pick<Organization, 'taxCode'>, @Ctx() ctx: BaseContext): Promise<Laboratory[]> {
    return ctx.loaders.get(laboratoriesByOrganizationLoader).load(organization.taxCode);
  }
}
