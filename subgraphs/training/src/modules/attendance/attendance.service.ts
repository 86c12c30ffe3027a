import {
  ATTENDANCE_STATUS_NAMES,
  audit,
  BadInputError,
  ConflictError,
  formatDate,
  type Identity,
  isUuid,
  todayInVietnam,
  toNfc,
} from '@metrology/kit';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CourseSession } from '../course/course.entity';
import { Enrolment, EnrolmentStatus } from '../enrolment/enrolment.entity';
import { displayName, sessionOpenForMarks } from './attendance.access';
import type { ImportMode } from './attendance.csv';
import { AttendanceChange, AttendanceChangeSource, AttendanceMark, AttendanceStatus } from './attendance.entity';
import { beforeEnrolment, beforeEnrolmentReason } from './enrolment-window';
import { readSheet, type SheetValue } from './roster.service';

/**
 * Recording attendance (docs/RULES.md, "Attendance"): a whole sheet, a single correction, or a CSV
 * import (./attendance.import.ts). All three apply the same rules and keep the same history; each
 * is one transaction. Knows no GraphQL.
 */

export const NOTE_MAX_LENGTH = 500;

export const SHEET_MAX_ROWS = 2000;

export interface MarkInput {
  enrolmentId: string;
  status: AttendanceStatus;
  /** Undefined keeps the current note; null or empty clears it. */
  note?: string | null;
}

/** A refused row. `row` is what people count: 1-based on a sheet, the file line on an import. */
export interface RowRejection {
  index: number | null;
  row: number;
  enrolmentId: string | null;
  name: string | null;
  field: string;
  reason: string;
  reasonEn: string;
}

export interface MarkCounts {
  created: number;
  changed: number;
  unchanged: number;
}

export interface SheetResult extends MarkCounts {
  sheet: SheetValue;
}

export interface ImportReport extends MarkCounts {
  mode: ImportMode;
  rows: number;
  imported: number;
  rejected: RowRejection[];
}

export interface PositionedInput extends MarkInput {
  index: number | null;
  row: number;
  name: string | null;
}

interface AcceptedRow {
  enrolment: Enrolment;
  status: AttendanceStatus;
  note: string | null | undefined;
}

function normaliseNote(note: string | null | undefined): string | null | undefined {
  if (note === undefined || note === null) return note;
  const nfc = toNfc(note);
  return nfc === '' ? null : nfc;
}

/**
 * The rules of a mark, row by row: an enrolment of this session's course, not withdrawn, enrolled
 * on or before the session's date (./enrolment-window.ts), once per sheet; PRESENT, LATE and
 * ABSENT only once the session's date has come (EXCUSED may be given ahead); a note of at most
 * 500 characters. Every bad row is reported, not only the first.
 */
export async function checkRows(
  em: EntityManager,
  session: CourseSession,
  rows: readonly PositionedInput[],
  today: string,
): Promise<{ accepted: AcceptedRow[]; rejected: RowRejection[] }> {
  const ids = [...new Set(rows.map((row) => row.enrolmentId).filter(isUuid))];
  const enrolments = ids.length === 0 ? [] : await em.find(Enrolment, { id: { $in: ids } }, { populate: ['trainee'] });
  const byId = new Map(enrolments.map((enrolment) => [enrolment.id, enrolment]));
  const occurrences = new Map<string, number[]>();
  for (const row of rows) occurrences.set(row.enrolmentId, [...(occurrences.get(row.enrolmentId) ?? []), row.row]);

  const accepted: AcceptedRow[] = [];
  const rejected: RowRejection[] = [];
  for (const row of rows) {
    const reject = (field: string, reason: string, reasonEn: string) =>
      rejected.push({ index: row.index, row: row.row, enrolmentId: row.enrolmentId, name: row.name, field, reason, reasonEn });
    const enrolment = byId.get(row.enrolmentId);
    const note = normaliseNote(row.note);
    const sameRows = occurrences.get(row.enrolmentId) ?? [];
    if (!enrolment || enrolment.course.id !== session.course.id) {
      reject('enrolmentId', 'không phải học viên ghi danh của khóa học này', "not an enrolment of this session's course");
    } else if (enrolment.status === EnrolmentStatus.WITHDRAWN) {
      reject('enrolmentId', 'học viên đã rút khỏi khóa học', 'the trainee has withdrawn from the course');
    } else if (beforeEnrolment(enrolment, session)) {
      const { reason, reasonEn } = beforeEnrolmentReason(enrolment.trainee.fullName, enrolment.enrolledOn, session.date);
      rejected.push({
        index: row.index,
        row: row.row,
        enrolmentId: row.enrolmentId,
        name: row.name ?? enrolment.trainee.fullName,
        field: 'enrolmentId',
        reason,
        reasonEn,
      });
    } else if (sameRows.length > 1) {
      reject(
        'enrolmentId',
        `học viên xuất hiện nhiều lần (các dòng ${sameRows.join(', ')})`,
        `the same enrolment appears more than once (rows ${sameRows.join(', ')})`,
      );
    } else if (row.status !== AttendanceStatus.EXCUSED && session.date > today) {
      reject(
        'status',
        `buổi học ngày ${formatDate(session.date)} chưa diễn ra: trước buổi học chỉ ghi được "${ATTENDANCE_STATUS_NAMES.EXCUSED.vi}"`,
        `the session of ${session.date} has not taken place yet: only EXCUSED may be recorded ahead`,
      );
    } else if (note && note.length > NOTE_MAX_LENGTH) {
      reject('note', `ghi chú dài quá ${NOTE_MAX_LENGTH} ký tự`, `the note is longer than ${NOTE_MAX_LENGTH} characters`);
    } else {
      accepted.push({ enrolment, status: row.status, note });
    }
  }
  return { accepted, rejected: rejected.sort((a, b) => a.row - b.row) };
}

export function rowsRejected(
  field: string,
  what: { vi: string; en: string },
  rejected: RowRejection[],
  sessionId: string,
): BadInputError {
  return new BadInputError(
    field,
    `${what.vi} không được ghi vì có ${rejected.length} dòng không hợp lệ: ${rejected.map((r) => `dòng ${r.row}: ${r.reason}`).join('; ')}.`,
    `${what.en} was not recorded: ${rejected.length} invalid row(s): ${rejected.map((r) => `row ${r.row}: ${r.reasonEn}`).join('; ')}.`,
    { rows: rejected, sessionId },
  );
}

/**
 * Writes the accepted rows: a new mark, or a changed one, each with its history entry; a row equal
 * to the current mark writes nothing (so sending the same sheet again changes nothing, and the
 * mark's version stays). Audited once per operation when anything changed.
 */
export async function applyMarks(
  em: EntityManager,
  identity: Identity,
  session: CourseSession,
  rows: readonly AcceptedRow[],
  source: AttendanceChangeSource,
): Promise<MarkCounts & { marks: Map<string, AttendanceMark> }> {
  const existing =
    rows.length === 0
      ? []
      : await em.find(AttendanceMark, { session: session.id, enrolment: { $in: rows.map((row) => row.enrolment.id) } });
  const marks = new Map(existing.map((mark) => [mark.enrolment.id, mark]));
  const counts: MarkCounts = { created: 0, changed: 0, unchanged: 0 };
  const who = displayName(identity);
  const now = new Date();
  const changes: { enrolmentId: string; from: AttendanceStatus | null; to: AttendanceStatus }[] = [];
  for (const row of rows) {
    const mark = marks.get(row.enrolment.id);
    const note = row.note === undefined ? (mark?.note ?? null) : row.note;
    if (mark && mark.status === row.status && mark.note === note) {
      counts.unchanged++;
      continue;
    }
    em.create(AttendanceChange, {
      enrolment: row.enrolment,
      session,
      fromStatus: mark?.status ?? null,
      toStatus: row.status,
      fromNote: mark?.note ?? null,
      toNote: note,
      source,
      changedBySubject: identity.subject,
      changedBy: who,
      changedAt: now,
    });
    changes.push({ enrolmentId: row.enrolment.id, from: mark?.status ?? null, to: row.status });
    if (mark) {
      mark.status = row.status;
      mark.note = note;
      mark.recordedBy = who;
      mark.recordedAt = now;
      counts.changed++;
    } else {
      const created = em.create(AttendanceMark, {
        enrolment: row.enrolment,
        session,
        status: row.status,
        note,
        recordedBy: who,
        recordedAt: now,
        version: 1,
      });
      marks.set(row.enrolment.id, created);
      counts.created++;
    }
  }
  if (changes.length > 0) {
    audit(em, identity, {
      entityType: 'CourseSession',
      entityId: session.id,
      action: `attendance.${source.toLowerCase()}`,
      changes: { created: counts.created, changed: counts.changed, unchanged: counts.unchanged, marks: changes },
    });
    await em.flush();
  }
  return { ...counts, marks };
}

/** Two writers on the same marks at once: the later one is told to reload rather than failing obscurely. */
export async function inTransaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await em.transactional(work);
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException || error instanceof OptimisticLockError) {
      throw new ConflictError(
        'Điểm danh vừa được người khác thay đổi. Vui lòng tải lại và thử lại.',
        'The marks were changed by someone else at the same time. Reload and try again.',
      );
    }
    throw error;
  }
}

/** Records a session's whole sheet, all or nothing. */
export async function recordSheet(
  em: EntityManager,
  identity: Identity,
  input: { sessionId: string; rows: readonly MarkInput[] },
  today: string = todayInVietnam(),
): Promise<SheetResult> {
  if (input.rows.length === 0) {
    throw new BadInputError('rows', 'Bảng điểm danh không có dòng nào.', 'The sheet has no rows.');
  }
  if (input.rows.length > SHEET_MAX_ROWS) {
    throw new BadInputError(
      'rows',
      `Bảng điểm danh có hơn ${SHEET_MAX_ROWS} dòng.`,
      `The sheet has more than ${SHEET_MAX_ROWS} rows.`,
    );
  }
  return inTransaction(em, async (tx) => {
    const { session } = await sessionOpenForMarks(tx, identity, input.sessionId);
    const positioned = input.rows.map((row, index) => ({ ...row, index, row: index + 1, name: null }));
    const { accepted, rejected } = await checkRows(tx, session, positioned, today);
    if (rejected.length > 0) throw rowsRejected('rows', { vi: 'Bảng điểm danh', en: 'The sheet' }, rejected, session.id);
    const { created, changed, unchanged } = await applyMarks(tx, identity, session, accepted, AttendanceChangeSource.SHEET);
    return { created, changed, unchanged, sheet: await readSheet(tx, session, today) };
  });
}

/** Corrects one mark; with `version`, a mark changed since it was read gets CONFLICT. */
export async function correctMark(
  em: EntityManager,
  identity: Identity,
  input: MarkInput & { sessionId: string; version?: number | null },
  today: string = todayInVietnam(),
): Promise<AttendanceMark> {
  return inTransaction(em, async (tx) => {
    const { session } = await sessionOpenForMarks(tx, identity, input.sessionId);
    const positioned = {
      enrolmentId: input.enrolmentId,
      status: input.status,
      note: input.note,
      index: null,
      row: 1,
      name: null,
    };
    const { accepted, rejected } = await checkRows(tx, session, [positioned], today);
    const bad = rejected[0];
    if (bad) {
      const reason = `${bad.reason.charAt(0).toUpperCase()}${bad.reason.slice(1)}.`;
      const reasonEn = `${bad.reasonEn.charAt(0).toUpperCase()}${bad.reasonEn.slice(1)}.`;
      throw new BadInputError(bad.field, reason, reasonEn, { enrolmentId: input.enrolmentId, sessionId: session.id });
    }
    const current = await tx.findOne(AttendanceMark, { session: session.id, enrolment: input.enrolmentId });
    if (input.version !== undefined && input.version !== null && current?.version !== input.version) {
      throw new ConflictError(
        'Điểm danh đã được người khác thay đổi sau khi bạn tải. Vui lòng tải lại và thử lại.',
        'The mark was changed after you read it. Reload and try again.',
        { currentVersion: current?.version ?? null },
      );
    }
    const { marks } = await applyMarks(tx, identity, session, accepted, AttendanceChangeSource.CORRECTION);
    const mark = marks.get(input.enrolmentId);
    if (!mark) throw new Error('the corrected mark is missing');
    return mark;
  });
}
