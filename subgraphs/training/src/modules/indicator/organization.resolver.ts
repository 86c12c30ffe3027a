import { type BaseContext, LocalDateScalar, todayInVietnam } from '@metrology/kit';
import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Trainee } from '../trainee/trainee.entity';
import { employerParticipationsLoader, employerTraineeCountLoader } from './indicator.loaders';
import { participationsIn } from './indicator.service';
import { Organization, type OrganizationKey } from './organization';

/** Training's share of an organisation: aggregates over the trainees it employs, for any signed-in role. */
@Resolver(() => Organization)
export class OrganizationTrainingResolver {
  @Authorized()
  @FieldResolver(() => Int, {
    description:
      'Training participations (lượt người) of the trainees employed here, in any course, up to the as-of date: an enrolment counts once its trainee was present or late at a session, in the year of the first such session.',
  })
  async trainingParticipations(
    @Root() organization: OrganizationKey,
    @Ctx() ctx: BaseContext,
    @Arg('asOf', () => LocalDateScalar, {
      nullable: true,
      description: 'Count up to this date (default: today in Asia/Ho_Chi_Minh).',
    })
    asOf?: string | null,
    @Arg('year', () => Int, {
      nullable: true,
      description: 'Only participations counted in this calendar year (default: all years).',
    })
    year?: number | null,
  ): Promise<number> {
    const participations = await ctx.loaders
      .get(employerParticipationsLoader)
      .load({ group: organization.taxCode, asOf: asOf ?? todayInVietnam() });
    return participationsIn(participations, year ?? null);
  }

  @Authorized()
  @FieldResolver(() => Int, { description: 'How many trainees (học viên) name this organisation as their employer.' })
  traineeCount(@Root() organization: OrganizationKey, @Ctx() ctx: BaseContext): Promise<number> {
    return ctx.loaders.get(employerTraineeCountLoader).load(organization.taxCode);
  }
}

/** `Trainee.employer`: the organisation of the trainee's employer tax code, resolved by labs. */
@Resolver(() => Trainee)
export class TraineeEmployerResolver {
  @Authorized()
  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The employer (đơn vị công tác); null when none is recorded.',
  })
  employer(@Root() trainee: Pick<Trainee, 'employerTaxCode'>): OrganizationKey | null {
    return trainee.employerTaxCode ? { taxCode: trainee.employerTaxCode } : null;
  }
}
