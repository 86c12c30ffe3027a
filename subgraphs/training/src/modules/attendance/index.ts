import type { ReferenceResolvers, SubgraphRoute } from '@metrology/kit';
import { AttendanceResolver } from './attendance.resolver';
import {
  AttendanceChangeFieldsResolver,
  AttendanceMarkFieldsResolver,
  EnrolmentAttendanceResolver,
} from './enrolment-attendance.resolver';
import { RosterEntryResolver, RosterResolver } from './roster.resolver';

export { attendanceSummaryLoader, completionLoader } from './attendance.loaders';
export type { AttendanceSummaryValue, CompletionValue } from './attendance.rules';
export { CompletionState } from './attendance.rules';

/** The attendance feature's resolvers, entity reference resolvers and HTTP routes, wired in definition.ts. */
// biome-ignore lint/complexity/noBannedTypes: type-graphql's resolver class list
export const attendanceResolvers: Function[] = [
  AttendanceResolver,
  RosterResolver,
  RosterEntryResolver,
  EnrolmentAttendanceResolver,
  AttendanceMarkFieldsResolver,
  AttendanceChangeFieldsResolver,
];
export const attendanceReferences: ReferenceResolvers = {};
export const attendanceRoutes: SubgraphRoute[] = [];
