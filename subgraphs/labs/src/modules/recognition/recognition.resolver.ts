import { type BaseContext, LocalDateScalar, type Page } from '@metrology/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { related } from '../../shared/relation';
import { Assessment } from '../assessment/assessment.entity';
import { assessmentByIdLoader } from '../assessment/assessment.loaders';
import { Laboratory } from '../laboratory/laboratory.entity';
import { laboratoryByIdLoader } from '../laboratory/laboratory.loaders';
import { Recognition, RecognitionEffectiveStatus, RecognitionStatusChange } from './recognition.entity';
import { RecognitionListArgs, RecognitionPage, RecognitionStatusChangeInput } from './recognition.inputs';
import { recognitionsByLaboratoryLoader, statusChangesByRecognitionLoader } from './recognition.loaders';
import { RecognitionAction } from './recognition.rules';
import { recognitionService } from './recognition.service';

/** Recognitions (công nhận) of laboratories. */
@Resolver(() => Recognition)
export class RecognitionResolver {
  @Authorized(ACCESS.Query.recognition)
  @Query(() => Recognition, { description: 'A recognition by id. NOT_FOUND when there is none.' })
  recognition(
    @Arg('id', () => ID, { description: 'Id of the recognition.' }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<Recognition> {
    return recognitionService.get(ctx.loaders, id);
  }

  @Authorized(ACCESS.Query.recognitions)
  @Query(() => RecognitionPage, { description: 'Recognitions, latest first.' })
  recognitions(@Args(() => RecognitionListArgs) args: RecognitionListArgs, @Ctx() ctx: BaseContext): Promise<Page<Recognition>> {
    return recognitionService.list(ctx.em, args);
  }

  @Authorized(ACCESS.Mutation.suspendRecognition)
  @Mutation(() => Recognition, { description: 'Suspends an ACTIVE recognition (tạm đình chỉ). Other statuses: CONFLICT.' })
  suspendRecognition(
    @Arg('input', () => RecognitionStatusChangeInput, {
      description: 'The recognition, its version, the reason and the date it takes effect.',
    })
    input: RecognitionStatusChangeInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Recognition> {
    return recognitionService.changeStatus(ctx.em, ctx.identity, RecognitionAction.SUSPEND, input);
  }

  @Authorized(ACCESS.Mutation.reinstateRecognition)
  @Mutation(() => Recognition, { description: 'Reinstates a SUSPENDED recognition (khôi phục). Other statuses: CONFLICT.' })
  reinstateRecognition(
    @Arg('input', () => RecognitionStatusChangeInput, {
      description: 'The recognition, its version, the reason and the date it takes effect.',
    })
    input: RecognitionStatusChangeInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Recognition> {
    return recognitionService.changeStatus(ctx.em, ctx.identity, RecognitionAction.REINSTATE, input);
  }

  @Authorized(ACCESS.Mutation.withdrawRecognition)
  @Mutation(() => Recognition, {
    description: 'Withdraws an ACTIVE or SUSPENDED recognition (thu hồi), for good. A withdrawn one: CONFLICT.',
  })
  withdrawRecognition(
    @Arg('input', () => RecognitionStatusChangeInput, {
      description: 'The recognition, its version, the reason and the date it takes effect.',
    })
    input: RecognitionStatusChangeInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Recognition> {
    return recognitionService.changeStatus(ctx.em, ctx.identity, RecognitionAction.WITHDRAW, input);
  }

  @FieldResolver(() => RecognitionEffectiveStatus, {
    description:
      'Status at the as-of date: EXPIRED once past "valid until" (unless withdrawn), NOT_YET_VALID before "valid from".',
  })
  effectiveStatus(
    @Root() recognition: Recognition,
    @Ctx() ctx: BaseContext,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'Date (default: today in Asia/Ho_Chi_Minh).' })
    asOf?: string | null,
  ): Promise<RecognitionEffectiveStatus> {
    return recognitionService.effectiveStatus(ctx.loaders, recognition, asOf);
  }

  @FieldResolver(() => [RecognitionStatusChange], { description: 'Suspensions, reinstatements and withdrawal, in order.' })
  statusHistory(@Root() recognition: Recognition, @Ctx() ctx: BaseContext): Promise<RecognitionStatusChange[]> {
    return ctx.loaders.get(statusChangesByRecognitionLoader).load(recognition.id);
  }

  @FieldResolver(() => Laboratory, { description: 'The laboratory recognised.' })
  async laboratory(@Root() recognition: Recognition, @Ctx() ctx: BaseContext): Promise<Laboratory> {
    return related(await ctx.loaders.get(laboratoryByIdLoader).load(recognition.laboratory.id), 'laboratory');
  }

  @Authorized(ACCESS.fields['Recognition.assessment'])
  @FieldResolver(() => Assessment, { description: 'The passed assessment it follows (officers only).' })
  async assessment(@Root() recognition: Recognition, @Ctx() ctx: BaseContext): Promise<Assessment> {
    return related(await ctx.loaders.get(assessmentByIdLoader).load(recognition.assessment.id), 'assessment');
  }
}

/** `Laboratory.recognitions`. */
@Resolver(() => Laboratory)
export class LaboratoryRecognitionsResolver {
  @Authorized(ACCESS.fields['Laboratory.recognitions'])
  @FieldResolver(() => [Recognition], { description: 'Its recognitions (công nhận), latest first.' })
  recognitions(@Root() laboratory: Laboratory, @Ctx() ctx: BaseContext): Promise<Recognition[]> {
    return ctx.loaders.get(recognitionsByLaboratoryLoader).load(laboratory.id);
  }
}
