import { type BaseContext, LocalDateScalar, type Page } from '@metrology/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { citizenIdFor, personalValue, relationToTrainee } from './trainee.access';
import { Trainee } from './trainee.entity';
import { TraineeInput, TraineeListArgs, TraineePage, TraineeRegistration, TraineeUpdateInput } from './trainee.inputs';
import { traineeService } from './trainee.service';

/**
 * Trainees: registration, search and the personal fields. The personal fields are resolved here,
 * per trainee and caller, so that every path to a Trainee (queries, relations, `_entities`)
 * answers the same (Decree 13/2023/NĐ-CP).
 */
@Resolver(() => Trainee)
export class TraineeResolver {
  @Authorized(ACCESS.Query.trainee)
  @Query(() => Trainee, {
    description:
      'A trainee by id: for the person, administrators and the trainers of their courses (FORBIDDEN for others). NOT_FOUND when there is none.',
  })
  trainee(@Arg('id', () => ID, { description: 'Id of the trainee.' }) id: string, @Ctx() ctx: BaseContext): Promise<Trainee> {
    return traineeService.get(ctx.loaders, ctx.identity, id);
  }

  @Authorized(ACCESS.Query.trainees)
  @Query(() => TraineePage, { description: 'Trainees by name and employer, in name order. Administrators and trainers.' })
  trainees(@Args(() => TraineeListArgs) args: TraineeListArgs, @Ctx() ctx: BaseContext): Promise<Page<Trainee>> {
    return traineeService.list(ctx.em, args);
  }

  @Authorized(ACCESS.Query.myTrainee)
  @Query(() => Trainee, {
    nullable: true,
    description: "The signed-in person's own trainee record, or null when none is linked.",
  })
  myTrainee(@Ctx() ctx: BaseContext): Promise<Trainee | null> {
    return traineeService.mine(ctx.loaders, ctx.identity);
  }

  @Authorized(ACCESS.Mutation.registerTrainee)
  @Mutation(() => TraineeRegistration, {
    description:
      'Registers a person as a trainee. One record per person: a trainee with the same citizen ID or email is answered instead (matched).',
  })
  registerTrainee(@Arg('input', () => TraineeInput) input: TraineeInput, @Ctx() ctx: BaseContext): Promise<TraineeRegistration> {
    return traineeService.register(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.updateTrainee)
  @Mutation(() => Trainee, {
    description:
      'Changes a trainee. Administrators change any detail. The person and the trainers of a course they are in (not withdrawn) change the contact details (email, phone, position, employer); a change of full name, citizen ID or date of birth by them is FORBIDDEN (ask an administrator). A stale `version` is CONFLICT.',
  })
  updateTrainee(
    @Arg('id', () => ID, { description: 'Id of the trainee.' }) id: string,
    @Arg('version', () => Int, { description: 'The version the change is based on.' }) version: number,
    @Arg('input', () => TraineeUpdateInput) input: TraineeUpdateInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Trainee> {
    return traineeService.update(ctx.em, ctx.identity, id, version, input);
  }

  @Authorized(ACCESS.Mutation.linkTraineeAccount)
  @Mutation(() => Trainee, {
    description:
      "Links a person's sign-in (token subject) to their trainee record, so that they see their own data. Administrators only.",
  })
  linkTraineeAccount(
    @Arg('traineeId', () => ID, { description: 'Id of the trainee.' }) traineeId: string,
    @Arg('subject', () => String, { description: "The person's user id at the identity provider (token subject)." })
    subject: string,
    @Ctx() ctx: BaseContext,
  ): Promise<Trainee> {
    return traineeService.linkAccount(ctx.em, ctx.identity, traineeId, subject);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Citizen ID (số căn cước công dân): whole for the person and administrators, masked ("********2345") for trainers, null for everyone else.',
  })
  async citizenId(@Root() trainee: Trainee, @Ctx() ctx: BaseContext): Promise<string | null> {
    return citizenIdFor(await relationToTrainee(ctx.loaders, ctx.identity, trainee), trainee.citizenId);
  }

  @FieldResolver(() => LocalDateScalar, {
    nullable: true,
    description: 'Date of birth (ngày sinh): for the person, administrators and the trainers of their courses; null otherwise.',
  })
  async dateOfBirth(@Root() trainee: Trainee, @Ctx() ctx: BaseContext): Promise<string | null> {
    return personalValue('Trainee.dateOfBirth', await relationToTrainee(ctx.loaders, ctx.identity, trainee), trainee.dateOfBirth);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Email: for the person, administrators and the trainers of their courses; null otherwise.',
  })
  async email(@Root() trainee: Trainee, @Ctx() ctx: BaseContext): Promise<string | null> {
    return personalValue('Trainee.email', await relationToTrainee(ctx.loaders, ctx.identity, trainee), trainee.email);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Phone (số điện thoại): for the person, administrators and the trainers of their courses; null otherwise.',
  })
  async phone(@Root() trainee: Trainee, @Ctx() ctx: BaseContext): Promise<string | null> {
    return personalValue('Trainee.phone', await relationToTrainee(ctx.loaders, ctx.identity, trainee), trainee.phone);
  }
}
