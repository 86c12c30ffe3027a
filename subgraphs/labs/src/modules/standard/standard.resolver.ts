import { type BaseContext, LocalDateScalar, type Page } from '@metrology/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { related } from '../../shared/relation';
import { Organization } from '../organization/organization.entity';
import { organizationByTaxCodeLoader } from '../organization/organization.loaders';
import { MeasurementStandard, StandardKind } from './standard.entity';
import {
  MeasurementStandardListArgs,
  MeasurementStandardPage,
  RegisterMeasurementStandardInput,
  RegisterStandardKindInput,
  UpdateMeasurementStandardInput,
} from './standard.inputs';
import { standardKindByIdLoader, standardsByOwnerLoader } from './standard.loaders';
import { standardService } from './standard.service';

/** Socialised measurement standards and instruments (chuẩn đo lường, phương tiện đo). */
@Resolver(() => MeasurementStandard)
export class MeasurementStandardResolver {
  @Authorized(ACCESS.Query.standardKinds)
  @Query(() => [StandardKind], { description: 'Kinds of standards and instruments (loại), by code.' })
  standardKinds(@Ctx() ctx: BaseContext): Promise<StandardKind[]> {
    return standardService.kinds(ctx.em);
  }

  @Authorized(ACCESS.Query.measurementStandard)
  @Query(() => MeasurementStandard, { description: 'A standard by id. NOT_FOUND when there is none.' })
  measurementStandard(
    @Arg('id', () => ID, { description: 'Id of the standard.' }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<MeasurementStandard> {
    return standardService.get(ctx.loaders, id);
  }

  @Authorized(ACCESS.Query.measurementStandards)
  @Query(() => MeasurementStandardPage, { description: 'Standards, by year first supported, filtered.' })
  measurementStandards(
    @Args(() => MeasurementStandardListArgs) args: MeasurementStandardListArgs,
    @Ctx() ctx: BaseContext,
  ): Promise<Page<MeasurementStandard>> {
    return standardService.list(ctx.em, args);
  }

  @Authorized(ACCESS.Query.overdueCalibrations)
  @Query(() => [MeasurementStandard], {
    description: 'Standards in use (not RETIRED) whose next calibration was due before the as-of date, most overdue first.',
  })
  overdueCalibrations(
    @Ctx() ctx: BaseContext,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'Reference date (default: today in Asia/Ho_Chi_Minh).' })
    asOf?: string | null,
  ): Promise<MeasurementStandard[]> {
    return standardService.overdue(ctx.em, asOf);
  }

  @Authorized(ACCESS.Mutation.registerStandardKind)
  @Mutation(() => StandardKind, { description: 'Registers a kind of standard or instrument. A code in use: CONFLICT.' })
  registerStandardKind(
    @Arg('input', () => RegisterStandardKindInput, { description: 'The kind to register.' }) input: RegisterStandardKindInput,
    @Ctx() ctx: BaseContext,
  ): Promise<StandardKind> {
    return standardService.registerKind(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.registerMeasurementStandard)
  @Mutation(() => MeasurementStandard, {
    description: 'Registers a socialised standard. Unknown kind or owner: NOT_FOUND; the same serial in its kind: CONFLICT.',
  })
  registerMeasurementStandard(
    @Arg('input', () => RegisterMeasurementStandardInput, { description: 'The standard to register.' })
    input: RegisterMeasurementStandardInput,
    @Ctx() ctx: BaseContext,
  ): Promise<MeasurementStandard> {
    return standardService.register(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.updateMeasurementStandard)
  @Mutation(() => MeasurementStandard, {
    description: 'Changes a standard or records its latest calibration. A stale `version`: CONFLICT.',
  })
  updateMeasurementStandard(
    @Arg('input', () => UpdateMeasurementStandardInput, { description: 'The standard, its version and the changes.' })
    input: UpdateMeasurementStandardInput,
    @Ctx() ctx: BaseContext,
  ): Promise<MeasurementStandard> {
    const { id, version, ...changes } = input;
    return standardService.update(ctx.em, ctx.identity, id, version, changes);
  }

  @FieldResolver(() => StandardKind, { description: 'Its kind (loại).' })
  async kind(@Root() standard: MeasurementStandard, @Ctx() ctx: BaseContext): Promise<StandardKind> {
    return related(await ctx.loaders.get(standardKindByIdLoader).load(standard.kind.id), 'standard kind');
  }

  @FieldResolver(() => Organization, { description: 'The owner organisation.' })
  async owner(@Root() standard: MeasurementStandard, @Ctx() ctx: BaseContext): Promise<Organization> {
    return related(await ctx.loaders.get(organizationByTaxCodeLoader).load(standard.owner.taxCode), 'organization');
  }
}

/** `Organization.measurementStandards`. */
@Resolver(() => Organization)
export class OrganizationMeasurementStandardsResolver {
  @Authorized(ACCESS.fields['Organization.measurementStandards'])
  @FieldResolver(() => [MeasurementStandard], { description: 'Socialised standards and instruments it owns.' })
  measurementStandards(
    @Root() organization: Pick<Organization, 'taxCode'>,
    @Ctx() ctx: BaseContext,
  ): Promise<MeasurementStandard[]> {
    return ctx.loaders.get(standardsByOwnerLoader).load(organization.taxCode);
  }
}
