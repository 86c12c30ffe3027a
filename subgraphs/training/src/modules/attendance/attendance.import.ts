import { ATTENDANCE_STATUS_NAMES, BadInputError, type Identity, searchKey, todayInVietnam } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Enrolment, EnrolmentStatus } from '../enrolment/enrolment.entity';
import { sessionOpenForMarks } from './attendance.access';
import { type CsvAttendanceRow, ImportMode, readAttendanceCsv } from './attendance.csv';
import { AttendanceChangeSource } from './attendance.entity';
import {
  applyMarks,
  checkRows,
  type ImportReport,
  inTransaction,
  type PositionedInput,
  type RowRejection,
  rowsRejected,
} from './attendance.service';

/**
 * A sign-in sheet imported from CSV (docs/RULES.md, "Attendance"): its rows matched to the course's
 * enrolments, then the same rules and history as a sheet typed in (./attendance.service.ts).
 */

/** The statuses an imported file may write, named as the vocabulary names them. */
const STATUS_CHOICES = {
  vi: Object.values(ATTENDANCE_STATUS_NAMES)
    .map((name) => name.vi)
    .join(', '),
  en: Object.values(ATTENDANCE_STATUS_NAMES)
    .map((name) => name.en)
    .join(', '),
};
interface RosterMatch {
  byTraineeId: Map<string, Enrolment>;
  byCitizenId: Map<string, Enrolment>;
  byName: Map<string, Enrolment[]>;
}

/** Matches a file row to an enrolment: by trainee id, else citizen ID, else name (accent-insensitive). */
function matchRow(row: CsvAttendanceRow, roster: RosterMatch): Enrolment | { reason: string; reasonEn: string } {
  if (row.traineeId !== null) {
    return (
      roster.byTraineeId.get(row.traineeId.toLowerCase()) ?? {
        reason: 'mã học viên không có trong danh sách lớp',
        reasonEn: "the trainee id is not on the course's roster",
      }
    );
  }
  if (row.citizenId !== null) {
    // The citizen ID itself is never repeated back (personal data).
    return (
      roster.byCitizenId.get(row.citizenId) ?? {
        reason: 'số CCCD không khớp với học viên nào của lớp',
        reasonEn: "the citizen ID matches no trainee on the course's roster",
      }
    );
  }
  if (row.name === null) return { reason: 'thiếu họ và tên', reasonEn: 'the name is missing' };
  const candidates = roster.byName.get(searchKey(row.name)) ?? [];
  const enrolled = candidates.filter((enrolment) => enrolment.status !== EnrolmentStatus.WITHDRAWN);
  if (enrolled.length === 1) return enrolled[0];
  if (enrolled.length === 0 && candidates.length === 1) return candidates[0];
  if (candidates.length === 0) {
    return { reason: `không có học viên tên "${row.name}" trong lớp`, reasonEn: `no trainee named "${row.name}" on the roster` };
  }
  return {
    reason: `có nhiều học viên trùng tên "${row.name}": thêm cột "Mã học viên" hoặc "CCCD"`,
    reasonEn: `several trainees are named "${row.name}": add a "Trainee ID" or "Citizen ID" column`,
  };
}

/** Imports a sign-in sheet from CSV: all or nothing by default, or only the valid rows. */
export async function importCsv(
  em: EntityManager,
  identity: Identity,
  input: { sessionId: string; csv: string; mode: ImportMode },
  today: string = todayInVietnam(),
): Promise<ImportReport> {
  return inTransaction(em, async (tx) => {
    const { session } = await sessionOpenForMarks(tx, identity, input.sessionId);
    const rows = readAttendanceCsv(input.csv);
    if (rows.length === 0) throw new BadInputError('csv', 'Tệp CSV không có dòng dữ liệu nào.', 'The CSV file has no data rows.');
    const enrolments = await tx.find(Enrolment, { course: session.course.id }, { populate: ['trainee'] });
    const roster: RosterMatch = { byTraineeId: new Map(), byCitizenId: new Map(), byName: new Map() };
    for (const enrolment of enrolments) {
      const trainee = enrolment.trainee;
      roster.byTraineeId.set(trainee.id, enrolment);
      if (trainee.citizenId) roster.byCitizenId.set(trainee.citizenId, enrolment);
      roster.byName.set(trainee.searchName, [...(roster.byName.get(trainee.searchName) ?? []), enrolment]);
    }

    const unmatched: RowRejection[] = [];
    const matched: PositionedInput[] = [];
    for (const row of rows) {
      const base = { index: null, row: row.row, name: row.name };
      if (row.status === null) {
        const reason =
          row.statusText === ''
            ? { reason: 'thiếu trạng thái', reasonEn: 'the status is missing' }
            : {
                reason: `trạng thái "${row.statusText}" không hợp lệ (dùng: ${STATUS_CHOICES.vi})`,
                reasonEn: `the status "${row.statusText}" is not recognised (use: ${STATUS_CHOICES.en})`,
              };
        unmatched.push({ ...base, enrolmentId: null, field: 'status', ...reason });
        continue;
      }
      const match = matchRow(row, roster);
      if (match instanceof Enrolment) matched.push({ ...base, enrolmentId: match.id, status: row.status, note: row.note });
      else unmatched.push({ ...base, enrolmentId: null, field: 'name', ...match });
    }
    const { accepted, rejected } = await checkRows(tx, session, matched, today);
    const allRejected = [...unmatched, ...rejected].sort((a, b) => a.row - b.row);
    if (input.mode === ImportMode.ALL_OR_NOTHING && allRejected.length > 0) {
      throw rowsRejected('csv', { vi: 'Tệp điểm danh', en: 'The file' }, allRejected, session.id);
    }
    const { created, changed, unchanged } = await applyMarks(tx, identity, session, accepted, AttendanceChangeSource.IMPORT);
    return { mode: input.mode, rows: rows.length, imported: accepted.length, created, changed, unchanged, rejected: allRejected };
  });
}
