import { type BaseContext, TextArgs } from '@metrology/kit';
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { CriteriaSet, Criterion } from './criteria.entity';
import { CriteriaSetFormat } from './criteria.inputs';
import { criteriaBySetLoader } from './criteria.loaders';
import { criteriaService } from './criteria.service';

/** Criteria sets (bộ tiêu chí): versioned data, imported from JSON or CSV. */
@Resolver(() => CriteriaSet)
export class CriteriaSetResolver {
  @Authorized(ACCESS.Query.criteriaSets)
  @Query(() => [CriteriaSet], { description: 'Every version of every criteria set (or of one code), latest version first.' })
  criteriaSets(
    @Ctx() ctx: BaseContext,
    @Arg('code', () => String, { nullable: true, description: 'Only the versions of this set.' }) code?: string | null,
  ): Promise<CriteriaSet[]> {
    return criteriaService.list(ctx.em, code);
  }

  @Authorized(ACCESS.Query.criteriaSet)
  @Query(() => CriteriaSet, {
    description: 'A version of a criteria set (the latest when `version` is omitted). NOT_FOUND otherwise.',
  })
  criteriaSet(
    @Arg('code', () => String, { description: 'Code of the set.' }) code: string,
    @Ctx() ctx: BaseContext,
    @Arg('version', () => Int, { nullable: true, description: 'Version; default the latest.' }) version?: number | null,
  ): Promise<CriteriaSet> {
    return criteriaService.get(ctx.em, code, version);
  }

  @Authorized(ACCESS.Mutation.importCriteriaSet)
  @TextArgs({ content: 'document' })
  @Mutation(() => CriteriaSet, {
    description:
      'Imports a new version of a criteria set from JSON or CSV text, all or nothing. A bad row or criterion (duplicate code, maximum score not above 0, threshold above the total maximum, …) is BAD_USER_INPUT naming it; an existing code and version CONFLICT.',
  })
  importCriteriaSet(
    @Arg('format', () => CriteriaSetFormat, { description: 'JSON or CSV.' }) format: CriteriaSetFormat,
    @Arg('content', () => String, { description: 'The file content (UTF-8 text).' }) content: string,
    @Ctx() ctx: BaseContext,
  ): Promise<CriteriaSet> {
    return criteriaService.import(ctx.em, ctx.identity, format, content);
  }

  @FieldResolver(() => [Criterion], { description: 'Its criteria, in order.' })
  criteria(@Root() set: CriteriaSet, @Ctx() ctx: BaseContext): Promise<Criterion[]> {
    return ctx.loaders.get(criteriaBySetLoader).load(set.id);
  }
}
