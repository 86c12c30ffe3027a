import { pageType, TextInput } from '@metrology/kit';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Course, CourseSession } from '../course/course.entity';
import { Enrolment } from '../enrolment/enrolment.entity';
import { Trainee } from '../trainee/trainee.entity';
import { ImportMode } from './attendance.csv';
import { AttendanceMark, AttendanceStatus } from './attendance.entity';
import {
  AttendanceRisk,
  type AttendanceSummaryValue,
  CompletionState,
  type CompletionValue,
  type RiskValue,
} from './attendance.rules';

registerEnumType(CompletionState, {
  name: 'CompletionState',
  description: 'Where an enrolment stands against the completion rule (điều kiện hoàn thành khóa học).',
  valuesConfig: {
    IN_PROGRESS: { description: 'Khóa học chưa kết thúc: the course has not ended yet.' },
    ELIGIBLE: { description: 'Đủ điều kiện: attendance and exam score meet the rule.' },
    NOT_ELIGIBLE: { description: 'Không đủ điều kiện: the course ended and the rule is not met.' },
    WITHDRAWN: { description: 'Đã rút: the trainee withdrew.' },
  },
});

registerEnumType(AttendanceRisk, {
  name: 'AttendanceRisk',
  description: 'Why a trainee is at risk of not completing for attendance.',
  valuesConfig: {
    BELOW_MINIMUM: { description: 'The rate so far is below the minimum (can still be recovered).' },
    CANNOT_REACH_MINIMUM: { description: 'Even attending every remaining session would not reach the minimum.' },
  },
});

registerEnumType(ImportMode, {
  name: 'ImportMode',
  description: 'What an import does when some rows are rejected.',
  valuesConfig: {
    ALL_OR_NOTHING: { description: 'Any rejected row rejects the whole file; nothing is written (default).' },
    VALID_ROWS_ONLY: { description: 'Valid rows are written; rejected rows are reported.' },
  },
});

@ObjectType('AttendanceSummary', {
  description:
    'Attendance of one enrolment (chuyên cần) as of today (Asia/Ho_Chi_Minh). Rate = (PRESENT + LATE) / (sessions held since the enrolment date − EXCUSED); a held session without a mark counts as absent.',
})
export class AttendanceSummary implements AttendanceSummaryValue {
  @Field(() => ID, { description: 'The enrolment.' })
  enrolmentId!: string;

  @Field(() => Int, { description: 'Sessions held (date on or before today) since the enrolment date.' })
  held!: number;

  @Field(() => Int, { description: 'Held sessions marked PRESENT (có mặt).' })
  present!: number;

  @Field(() => Int, { description: 'Held sessions marked LATE (đi muộn); they count as attended.' })
  late!: number;

  @Field(() => Int, { description: 'Held sessions marked EXCUSED (vắng có phép); they leave the denominator.' })
  excused!: number;

  @Field(() => Int, { description: 'Held sessions marked ABSENT (vắng).' })
  absent!: number;

  @Field(() => Int, { description: 'Held sessions with no mark; counted as absent.' })
  unmarked!: number;

  @Field(() => Int, { description: 'PRESENT + LATE.' })
  attended!: number;

  @Field(() => Int, { description: 'The denominator: held − EXCUSED.' })
  counted!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'attended / counted, from 0 to 1, rounded to 4 decimals; null when no session counts yet.',
  })
  rate!: number | null;

  @Field(() => Int, { description: 'Sessions since the enrolment date still to come.' })
  upcoming!: number;

  @Field(() => Int, { description: 'Sessions still to come already marked EXCUSED (given ahead).' })
  excusedAhead!: number;
}

@ObjectType('EnrolmentCompletion', { description: 'The completion rule applied to one enrolment as of today, with why.' })
export class EnrolmentCompletion implements CompletionValue {
  @Field(() => ID, { description: 'The enrolment.' })
  enrolmentId!: string;

  @Field(() => CompletionState, { description: 'Where the enrolment stands.' })
  state!: CompletionState;

  @Field(() => String, { description: 'Why, in Vietnamese.' })
  reason!: string;

  @Field(() => String, { description: 'Why, in English.' })
  reasonEn!: string;
}

@InputType('AttendanceSheetRowInput', { description: 'One trainee on an attendance sheet.' })
export class AttendanceSheetRowInput {
  @Field(() => ID, { description: 'The enrolment (ghi danh) of the trainee in the session’s course.' })
  enrolmentId!: string;

  @Field(() => AttendanceStatus, { description: 'The mark.' })
  status!: AttendanceStatus;

  @TextInput('text')
  @Field(() => String, {
    nullable: true,
    description: 'Note (ghi chú), at most 500 characters. Omitted: the current note is kept; null or empty: cleared.',
  })
  note?: string | null;
}

@InputType('AttendanceSheetInput', { description: 'The whole attendance sheet (bảng điểm danh) of one session.' })
export class AttendanceSheetInput {
  @Field(() => ID, { description: 'The session (buổi học) the sheet is for.' })
  sessionId!: string;

  @Field(() => [AttendanceSheetRowInput], { description: 'One row per trainee, at most 2,000.' })
  rows!: AttendanceSheetRowInput[];
}

@ObjectType('SessionSheetRow', { description: 'A trainee on the sheet of a session, with the current mark.' })
export class SessionSheetRow {
  @Field(() => Enrolment, { description: 'The enrolment.' })
  enrolment!: Enrolment;

  @Field(() => Trainee, { description: 'The trainee.' })
  trainee!: Trainee;

  @Field(() => AttendanceMark, { nullable: true, description: 'The current mark; null when none was recorded.' })
  mark!: AttendanceMark | null;
}

@ObjectType('SessionSheet', {
  description: 'The attendance sheet of a session: every enrolled (not withdrawn) trainee, ordered by name.',
})
export class SessionSheet {
  @Field(() => CourseSession, { description: 'The session.' })
  session!: CourseSession;

  @Field(() => Boolean, { description: 'Whether the session has been held (its date is on or before today).' })
  held!: boolean;

  @Field(() => [SessionSheetRow], { description: 'One row per enrolled trainee, by name.' })
  rows!: SessionSheetRow[];
}

@ObjectType('AttendanceSheetResult', { description: 'What recording a sheet did.' })
export class AttendanceSheetResult {
  @Field(() => Int, { description: 'Marks recorded for the first time.' })
  created!: number;

  @Field(() => Int, { description: 'Marks whose status or note changed (each with a history entry).' })
  changed!: number;

  @Field(() => Int, { description: 'Rows identical to the current mark: nothing written.' })
  unchanged!: number;

  @Field(() => SessionSheet, { description: 'The sheet after recording.' })
  sheet!: SessionSheet;
}

@ObjectType('AttendanceRowRejection', { description: 'A row of a sheet or a file that was refused, and why.' })
export class AttendanceRowRejection {
  @Field(() => Int, {
    description: 'Row number as people count it: 1-based on a sheet; the line in the file on an import (the header is row 1).',
  })
  row!: number;

  @Field(() => ID, { nullable: true, description: 'The enrolment, when the row could be matched to one.' })
  enrolmentId!: string | null;

  @Field(() => String, { nullable: true, description: 'The name as written in the file (imports).' })
  name!: string | null;

  @Field(() => String, { description: 'Why, in Vietnamese.' })
  reason!: string;

  @Field(() => String, { description: 'Why, in English.' })
  reasonEn!: string;
}

@ObjectType('AttendanceImportReport', { description: 'What an attendance import (sign-in sheet CSV) did.' })
export class AttendanceImportReport {
  @Field(() => ImportMode, { description: 'The mode the file was imported with.' })
  mode!: ImportMode;

  @Field(() => Int, { description: 'Data rows read from the file (the header and blank lines excluded).' })
  rows!: number;

  @Field(() => Int, { description: 'Rows applied: created + changed + unchanged.' })
  imported!: number;

  @Field(() => Int, { description: 'Marks recorded for the first time.' })
  created!: number;

  @Field(() => Int, { description: 'Marks whose status or note changed.' })
  changed!: number;

  @Field(() => Int, { description: 'Rows identical to the current mark.' })
  unchanged!: number;

  @Field(() => [AttendanceRowRejection], { description: 'Rows refused, with the reason (only with VALID_ROWS_ONLY).' })
  rejected!: AttendanceRowRejection[];
}

@ObjectType('RosterEntry', { description: 'One enrolment of a course roster (danh sách lớp) with attendance and completion.' })
export class RosterEntry {
  @Field(() => Enrolment, { description: 'The enrolment.' })
  enrolment!: Enrolment;

  @Field(() => Trainee, { description: 'The trainee.' })
  trainee!: Trainee;
}

export const RosterPage = pageType(RosterEntry, 'RosterPage');

@ObjectType('AtRiskTrainee', { description: 'A trainee at risk of not completing for attendance.' })
export class AtRiskTrainee implements RiskValue {
  @Field(() => Enrolment, { description: 'The enrolment.' })
  enrolment!: Enrolment;

  @Field(() => Trainee, { description: 'The trainee.' })
  trainee!: Trainee;

  @Field(() => AttendanceSummary, { description: 'Attendance as of today.' })
  attendance!: AttendanceSummary;

  @Field(() => AttendanceRisk, { description: 'Which risk: below the minimum now, or unable to reach it.' })
  risk!: AttendanceRisk;

  @Field(() => Float, {
    nullable: true,
    description: 'The rate reached if every remaining session is attended (0 to 1); null when no session will count.',
  })
  bestPossibleRate!: number | null;
}

@ObjectType('SessionAttendance', { description: 'One session of a course and the trainee’s mark for it.' })
export class SessionAttendance {
  @Field(() => CourseSession, { description: 'The session.' })
  session!: CourseSession;

  @Field(() => AttendanceMark, { nullable: true, description: 'Null when no mark was recorded.' })
  mark!: AttendanceMark | null;

  @Field(() => Boolean, { description: 'Whether the session counts for the rate (held, and on or after the enrolment date).' })
  counts!: boolean;
}

@ObjectType('TraineeAttendance', { description: 'The attendance of one trainee in one course, session by session.' })
export class TraineeAttendance {
  @Field(() => Enrolment, { description: 'The enrolment.' })
  enrolment!: Enrolment;

  @Field(() => Course, { description: 'The course.' })
  course!: Course;

  @Field(() => [SessionAttendance], { description: 'Every session of the course, in date order.' })
  sessions!: SessionAttendance[];

  @Field(() => AttendanceSummary, { description: 'Attendance as of today.' })
  attendance!: AttendanceSummary;

  @Field(() => EnrolmentCompletion, { description: 'The completion rule applied as of today.' })
  completion!: EnrolmentCompletion;
}

@ObjectType('CourseCompletionResult', { description: 'What completing a course decided, counted over its roster.' })
export class CourseCompletionResult {
  @Field(() => Course, { description: 'The course, now COMPLETED.' })
  course!: Course;

  @Field(() => Int, { description: 'Enrolments set to COMPLETED.' })
  completed!: number;

  @Field(() => Int, { description: 'Enrolments set to NOT_COMPLETED.' })
  notCompleted!: number;

  @Field(() => Int, { description: 'Withdrawn enrolments, left as they were.' })
  withdrawn!: number;
}
