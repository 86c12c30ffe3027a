import { type AttendanceSheetRowInput, WebRecordAttendanceSheetDocument, WebSessionSheetDocument } from '@metrology/sdk';
import { useId, useMemo, useState } from 'react';
import { asRequestError, type GraphQLRequestError, type RowRejection, request, rowsOf } from '../api/client';
import { loadRoster } from '../api/roster';
import { ATTENDANCE_STATUSES, type AttendanceStatus, type RosterEntry, type SessionSheet } from '../api/types';
import { useAuth } from '../auth';
import { ErrorMessage, Loading, Notice, PageTitle } from '../components/ui';
import { formatDate, formatPercent } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { routeHref } from '../routes';

/** A row as edited on the phone: the status chosen (or none yet) and the note. */
interface Mark {
  status: AttendanceStatus | null;
  note: string | null;
}

function marksOf(sheet: SessionSheet): Record<string, Mark> {
  return Object.fromEntries(
    sheet.rows.map((row) => [row.enrolment.id, { status: row.mark?.status ?? null, note: row.mark?.note ?? null }]),
  );
}

function sameMark(a: Mark | undefined, b: Mark | undefined): boolean {
  return (a?.status ?? null) === (b?.status ?? null) && (a?.note ?? null) === (b?.note ?? null);
}

/**
 * The attendance sheet of one session, made for a phone in a classroom: one tap per status, all
 * present in one tap, saved once as a whole sheet. A refused sheet marks its bad rows; nothing is
 * written until every row is right.
 */
export function SheetPage({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const { session } = useAuth();
  const loaded = useLoad(`sheet:${sessionId}:${session?.subject}`, () => request(WebSessionSheetDocument, { sessionId }));
  // The sheet as last read from the server, and the marks being edited.
  const [saved, setSaved] = useState<SessionSheet | null>(null);
  const [edits, setEdits] = useState<Record<string, Mark> | null>(null);
  const sheet = saved ?? loaded.data?.sessionSheet ?? null;
  const original = useMemo(() => (sheet ? marksOf(sheet) : {}), [sheet]);
  const marks = edits ?? original;

  const courseId = sheet?.session.course.id ?? null;
  const roster = useLoad(`roster:${courseId}:${sessionId}`, () =>
    courseId ? loadRoster(courseId) : Promise.resolve([] as RosterEntry[]),
  );
  const rates = useMemo(
    () => new Map((roster.data ?? []).map((entry) => [entry.enrolment.id, entry.attendance.rate])),
    [roster.data],
  );

  const [rowErrors, setRowErrors] = useState<Record<string, RowRejection>>({});
  const [otherErrors, setOtherErrors] = useState<RowRejection[]>([]);
  const [error, setError] = useState<GraphQLRequestError | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (!sheet) {
    return (
      <section className="page">
        <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
        {loaded.loading ? <Loading /> : null}
      </section>
    );
  }

  const unsaved = sheet.rows.filter((row) => !sameMark(marks[row.enrolment.id], original[row.enrolment.id])).length;
  const errorCount = Object.keys(rowErrors).length + otherErrors.length;

  const change = (enrolmentId: string, mark: Partial<Mark>) => {
    setEdits({ ...marks, [enrolmentId]: { ...(marks[enrolmentId] ?? { status: null, note: null }), ...mark } });
    setResult(null);
    setProblem(null);
    if (rowErrors[enrolmentId]) dismiss(enrolmentId);
  };

  const dismiss = (enrolmentId: string) =>
    setRowErrors((current) => Object.fromEntries(Object.entries(current).filter(([id]) => id !== enrolmentId)));

  const clearErrors = () => {
    setRowErrors({});
    setOtherErrors([]);
    setError(null);
  };

  const markAllPresent = () => {
    setEdits(Object.fromEntries(sheet.rows.map((row) => [row.enrolment.id, { ...marks[row.enrolment.id], status: 'PRESENT' }])));
    setResult(null);
    setProblem(null);
    setRowErrors({});
  };

  const save = async () => {
    const rows: AttendanceSheetRowInput[] = [];
    for (const row of sheet.rows) {
      const mark = marks[row.enrolment.id];
      if (mark?.status)
        rows.push({ enrolmentId: row.enrolment.id, status: mark.status, ...(mark.note !== null ? { note: mark.note } : {}) });
    }
    clearErrors();
    setResult(null);
    if (rows.length === 0) return setProblem(t.nothingToSave);
    setBusy(true);
    try {
      const data = await request(WebRecordAttendanceSheetDocument, { input: { sessionId, rows } });
      const recorded = data.recordAttendanceSheet;
      setSaved(recorded.sheet);
      setEdits(null);
      setResult(t.sheetSaved(recorded.created, recorded.changed, recorded.unchanged));
      roster.reload();
    } catch (caught) {
      const failure = asRequestError(caught);
      const rejections = rowsOf(failure);
      const byRow: Record<string, RowRejection> = {};
      const others: RowRejection[] = [];
      for (const rejection of rejections) {
        // The server numbers the rows of the list sent; map them back to the enrolments shown.
        const enrolmentId = rejection.enrolmentId ?? (rejection.index != null ? rows[rejection.index]?.enrolmentId : undefined);
        if (enrolmentId && marks[enrolmentId]) byRow[enrolmentId] = rejection;
        else others.push(rejection);
      }
      if (rejections.length > 0) {
        setRowErrors(byRow);
        setOtherErrors(others);
      } else {
        setError(failure);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page sheet-page">
      <p>
        <a href={routeHref({ page: 'course', courseId: sheet.session.course.id })}>← {t.backToCourse}</a>
      </p>
      <PageTitle>{t.sheetTitle}</PageTitle>
      <p className="meta">
        <span>{sheet.session.course.title}</span>
        <span>
          {formatDate(sheet.session.date)} · {sheet.session.startTime}–{sheet.session.endTime}
        </span>
        <span>{sheet.session.topic}</span>
      </p>
      {sheet.held ? null : <Notice kind="warning">{t.sessionNotHeld}</Notice>}
      {sheet.rows.length === 0 ? <p>{t.noEnrolments}</p> : null}
      {errorCount > 0 ? (
        <div className="notice notice-error" role="alert" data-testid="sheet-errors">
          <p>{t.sheetRejected(errorCount)}</p>
          {otherErrors.length > 0 ? (
            <ul>
              {otherErrors.map((rejection) => (
                <li key={rejection.row}>
                  <RejectionText rejection={rejection} />
                </li>
              ))}
            </ul>
          ) : null}
          <button type="button" className="button-secondary" onClick={clearErrors}>
            {t.clearErrors}
          </button>
        </div>
      ) : null}
      <ErrorMessage error={error} />
      <ol className="sheet">
        {sheet.rows.map((row) => (
          <SheetRowItem
            key={row.enrolment.id}
            enrolmentId={row.enrolment.id}
            name={row.trainee.fullName}
            mark={marks[row.enrolment.id] ?? { status: null, note: null }}
            rate={rates.get(row.enrolment.id)}
            rejection={rowErrors[row.enrolment.id]}
            onChange={(mark) => change(row.enrolment.id, mark)}
            onDismiss={() => dismiss(row.enrolment.id)}
          />
        ))}
      </ol>
      <div className="sheet-actions">
        <p className="sheet-state" aria-live="polite">
          {result ? (
            <span className="saved" data-testid="sheet-result">
              {result}
            </span>
          ) : problem ? (
            <span className="problem">{problem}</span>
          ) : unsaved > 0 ? (
            t.unsavedRows(unsaved)
          ) : (
            t.allSaved
          )}
        </p>
        <div className="sheet-buttons">
          <button type="button" className="button-secondary" onClick={markAllPresent} disabled={busy || sheet.rows.length === 0}>
            {t.markAllPresent}
          </button>
          <button type="button" onClick={() => void save()} disabled={busy || sheet.rows.length === 0}>
            {busy ? t.saving : t.saveSheet}
          </button>
        </div>
      </div>
    </section>
  );
}

function RejectionText({ rejection }: { rejection: RowRejection }) {
  const { t, language } = useI18n();
  return (
    <>
      {t.rowError(rejection.row)}: {language === 'vi' ? rejection.reason : rejection.reasonEn}
    </>
  );
}

function SheetRowItem({
  enrolmentId,
  name,
  mark,
  rate,
  rejection,
  onChange,
  onDismiss,
}: {
  enrolmentId: string;
  name: string;
  mark: Mark;
  rate: number | null | undefined;
  rejection: RowRejection | undefined;
  onChange(mark: Partial<Mark>): void;
  onDismiss(): void;
}) {
  const { t, language } = useI18n();
  const errorId = useId();
  const noteId = useId();
  return (
    <li
      className={`sheet-row${rejection ? ' has-error' : ''}`}
      data-enrolment={enrolmentId}
      data-status={mark.status ?? ''}
      data-testid="sheet-row"
    >
      <fieldset aria-describedby={rejection ? errorId : undefined} aria-invalid={rejection ? true : undefined}>
        <legend>
          <span className="trainee-name">{name}</span>
          {rate !== undefined ? (
            <span className="row-rate" data-testid="row-rate">
              {t.currentRate}: {formatPercent(rate, language)}
            </span>
          ) : null}
        </legend>
        <div className="status-options">
          {ATTENDANCE_STATUSES.map((status) => (
            <label key={status} className={`status-option status-${status.toLowerCase()}`}>
              <input
                type="radio"
                name={`status-${enrolmentId}`}
                value={status}
                checked={mark.status === status}
                onChange={() => onChange({ status })}
              />
              <span>{t.attendanceStatus[status]}</span>
            </label>
          ))}
        </div>
        <details className="row-note" open={mark.note ? true : undefined}>
          <summary>{t.note}</summary>
          <label htmlFor={noteId} className="visually-hidden">
            {t.noteFor(name)}
          </label>
          <input
            id={noteId}
            type="text"
            maxLength={500}
            value={mark.note ?? ''}
            onChange={(event) => onChange({ note: event.target.value })}
          />
        </details>
      </fieldset>
      {rejection ? (
        <p className="row-error" id={errorId} data-testid="row-error">
          <span>
            <RejectionText rejection={rejection} />
          </span>
          <button type="button" className="button-small" onClick={onDismiss} aria-label={`${t.dismissError}: ${name}`}>
            {t.dismissError}
          </button>
        </p>
      ) : null}
    </li>
  );
}
