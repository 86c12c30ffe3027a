import type { BaseContext, Page } from '@metrology/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { related } from '../../shared/relation';
import { Organization } from '../organization/organization.entity';
import { organizationByTaxCodeLoader } from '../organization/organization.loaders';
import { CapacityProject } from './capacity.entity';
import {
  CapacityProjectListArgs,
  CapacityProjectPage,
  CompleteCapacityProjectInput,
  RegisterCapacityProjectInput,
} from './capacity.inputs';
import { capacityService } from './capacity.service';

/** Capacity projects of verification, calibration and testing organisations (plan II.2.a). */
@Resolver(() => CapacityProject)
export class CapacityProjectResolver {
  @Authorized(ACCESS.Query.capacityProjects)
  @Query(() => CapacityProjectPage, { description: 'Capacity projects, latest year first, filtered.' })
  capacityProjects(
    @Args(() => CapacityProjectListArgs) args: CapacityProjectListArgs,
    @Ctx() ctx: BaseContext,
  ): Promise<Page<CapacityProject>> {
    return capacityService.list(ctx.em, args);
  }

  @Authorized(ACCESS.Mutation.registerCapacityProject)
  @Mutation(() => CapacityProject, { description: 'Registers a capacity project of a registered organisation.' })
  registerCapacityProject(
    @Arg('input', () => RegisterCapacityProjectInput, { description: 'The project to register.' })
    input: RegisterCapacityProjectInput,
    @Ctx() ctx: BaseContext,
  ): Promise<CapacityProject> {
    return capacityService.register(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.completeCapacityProject)
  @Mutation(() => CapacityProject, {
    description: 'Records a completion. Already completed: CONFLICT; a stale `version`: CONFLICT.',
  })
  completeCapacityProject(
    @Arg('input', () => CompleteCapacityProjectInput, { description: 'The project, its version and the date of completion.' })
    input: CompleteCapacityProjectInput,
    @Ctx() ctx: BaseContext,
  ): Promise<CapacityProject> {
    return capacityService.complete(ctx.em, ctx.identity, input.id, input.version, input.completedOn);
  }

  @FieldResolver(() => Boolean, { description: 'Whether it is completed (hoàn thành): it has a completion date.' })
  completed(@Root() project: CapacityProject): boolean {
    return project.completedOn !== null;
  }

  @FieldResolver(() => Organization, { description: 'The organisation whose capacity it raises.' })
  async organization(@Root() project: CapacityProject, @Ctx() ctx: BaseContext): Promise<Organization> {
    return related(await ctx.loaders.get(organizationByTaxCodeLoader).load(project.organization.taxCode), 'organization');
  }
}
