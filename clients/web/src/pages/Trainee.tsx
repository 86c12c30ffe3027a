import { WebMyAttendanceDocument, WebMyCertificatesDocument, WebMyEnrolmentsDocument } from '@metrology/sdk';
import { useId, useRef, useState } from 'react';
import { asRequestError, downloadCertificate, type GraphQLRequestError, request } from '../api/client';
import type { MyCertificate, MyEnrolment } from '../api/types';
import { useAuth } from '../auth';
import { Badge, ErrorMessage, Loading, Notice, PageTitle, ScrollRegion } from '../components/ui';
import { formatDate, formatPercent } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';

/** The shareable address of a certificate's public verification page (the one its QR code carries). */
export function verificationLink(origin: string, code: string): string {
  return `${origin}/verify/${encodeURIComponent(code)}`;
}

/** A trainee's own courses with attendance, and certificates to download and share. */
export function TraineePage() {
  const { t } = useI18n();
  const { session } = useAuth();
  const enrolments = useLoad(`my-enrolments:${session?.subject}`, () => request(WebMyEnrolmentsDocument));
  const certificates = useLoad(`my-certificates:${session?.subject}`, () => request(WebMyCertificatesDocument));

  return (
    <section className="page">
      <PageTitle>{t.myEnrolments}</PageTitle>
      <ErrorMessage error={enrolments.error} onRetry={enrolments.reload} />
      {enrolments.loading && !enrolments.data ? <Loading /> : null}
      {enrolments.data && !enrolments.data.myTrainee ? <Notice kind="info">{t.noTraineeRecord}</Notice> : null}
      {enrolments.data?.myTrainee && enrolments.data.myEnrolments.items.length === 0 ? <p>{t.noMyEnrolments}</p> : null}
      <ul className="card-list">
        {enrolments.data?.myEnrolments.items.map((enrolment) => (
          <EnrolmentCard key={enrolment.id} enrolment={enrolment} />
        ))}
      </ul>

      <section aria-labelledby="certificates-heading" className="panel">
        <h2 id="certificates-heading">{t.myCertificates}</h2>
        <ErrorMessage error={certificates.error} onRetry={certificates.reload} />
        {certificates.loading && !certificates.data ? <Loading /> : null}
        {certificates.data && certificates.data.myCertificates.length === 0 ? <p>{t.noCertificates}</p> : null}
        <ul className="card-list">
          {certificates.data?.myCertificates.map((certificate) => (
            <CertificateCard key={certificate.id} certificate={certificate} />
          ))}
        </ul>
      </section>
    </section>
  );
}

function EnrolmentCard({ enrolment }: { enrolment: MyEnrolment }) {
  const { t, language } = useI18n();
  const [open, setOpen] = useState(false);
  const regionId = useId();
  return (
    <li className="card" data-testid="enrolment">
      <h3 className="card-title">{enrolment.course.title}</h3>
      <p className="meta">
        <span>{enrolment.course.code}</span>
        <span>
          {formatDate(enrolment.course.startDate)} – {formatDate(enrolment.course.endDate)}
        </span>
        <Badge tone={enrolment.status === 'COMPLETED' ? 'done' : enrolment.status === 'WITHDRAWN' ? 'muted' : 'info'}>
          {t.enrolmentStatus[enrolment.status]}
        </Badge>
      </p>
      {enrolment.attendance ? (
        <p>
          {t.attendance}: {t.attendedOf(enrolment.attendance.attended, enrolment.attendance.counted)} ·{' '}
          {formatPercent(enrolment.attendance.rate, language)}
        </p>
      ) : null}
      {enrolment.completion ? (
        <p className="hint">{language === 'vi' ? enrolment.completion.reason : enrolment.completion.reasonEn}</p>
      ) : null}
      <button
        type="button"
        className="button-secondary"
        aria-expanded={open}
        aria-controls={regionId}
        onClick={() => setOpen(!open)}
      >
        {open ? t.hideAttendance : t.showAttendance}
      </button>
      <div id={regionId}>{open ? <AttendanceTable courseId={enrolment.course.id} /> : null}</div>
    </li>
  );
}

function AttendanceTable({ courseId }: { courseId: string }) {
  const { t } = useI18n();
  const attendance = useLoad(`my-attendance:${courseId}`, () => request(WebMyAttendanceDocument, { courseId }));
  if (!attendance.data) {
    return (
      <>
        <ErrorMessage error={attendance.error} onRetry={attendance.reload} />
        {attendance.loading ? <Loading /> : null}
      </>
    );
  }
  return (
    <ScrollRegion label={t.attendance}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.dates}</th>
            <th scope="col">{t.sessions}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">{t.sessionCounts}</th>
          </tr>
        </thead>
        <tbody>
          {attendance.data.myAttendance.sessions.map((item) => (
            <tr key={item.session.id}>
              <td>{formatDate(item.session.date)}</td>
              <td>{item.session.topic}</td>
              <td>{item.mark ? t.attendanceStatus[item.mark.status] : t.notMarked}</td>
              <td>{item.counts ? t.yes : t.no}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function CertificateCard({ certificate }: { certificate: MyCertificate }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<GraphQLRequestError | null>(null);
  const [copied, setCopied] = useState(false);
  const linkId = useId();
  const linkRef = useRef<HTMLInputElement>(null);
  const link = verificationLink(window.location.origin, certificate.verificationCode);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadCertificate(certificate.id, `${certificate.serial}.pdf`);
    } catch (caught) {
      setError(asRequestError(caught));
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard (an insecure origin, or refused): select the text for a manual copy.
      linkRef.current?.select();
    }
  };

  return (
    <li className="card" data-testid="certificate" data-serial={certificate.serial}>
      <h3 className="card-title">{certificate.courseTitle}</h3>
      <p className="meta">
        <span>
          {t.serial}: {certificate.serial}
        </span>
        <span>
          {t.issuedOn}: {formatDate(certificate.issuedOn)}
        </span>
        <Badge tone={certificate.status === 'VALID' ? 'done' : 'danger'}>{t.certificateStatus[certificate.status]}</Badge>
      </p>
      <button type="button" onClick={() => void download()} disabled={busy} aria-label={t.downloadPdfOf(certificate.serial)}>
        {busy ? t.downloading : t.downloadPdf}
      </button>
      <ErrorMessage error={error} />
      <div className="share">
        <label htmlFor={linkId}>{t.shareLinkOf(certificate.serial)}</label>
        <div className="share-row">
          <input id={linkId} ref={linkRef} type="url" readOnly value={link} onFocus={(event) => event.target.select()} />
          <button type="button" className="button-secondary" onClick={() => void copy()}>
            {copied ? t.copied : t.copy}
          </button>
        </div>
        <a href={`#/verify/${encodeURIComponent(certificate.verificationCode)}`}>{t.navVerify}</a>
      </div>
    </li>
  );
}
