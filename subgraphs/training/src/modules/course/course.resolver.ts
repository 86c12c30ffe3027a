import { type BaseContext, NotFoundError, type Page, PageArgs, TextArgs } from '@metrology/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { Course, CourseSession, CourseStatus, CourseTrainer } from './course.entity';
import { CourseInput, CourseListArgs, CoursePage, CourseUpdateInput, SessionInput, SessionUpdateInput } from './course.inputs';
import { courseByIdLoader, enrolmentCountByCourseLoader, sessionsByCourseLoader, trainersByCourseLoader } from './course.loaders';
import { timeOfDay } from './course.rules';
import { courseService } from './course.service';
import { sessionService } from './session.service';

/** Courses: queries, planning mutations and the relations of a course. */
@Resolver(() => Course)
export class CourseResolver {
  @Authorized(ACCESS.Query.course)
  @Query(() => Course, {
    description:
      'A course by id. Staff read any course; a trainee only the courses they are enrolled in (FORBIDDEN otherwise). NOT_FOUND when there is none.',
  })
  course(@Arg('id', () => ID, { description: 'Id of the course.' }) id: string, @Ctx() ctx: BaseContext): Promise<Course> {
    return courseService.get(ctx.loaders, ctx.identity, id);
  }

  @Authorized(ACCESS.Query.courses)
  @Query(() => CoursePage, { description: 'Courses (khóa bồi dưỡng), latest start first, filtered. Staff only.' })
  courses(@Args(() => CourseListArgs) args: CourseListArgs, @Ctx() ctx: BaseContext): Promise<Page<Course>> {
    return courseService.list(ctx.em, args);
  }

  @Authorized(ACCESS.Query.myCourses)
  @Query(() => CoursePage, { description: 'The courses the signed-in trainer teaches (khóa học của tôi), latest first.' })
  myCourses(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: BaseContext): Promise<Page<Course>> {
    return courseService.taughtBy(ctx.em, ctx.identity, page);
  }

  @Authorized(ACCESS.Mutation.createCourse)
  @Mutation(() => Course, {
    description:
      'Plans a course (status PLANNED). A trainer who creates it becomes one of its trainers. Duplicate code: CONFLICT.',
  })
  createCourse(@Arg('input', () => CourseInput) input: CourseInput, @Ctx() ctx: BaseContext): Promise<Course> {
    return courseService.create(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.updateCourse)
  @Mutation(() => Course, {
    description:
      'Changes a course (its trainers or an administrator). A stale `version` is CONFLICT; so are sessions outside new dates, a capacity below the trainees enrolled, and on a COMPLETED or CANCELLED course any change but its title and venue.',
  })
  updateCourse(
    @Arg('id', () => ID, { description: 'Id of the course.' }) id: string,
    @Arg('version', () => Int, { description: 'The version the change is based on.' }) version: number,
    @Arg('input', () => CourseUpdateInput) input: CourseUpdateInput,
    @Ctx() ctx: BaseContext,
  ): Promise<Course> {
    return courseService.update(ctx.em, ctx.identity, id, version, input);
  }

  @Authorized(ACCESS.Mutation.setCourseStatus)
  @Mutation(() => Course, {
    description:
      'Moves a course PLANNED → OPEN → RUNNING → COMPLETED, or to CANCELLED from any status but COMPLETED. Other moves: CONFLICT.',
  })
  setCourseStatus(
    @Arg('id', () => ID, { description: 'Id of the course.' }) id: string,
    @Arg('status', () => CourseStatus, { description: 'The new status.' }) status: CourseStatus,
    @Ctx() ctx: BaseContext,
  ): Promise<Course> {
    return courseService.setStatus(ctx.em, ctx.identity, id, status);
  }

  @Authorized(ACCESS.Mutation.addCourseTrainer)
  @TextArgs({ name: 'personName' })
  @Mutation(() => Course, { description: 'Adds a trainer (giảng viên) to a course by their user id. Administrators only.' })
  addCourseTrainer(
    @Arg('courseId', () => ID, { description: 'Id of the course.' }) courseId: string,
    @Arg('subject', () => String, { description: "The trainer's user id (token subject)." }) subject: string,
    @Arg('name', () => String, { description: 'Display name of the trainer.' }) name: string,
    @Ctx() ctx: BaseContext,
  ): Promise<Course> {
    return courseService.addTrainer(ctx.em, ctx.identity, courseId, subject, name);
  }

  @Authorized(ACCESS.Mutation.removeCourseTrainer)
  @Mutation(() => Course, { description: 'Removes a trainer from a course. Administrators only.' })
  removeCourseTrainer(
    @Arg('courseId', () => ID, { description: 'Id of the course.' }) courseId: string,
    @Arg('subject', () => String, { description: "The trainer's user id (token subject)." }) subject: string,
    @Ctx() ctx: BaseContext,
  ): Promise<Course> {
    return courseService.removeTrainer(ctx.em, ctx.identity, courseId, subject);
  }

  @Authorized(ACCESS.Mutation.addSession)
  @Mutation(() => CourseSession, {
    description: 'Adds a session (buổi học) inside the course dates. Same date and start time twice: CONFLICT.',
  })
  addSession(
    @Arg('courseId', () => ID, { description: 'Id of the course.' }) courseId: string,
    @Arg('input', () => SessionInput) input: SessionInput,
    @Ctx() ctx: BaseContext,
  ): Promise<CourseSession> {
    return sessionService.add(ctx.em, ctx.identity, courseId, input);
  }

  @Authorized(ACCESS.Mutation.updateSession)
  @Mutation(() => CourseSession, { description: 'Changes a session. A stale `version` is CONFLICT.' })
  updateSession(
    @Arg('id', () => ID, { description: 'Id of the session.' }) id: string,
    @Arg('version', () => Int, { description: 'The version the change is based on.' }) version: number,
    @Arg('input', () => SessionUpdateInput) input: SessionUpdateInput,
    @Ctx() ctx: BaseContext,
  ): Promise<CourseSession> {
    return sessionService.update(ctx.em, ctx.identity, id, version, input);
  }

  @Authorized(ACCESS.Mutation.removeSession)
  @Mutation(() => Course, {
    description: 'Removes a session and answers its course. A session with attendance marks cannot be removed: CONFLICT.',
  })
  removeSession(
    @Arg('id', () => ID, { description: 'Id of the session.' }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<Course> {
    return sessionService.remove(ctx.em, ctx.identity, id);
  }

  @FieldResolver(() => Float, {
    description: 'Minimum share of sessions attended to complete (tỷ lệ chuyên cần tối thiểu), 0 to 1.',
  })
  minAttendanceRate(@Root() course: Course): number {
    return course.minAttendancePercent / 100;
  }

  @FieldResolver(() => [CourseTrainer], { description: 'Trainers (giảng viên), by name.' })
  trainers(@Root() course: Course, @Ctx() ctx: BaseContext): Promise<CourseTrainer[]> {
    return ctx.loaders.get(trainersByCourseLoader).load(course.id);
  }

  @FieldResolver(() => [CourseSession], { description: 'Sessions (buổi học) by date and start time.' })
  sessions(@Root() course: Course, @Ctx() ctx: BaseContext): Promise<CourseSession[]> {
    return ctx.loaders.get(sessionsByCourseLoader).load(course.id);
  }

  @FieldResolver(() => Int, { description: 'Trainees enrolled and not withdrawn (số học viên).' })
  enrolmentCount(@Root() course: Course, @Ctx() ctx: BaseContext): Promise<number> {
    return ctx.loaders.get(enrolmentCountByCourseLoader).load(course.id);
  }
}

/** A session's times as HH:MM and its course. */
@Resolver(() => CourseSession)
export class CourseSessionResolver {
  @FieldResolver(() => String, { description: 'Start time, HH:MM (Asia/Ho_Chi_Minh).' })
  startTime(@Root() session: CourseSession): string {
    return timeOfDay(session.startTime);
  }

  @FieldResolver(() => String, { description: 'End time, HH:MM.' })
  endTime(@Root() session: CourseSession): string {
    return timeOfDay(session.endTime);
  }

  @FieldResolver(() => Course, { description: 'The course the session belongs to.' })
  async course(@Root() session: CourseSession, @Ctx() ctx: BaseContext): Promise<Course> {
    const course = await ctx.loaders.get(courseByIdLoader).load(session.course.id);
    if (!course) throw new NotFoundError('Course', session.course.id, 'khóa học');
    return course;
  }
}
