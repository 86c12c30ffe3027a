import type { BaseContext } from '@metrology/kit';
import { Authorized, Ctx, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import { CourseSession } from '../course/course.entity';
import { Enrolment } from '../enrolment/enrolment.entity';
import { assertCanSeeEnrolment } from './attendance.access';
import { AttendanceChange, AttendanceMark } from './attendance.entity';
import { attendanceSessionLoader, attendanceSummaryLoader, completionLoader, enrolmentViewersLoader } from './attendance.loaders';
import { AttendanceSummary, EnrolmentCompletion } from './attendance.types';

/** `Enrolment.attendance` and `Enrolment.completion`: for the trainee, the course's trainers and administrators. */
@Resolver(() => Enrolment)
export class EnrolmentAttendanceResolver {
  @Authorized()
  @FieldResolver(() => AttendanceSummary, {
    nullable: true,
    description:
      'Attendance (chuyên cần) as of today. Null with FORBIDDEN for anyone but the trainee, the trainers and administrators.',
  })
  async attendance(@Root() enrolment: Enrolment, @Ctx() ctx: BaseContext): Promise<AttendanceSummary> {
    assertCanSeeEnrolment(ctx.identity, await ctx.loaders.get(enrolmentViewersLoader).load(enrolment.id));
    return ctx.loaders.get(attendanceSummaryLoader).load(enrolment.id);
  }

  @Authorized()
  @FieldResolver(() => EnrolmentCompletion, {
    nullable: true,
    description: 'The completion rule applied as of today, with why. Same visibility as `attendance`.',
  })
  async completion(@Root() enrolment: Enrolment, @Ctx() ctx: BaseContext): Promise<EnrolmentCompletion> {
    assertCanSeeEnrolment(ctx.identity, await ctx.loaders.get(enrolmentViewersLoader).load(enrolment.id));
    return ctx.loaders.get(completionLoader).load(enrolment.id);
  }
}

/** Identifiers and version of a mark, for corrections. */
@Resolver(() => AttendanceMark)
export class AttendanceMarkFieldsResolver {
  @FieldResolver(() => ID, { description: 'The session.' })
  sessionId(@Root() mark: AttendanceMark): string {
    return mark.session.id;
  }

  @FieldResolver(() => ID, { description: 'The enrolment.' })
  enrolmentId(@Root() mark: AttendanceMark): string {
    return mark.enrolment.id;
  }

  @FieldResolver(() => Int, { description: 'Version for optimistic concurrency: send it back with a correction.' })
  version(@Root() mark: AttendanceMark): number {
    return mark.version;
  }
}

/** The session and enrolment of a history entry. */
@Resolver(() => AttendanceChange)
export class AttendanceChangeFieldsResolver {
  @FieldResolver(() => CourseSession, { description: 'The session whose mark changed.' })
  session(@Root() change: AttendanceChange, @Ctx() ctx: BaseContext): Promise<CourseSession> {
    return ctx.loaders.get(attendanceSessionLoader).load(change.session.id);
  }

  @FieldResolver(() => ID, { description: 'The enrolment whose mark changed.' })
  enrolmentId(@Root() change: AttendanceChange): string {
    return change.enrolment.id;
  }
}
