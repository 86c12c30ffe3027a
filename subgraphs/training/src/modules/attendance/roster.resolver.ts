import { type BaseContext, PageArgs } from '@metrology/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { attendanceSummaryLoader, completionLoader } from './attendance.loaders';
import {
  AtRiskTrainee,
  AttendanceSummary,
  EnrolmentCompletion,
  RosterEntry,
  RosterPage,
  SessionSheet,
  SessionSheetRow,
  TraineeAttendance,
} from './attendance.types';
import {
  absentees,
  courseRoster,
  enrolmentAttendance,
  myAttendance,
  type RosterItem,
  sessionSheet,
  traineesAtRisk,
} from './roster.service';

/** Reading attendance: sheets, rosters and risks for trainers; one's own attendance for a trainee. */
@Resolver()
export class RosterResolver {
  @Authorized(ACCESS.Query.sessionSheet)
  @Query(() => SessionSheet, {
    description:
      'The sheet of a session: every trainee enrolled (not withdrawn) on or before its date, by name, with the current mark or null.',
  })
  sessionSheet(@Arg('sessionId', () => ID) sessionId: string, @Ctx() ctx: BaseContext): Promise<SessionSheet> {
    return sessionSheet(ctx.em, ctx.identity, sessionId);
  }

  @Authorized(ACCESS.Query.courseRoster)
  @Query(() => RosterPage, {
    description: 'The roster of a course (danh sách lớp), by name: each enrolment with its trainee, attendance and completion.',
  })
  courseRoster(
    @Arg('courseId', () => ID) courseId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: BaseContext,
  ): Promise<InstanceType<typeof RosterPage>> {
    return courseRoster(ctx.em, ctx.identity, courseId, page);
  }

  @Authorized(ACCESS.Query.absentees)
  @Query(() => [SessionSheetRow], {
    description:
      'Trainees enrolled by the date of a held session who were marked ABSENT or not marked at all. BAD_USER_INPUT for a session still to come.',
  })
  absentees(@Arg('sessionId', () => ID) sessionId: string, @Ctx() ctx: BaseContext): Promise<SessionSheetRow[]> {
    return absentees(ctx.em, ctx.identity, sessionId);
  }

  @Authorized(ACCESS.Query.traineesAtRisk)
  @Query(() => [AtRiskTrainee], {
    description:
      'Trainees whose attendance rate is below the course minimum, or who cannot reach it even attending every remaining session (those first).',
  })
  traineesAtRisk(@Arg('courseId', () => ID) courseId: string, @Ctx() ctx: BaseContext): Promise<AtRiskTrainee[]> {
    return traineesAtRisk(ctx.em, ctx.identity, courseId);
  }

  @Authorized(ACCESS.Query.myAttendance)
  @Query(() => TraineeAttendance, {
    description:
      "The caller's own attendance in a course, session by session. FORBIDDEN without a trainee record; NOT_FOUND when not enrolled.",
  })
  myAttendance(@Arg('courseId', () => ID) courseId: string, @Ctx() ctx: BaseContext): Promise<TraineeAttendance> {
    return myAttendance(ctx.em, ctx.identity, courseId);
  }

  @Authorized(ACCESS.Query.enrolmentAttendance)
  @Query(() => TraineeAttendance, {
    description: "One enrolment's attendance, session by session: for its trainee, the course's trainers and administrators.",
  })
  enrolmentAttendance(@Arg('enrolmentId', () => ID) enrolmentId: string, @Ctx() ctx: BaseContext): Promise<TraineeAttendance> {
    return enrolmentAttendance(ctx.em, ctx.identity, enrolmentId);
  }
}

/** A roster entry's attendance and completion, batched over the page. */
@Resolver(() => RosterEntry)
export class RosterEntryResolver {
  @FieldResolver(() => AttendanceSummary, { description: 'Attendance as of today.' })
  attendance(@Root() entry: RosterItem, @Ctx() ctx: BaseContext): Promise<AttendanceSummary> {
    return ctx.loaders.get(attendanceSummaryLoader).load(entry.enrolment.id);
  }

  @FieldResolver(() => EnrolmentCompletion, { description: 'The completion rule as of today.' })
  completion(@Root() entry: RosterItem, @Ctx() ctx: BaseContext): Promise<EnrolmentCompletion> {
    return ctx.loaders.get(completionLoader).load(entry.enrolment.id);
  }
}
