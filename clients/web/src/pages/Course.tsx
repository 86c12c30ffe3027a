import {
  ImportAttendanceCsvDocument,
  type ImportAttendanceCsvMutation,
  IssueCertificateDocument,
  WebCompleteCourseDocument,
  WebCourseDocument,
} from '@metrology/sdk';
import { type FormEvent, useId, useState } from 'react';
import { asRequestError, type GraphQLRequestError, request, rowsOf } from '../api/client';
import { loadRoster } from '../api/roster';
import type { CourseDetail, ImportMode, RosterEntry } from '../api/types';
import { useAuth } from '../auth';
import { Badge, ErrorMessage, Loading, Notice, PageTitle, ScrollRegion } from '../components/ui';
import { formatDate, formatPercent, todayInVietnam } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { routeHref } from '../routes';

const CSV_MAX_BYTES = 1_000_000;

/** A course for its trainer: sessions, roster with rates and completion, CSV import, certificates. */
export function CoursePage({ courseId }: { courseId: string }) {
  const { t } = useI18n();
  const { session } = useAuth();
  const course = useLoad(`course:${courseId}:${session?.subject}`, () => request(WebCourseDocument, { id: courseId }));
  const roster = useLoad(`roster:${courseId}:${session?.subject}`, () => loadRoster(courseId));

  if (!course.data) {
    return (
      <section className="page">
        <ErrorMessage error={course.error} onRetry={course.reload} />
        {course.loading ? <Loading /> : null}
      </section>
    );
  }
  const detail = course.data.course;
  return (
    <section className="page">
      <p>
        <a href={routeHref({ page: 'trainer' })}>← {t.myCourses}</a>
      </p>
      <PageTitle>{detail.title}</PageTitle>
      <p className="meta">
        <span>{detail.code}</span>
        <span>
          {formatDate(detail.startDate)} – {formatDate(detail.endDate)}
        </span>
        <span>
          {t.venue}: {detail.venue}
        </span>
        <Badge tone={detail.status === 'COMPLETED' ? 'done' : 'info'}>{t.courseStatus[detail.status]}</Badge>
      </p>

      <section aria-labelledby="sessions-heading" className="panel">
        <h2 id="sessions-heading">{t.sessions}</h2>
        {detail.sessions.length === 0 ? <p>{t.noSessions}</p> : null}
        <ul className="session-list">
          {detail.sessions.map((item) => (
            <li key={item.id}>
              <span className="session-when">
                {formatDate(item.date)} · {item.startTime}–{item.endTime}
              </span>
              <span className="session-topic">{item.topic}</span>
              <a
                className="button-link"
                href={routeHref({ page: 'session', sessionId: item.id })}
                aria-label={t.takeAttendanceFor(formatDate(item.date))}
              >
                {t.takeAttendance}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <RosterPanel course={detail} entries={roster.data} error={roster.error} loading={roster.loading} onRetry={roster.reload} />
      <CsvImportPanel course={detail} onImported={roster.reload} />
      <CertificatesPanel
        course={detail}
        entries={roster.data}
        onChanged={() => {
          course.reload();
          roster.reload();
        }}
      />
    </section>
  );
}

function RosterPanel({
  course,
  entries,
  error,
  loading,
  onRetry,
}: {
  course: CourseDetail;
  entries: RosterEntry[] | null;
  error: GraphQLRequestError | null;
  loading: boolean;
  onRetry(): void;
}) {
  const { t, language } = useI18n();
  return (
    <section aria-labelledby="roster-heading" className="panel">
      <h2 id="roster-heading">{t.roster}</h2>
      <p className="hint">{t.minimumRate(formatPercent(course.minAttendanceRate, language, 0))}</p>
      <ErrorMessage error={error} onRetry={onRetry} />
      {loading && !entries ? <Loading /> : null}
      {entries && entries.length === 0 ? <p>{t.noEnrolments}</p> : null}
      {entries && entries.length > 0 ? (
        <ScrollRegion labelledBy="roster-heading">
          <table className="roster" data-testid="roster">
            <thead>
              <tr>
                <th scope="col">{t.fullName}</th>
                <th scope="col">{t.attendance}</th>
                <th scope="col">{t.rate}</th>
                <th scope="col">{t.completion}</th>
                <th scope="col">{t.certificate}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.enrolment.id} data-enrolment={entry.enrolment.id}>
                  <th scope="row">{entry.trainee.fullName}</th>
                  <td>{t.attendedOf(entry.attendance.attended, entry.attendance.counted)}</td>
                  <td className="number" data-testid="rate">
                    {formatPercent(entry.attendance.rate, language)}
                  </td>
                  <td title={language === 'vi' ? entry.completion.reason : entry.completion.reasonEn}>
                    {entry.enrolment.status === 'ENROLLED'
                      ? t.completionState[entry.completion.state]
                      : t.enrolmentStatus[entry.enrolment.status]}
                  </td>
                  <td>{entry.enrolment.certificate?.serial ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </section>
  );
}

function CsvImportPanel({ course, onImported }: { course: CourseDetail; onImported(): void }) {
  const { t, language } = useI18n();
  const ids = { session: useId(), file: useId(), mode: useId(), help: useId() };
  const [sessionId, setSessionId] = useState(course.sessions[0]?.id ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('ALL_OR_NOTHING');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportAttendanceCsvMutation['importAttendanceCsv'] | null>(null);
  const [error, setError] = useState<GraphQLRequestError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setReport(null);
    setError(null);
    setProblem(null);
    if (!file) return setProblem(t.chooseFileFirst);
    if (file.size > CSV_MAX_BYTES) return setProblem(t.fileTooLarge);
    setBusy(true);
    try {
      const csv = await file.text();
      const data = await request(ImportAttendanceCsvDocument, { sessionId, csv, mode });
      setReport(data.importAttendanceCsv);
      onImported();
    } catch (caught) {
      setError(asRequestError(caught));
    } finally {
      setBusy(false);
    }
  };

  const rejected = report?.rejected ?? rowsOf(error);
  return (
    <section aria-labelledby="import-heading" className="panel">
      <h2 id="import-heading">{t.importTitle}</h2>
      <form className="stack" onSubmit={(event) => void submit(event)} aria-describedby={ids.help}>
        <p id={ids.help} className="hint">
          {t.importHelp}
        </p>
        <label htmlFor={ids.session}>{t.importSession}</label>
        <select id={ids.session} value={sessionId} onChange={(event) => setSessionId(event.target.value)} required>
          {course.sessions.map((item) => (
            <option key={item.id} value={item.id}>
              {formatDate(item.date)} · {item.startTime} · {item.topic}
            </option>
          ))}
        </select>
        <label htmlFor={ids.file}>{t.importFile}</label>
        <input id={ids.file} type="file" accept=".csv,text/csv" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        <label htmlFor={ids.mode}>{t.importMode}</label>
        <select id={ids.mode} value={mode} onChange={(event) => setMode(event.target.value as ImportMode)}>
          {(['ALL_OR_NOTHING', 'VALID_ROWS_ONLY'] as const).map((value) => (
            <option key={value} value={value}>
              {t.importModes[value]}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy || course.sessions.length === 0}>
          {busy ? t.importing : t.importButton}
        </button>
      </form>
      {problem ? (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      ) : null}
      {rowsOf(error).length > 0 ? (
        <p className="notice notice-error" role="alert">
          {t.importRejected}
        </p>
      ) : (
        <ErrorMessage error={error} />
      )}
      {report ? (
        <Notice>
          <span data-testid="import-report">
            {t.importReport(
              report.rows,
              report.imported,
              report.created,
              report.changed,
              report.unchanged,
              report.rejected.length,
            )}
          </span>
        </Notice>
      ) : null}
      {rejected.length > 0 ? (
        <ScrollRegion label={t.rejectedRows}>
          <table>
            <caption>{t.rejectedRows}</caption>
            <thead>
              <tr>
                <th scope="col">{t.row}</th>
                <th scope="col">{t.fullName}</th>
                <th scope="col">{t.reason}</th>
              </tr>
            </thead>
            <tbody>
              {rejected.map((row) => (
                <tr key={`${row.row}-${row.name ?? ''}`}>
                  <td className="number">{row.row}</td>
                  <td>{row.name ?? '—'}</td>
                  <td>{language === 'vi' ? row.reason : row.reasonEn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </section>
  );
}

function CertificatesPanel({
  course,
  entries,
  onChanged,
}: {
  course: CourseDetail;
  entries: RosterEntry[] | null;
  onChanged(): void;
}) {
  const { t, language } = useI18n();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ name: string; error: GraphQLRequestError }[]>([]);
  const [completeError, setCompleteError] = useState<GraphQLRequestError | null>(null);

  const completed = (entries ?? []).filter((entry) => entry.enrolment.status === 'COMPLETED');
  const pending = completed.filter((entry) => !entry.enrolment.certificate);
  const canClose = course.status !== 'COMPLETED' && course.status !== 'CANCELLED' && course.endDate < todayInVietnam();

  const close = async () => {
    setBusy(true);
    setCompleteError(null);
    setMessage(null);
    try {
      const data = await request(WebCompleteCourseDocument, { courseId: course.id });
      setMessage(t.courseCompleted(data.completeCourse.completed, data.completeCourse.notCompleted));
      onChanged();
    } catch (caught) {
      setCompleteError(asRequestError(caught));
    } finally {
      setBusy(false);
    }
  };

  /** One certificate at a time, so that the bar shows real progress and a failure stops nothing else. */
  const issue = async () => {
    const queue = [...pending];
    setBusy(true);
    setMessage(null);
    setErrors([]);
    setProgress({ done: 0, total: queue.length });
    let issued = 0;
    const failures: { name: string; error: GraphQLRequestError }[] = [];
    for (const [index, entry] of queue.entries()) {
      try {
        await request(IssueCertificateDocument, { enrolmentId: entry.enrolment.id });
        issued++;
      } catch (caught) {
        failures.push({ name: entry.trainee.fullName, error: asRequestError(caught) });
      }
      setProgress({ done: index + 1, total: queue.length });
    }
    setErrors(failures);
    setMessage(t.issueDone(issued, failures.length));
    setBusy(false);
    onChanged();
  };

  return (
    <section aria-labelledby="certificates-heading" className="panel">
      <h2 id="certificates-heading">{t.certificatesTitle}</h2>
      {course.status !== 'COMPLETED' ? <p className="hint">{t.completeCourseHint}</p> : null}
      {canClose ? (
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void close()}>
          {t.completeCourse}
        </button>
      ) : null}
      <ErrorMessage error={completeError} />
      {entries ? (
        <p data-testid="certificates-held">{t.certificatesHeld(completed.length - pending.length, completed.length)}</p>
      ) : null}
      {pending.length > 0 ? (
        <button type="button" disabled={busy} onClick={() => void issue()}>
          {t.issueCertificates(pending.length)}
        </button>
      ) : entries && completed.length > 0 && !progress ? (
        <p>{t.nothingToIssue}</p>
      ) : null}
      {progress ? (
        <div className="progress">
          <progress
            value={progress.done}
            max={Math.max(progress.total, 1)}
            aria-label={t.issueProgressLabel}
            data-testid="issue-progress"
          />
          <span aria-live="polite">{t.issuingProgress(progress.done, progress.total)}</span>
        </div>
      ) : null}
      {message ? <Notice>{message}</Notice> : null}
      {errors.length > 0 ? (
        <ul className="error-list">
          {errors.map((failure) => (
            <li key={failure.name}>
              {failure.name}: {language === 'vi' ? failure.error.message : failure.error.messageEn}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
