import { type BaseContext, hasAnyRole, LocalDateScalar, NotFoundError, type Page, PageArgs, pageType } from '@metrology/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { Course } from '../course/course.entity';
import { courseByIdLoader, taughtCourseIdsLoader } from '../course/course.loaders';
import { relationToTrainee } from '../trainee/trainee.access';
import { Trainee } from '../trainee/trainee.entity';
import { traineeByIdLoader } from '../trainee/trainee.loaders';
import { Enrolment } from './enrolment.entity';
import { enrolmentsByCourseLoader, enrolmentsByTraineeLoader } from './enrolment.loaders';
import { enrolmentService } from './enrolment.service';

/** A page of enrolments. */
export const EnrolmentPage = pageType(Enrolment, 'EnrolmentPage');

/** Enrolments: enrol, withdraw, exam score, the trainee's own list, and an enrolment's course and trainee. */
@Resolver(() => Enrolment)
export class EnrolmentResolver {
  @Authorized(ACCESS.Query.myEnrolments)
  @Query(() => EnrolmentPage, {
    description: "The signed-in trainee's enrolments (khóa học của tôi), latest first; empty when no trainee record is linked.",
  })
  myEnrolments(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: BaseContext): Promise<Page<Enrolment>> {
    return enrolmentService.mine(ctx.em, ctx.identity, page);
  }

  @Authorized(ACCESS.Mutation.enrol)
  @Mutation(() => Enrolment, {
    description:
      'Enrols a trainee in a course (its trainers or an administrator). CONFLICT for a completed or cancelled course, a full course, or a trainee already enrolled (extensions.enrolmentId names it); a withdrawn trainee is taken back.',
  })
  enrol(
    @Arg('courseId', () => ID, { description: 'Id of the course.' }) courseId: string,
    @Arg('traineeId', () => ID, { description: 'Id of the trainee.' }) traineeId: string,
    @Arg('enrolledOn', () => LocalDateScalar, {
      nullable: true,
      description: 'From when sessions count, inside the course dates; default today or the course start, whichever is later.',
    })
    enrolledOn: string | null | undefined,
    @Ctx() ctx: BaseContext,
  ): Promise<Enrolment> {
    return enrolmentService.enrol(ctx.em, ctx.identity, courseId, traineeId, enrolledOn);
  }

  @Authorized(ACCESS.Mutation.withdrawEnrolment)
  @Mutation(() => Enrolment, { description: 'Withdraws an ENROLLED trainee (rút khỏi khóa học). A stale `version` is CONFLICT.' })
  withdrawEnrolment(
    @Arg('id', () => ID, { description: 'Id of the enrolment.' }) id: string,
    @Arg('version', () => Int, { description: 'The version the change is based on.' }) version: number,
    @Ctx() ctx: BaseContext,
  ): Promise<Enrolment> {
    return enrolmentService.withdraw(ctx.em, ctx.identity, id, version);
  }

  @Authorized(ACCESS.Mutation.setExamScore)
  @Mutation(() => Enrolment, {
    description:
      'Records an exam score (điểm kiểm tra), 0 to 100, in a course with a passing score. Trainers of the course or administrators.',
  })
  setExamScore(
    @Arg('enrolmentId', () => ID, { description: 'Id of the enrolment.' }) enrolmentId: string,
    @Arg('score', () => Float, { description: 'Score from 0 to 100, at most two decimals.' }) score: number,
    @Ctx() ctx: BaseContext,
  ): Promise<Enrolment> {
    return enrolmentService.setExamScore(ctx.em, ctx.identity, enrolmentId, score);
  }

  @FieldResolver(() => Course, { description: 'The course.' })
  async course(@Root() enrolment: Enrolment, @Ctx() ctx: BaseContext): Promise<Course> {
    const course = await ctx.loaders.get(courseByIdLoader).load(enrolment.course.id);
    if (!course) throw new NotFoundError('Course', enrolment.course.id, 'khóa học');
    return course;
  }

  @FieldResolver(() => Trainee, { description: 'The trainee; their personal fields follow the rules of Trainee.' })
  async trainee(@Root() enrolment: Enrolment, @Ctx() ctx: BaseContext): Promise<Trainee> {
    const trainee = await ctx.loaders.get(traineeByIdLoader).load(enrolment.trainee.id);
    if (!trainee) throw new NotFoundError('Trainee', enrolment.trainee.id, 'học viên');
    return trainee;
  }
}

/** `Trainee.enrolments`: the courses a trainee is in, as far as the caller may see them. */
@Resolver(() => Trainee)
export class TraineeEnrolmentsResolver {
  @FieldResolver(() => [Enrolment], {
    description:
      "The trainee's enrolments: all of them for the person and administrators, those of their own courses for trainers, none for anyone else.",
  })
  async enrolments(@Root() trainee: Trainee, @Ctx() ctx: BaseContext): Promise<Enrolment[]> {
    const relation = await relationToTrainee(ctx.loaders, ctx.identity, trainee);
    if (relation === 'NONE' || relation === 'TRAINER' || !ctx.identity.subject) return [];
    const enrolments = await ctx.loaders.get(enrolmentsByTraineeLoader).load(trainee.id);
    if (relation === 'OWNER' || relation === 'ADMIN') return enrolments;
    const taught = await ctx.loaders.get(taughtCourseIdsLoader).load(ctx.identity.subject);
    return enrolments.filter((enrolment) => taught.has(enrolment.course.id));
  }
}

/** `Course.enrolments`: the roster, for the course's trainers and administrators. */
@Resolver(() => Course)
export class CourseEnrolmentsResolver {
  @FieldResolver(() => [Enrolment], {
    nullable: true,
    description:
      'The trainees enrolled (danh sách học viên), every status: for its trainers and administrators; null for everyone else.',
  })
  async enrolments(@Root() course: Course, @Ctx() ctx: BaseContext): Promise<Enrolment[] | null> {
    const subject = ctx.identity.subject;
    if (!subject) return null;
    if (!hasAnyRole(ctx.identity, ['admin'])) {
      if (!ctx.identity.roles.includes('trainer')) return null;
      const taught = await ctx.loaders.get(taughtCourseIdsLoader).load(subject);
      if (!taught.has(course.id)) return null;
    }
    return ctx.loaders.get(enrolmentsByCourseLoader).load(course.id);
  }
}
