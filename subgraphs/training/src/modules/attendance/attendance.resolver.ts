import { type BaseContext, TextArgs } from '@metrology/kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../../access';
import { ImportMode } from './attendance.csv';
import { AttendanceChange, AttendanceMark, AttendanceStatus } from './attendance.entity';
import { importCsv } from './attendance.import';
import { correctMark, recordSheet } from './attendance.service';
import { AttendanceImportReport, AttendanceSheetInput, AttendanceSheetResult, CourseCompletionResult } from './attendance.types';
import { completeCourse } from './completion.service';
import { attendanceHistory } from './roster.service';

/** Recording attendance (điểm danh) and completing courses: trainers of the course and administrators. */
@Resolver()
export class AttendanceResolver {
  @Authorized(ACCESS.Mutation.recordAttendanceSheet)
  @Mutation(() => AttendanceSheetResult, {
    description:
      "Records a session's whole sheet in one transaction. Any bad row rejects the sheet (BAD_USER_INPUT, `extensions.rows` with index, row, enrolmentId, reason) and nothing is written; sending the same sheet again changes nothing.",
  })
  recordAttendanceSheet(
    @Arg('input', () => AttendanceSheetInput) input: AttendanceSheetInput,
    @Ctx() ctx: BaseContext,
  ): Promise<AttendanceSheetResult> {
    return recordSheet(ctx.em, ctx.identity, input);
  }

  @Authorized(ACCESS.Mutation.correctAttendanceMark)
  @TextArgs({ note: 'text' })
  @Mutation(() => AttendanceMark, {
    description:
      'Corrects (or records) a single mark, with a history entry (source CORRECTION). A stale `version` gets CONFLICT.',
  })
  correctAttendanceMark(
    @Arg('sessionId', () => ID) sessionId: string,
    @Arg('enrolmentId', () => ID) enrolmentId: string,
    @Arg('status', () => AttendanceStatus) status: AttendanceStatus,
    @Ctx() ctx: BaseContext,
    @Arg('note', () => String, { nullable: true, description: 'Omitted keeps the current note; null or empty clears it.' })
    note?: string | null,
    @Arg('version', () => Int, { nullable: true, description: 'The version of the mark as last read.' })
    version?: number | null,
  ): Promise<AttendanceMark> {
    return correctMark(ctx.em, ctx.identity, { sessionId, enrolmentId, status, note, version });
  }

  @Authorized(ACCESS.Mutation.importAttendanceCsv)
  @TextArgs({ csv: 'document' })
  @Mutation(() => AttendanceImportReport, {
    description:
      'Imports a sign-in sheet (CSV, UTF-8 with or without BOM, at most 1 MB and 5,000 rows). Headers, Vietnamese or English, matched without accents or case: "Họ và tên" / "Họ tên" / "Name" / "Full name" (or "Họ và tên đệm" + "Tên", read together); "Trạng thái" / "Điểm danh" / "Status"; optional "Ghi chú" / "Note", "Mã học viên" / "Trainee ID", "CCCD" / "Citizen ID". Statuses: "Có mặt" / Present, "Muộn" / "Đi muộn" / Late, "Có phép" / "Vắng có phép" / Excused, "Vắng" / "Vắng mặt" / Absent. Rows are matched by trainee ID, else citizen ID, else name (accent-insensitive); unknown or ambiguous names are rejected. ALL_OR_NOTHING: any rejected row gives BAD_USER_INPUT with `extensions.rows` (file line, name, reason) and nothing is written.',
  })
  importAttendanceCsv(
    @Arg('sessionId', () => ID) sessionId: string,
    @Arg('csv', () => String, { description: 'The file content.' }) csv: string,
    @Ctx() ctx: BaseContext,
    @Arg('mode', () => ImportMode, { nullable: true, defaultValue: ImportMode.ALL_OR_NOTHING }) mode: ImportMode | null,
  ): Promise<AttendanceImportReport> {
    return importCsv(ctx.em, ctx.identity, { sessionId, csv, mode: mode ?? ImportMode.ALL_OR_NOTHING });
  }

  @Authorized(ACCESS.Mutation.completeCourse)
  @Mutation(() => CourseCompletionResult, {
    description:
      'Closes a course whose end date has passed (else CONFLICT): each enrolment not withdrawn becomes COMPLETED or NOT_COMPLETED by the completion rule; the course becomes COMPLETED.',
  })
  completeCourse(@Arg('courseId', () => ID) courseId: string, @Ctx() ctx: BaseContext): Promise<CourseCompletionResult> {
    return completeCourse(ctx.em, ctx.identity, courseId);
  }

  @Authorized(ACCESS.Query.attendanceHistory)
  @Query(() => [AttendanceChange], {
    description: "Every change of an enrolment's marks (who, when, from, to), oldest first; optionally of one session.",
  })
  attendanceHistory(
    @Arg('enrolmentId', () => ID) enrolmentId: string,
    @Ctx() ctx: BaseContext,
    @Arg('sessionId', () => ID, { nullable: true }) sessionId?: string | null,
  ): Promise<AttendanceChange[]> {
    return attendanceHistory(ctx.em, ctx.identity, enrolmentId, sessionId);
  }
}
