import { WebVerifyCertificateDocument } from '@metrology/sdk';
import { type FormEvent, useId, useState } from 'react';
import { requestPublic } from '../api/client';
import { ErrorMessage, Loading, PageTitle } from '../components/ui';
import { formatDate } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { routeHref } from '../routes';

/** Public verification (no sign-in): by a typed code, or from a link (#/verify/<code>). */
export function VerifyPage({ code }: { code: string | null }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState(code ?? '');
  const inputId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = typed.trim();
    if (value) window.location.hash = routeHref({ page: 'verify', code: value });
  };

  return (
    <section className="page narrow">
      <PageTitle>{t.verifyTitle}</PageTitle>
      <p>{t.verifyIntro}</p>
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor={inputId}>{t.verificationCode}</label>
        <div className="share-row">
          <input
            id={inputId}
            type="text"
            value={typed}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            onChange={(event) => setTyped(event.target.value)}
          />
          <button type="submit">{t.verifyButton}</button>
        </div>
      </form>
      {code ? <Verification key={code} code={code} /> : null}
    </section>
  );
}

function Verification({ code }: { code: string }) {
  const { t } = useI18n();
  // Sent without a token: what anyone can see, whoever is signed in.
  const result = useLoad(`verify:${code}`, () => requestPublic(WebVerifyCertificateDocument, { code }));
  if (result.loading && !result.data) return <Loading />;
  if (result.error) {
    return result.error.code === 'NOT_FOUND' ? (
      <div className="verdict verdict-unknown" role="alert" data-testid="verdict" data-status="NOT_FOUND">
        <p className="verdict-title">{t.verifyNotFound}</p>
      </div>
    ) : (
      <ErrorMessage error={result.error} onRetry={result.reload} />
    );
  }
  if (!result.data) return null;
  const verification = result.data.verifyCertificate;
  const valid = verification.status === 'VALID';
  // A replaced (reissued) certificate names the newest one of its chain: serial, status and date only.
  const replacement = verification.replacement;
  return (
    <div
      className={`verdict ${valid ? 'verdict-valid' : 'verdict-revoked'}`}
      role="status"
      data-testid="verdict"
      data-status={verification.status}
    >
      <p className="verdict-title">
        <span aria-hidden="true">{valid ? '✔' : '✖'}</span> {valid ? t.verifyValid : t.verifyRevoked}
      </p>
      <dl>
        <dt>{t.holder}</dt>
        <dd>{verification.holderName}</dd>
        <dt>{t.course}</dt>
        <dd>{verification.courseTitle}</dd>
        <dt>{t.serial}</dt>
        <dd>{verification.serial}</dd>
        <dt>{t.issuedOn}</dt>
        <dd>{formatDate(verification.issuedOn)}</dd>
      </dl>
      {replacement ? (
        <div className="verdict-replacement" data-testid="replacement" data-status={replacement.status}>
          <p>{t.verifyReplaced(replacement.serial, formatDate(replacement.issuedOn))}</p>
          <p>
            {t.verifyReplacementStatus}: <strong>{t.certificateStatus[replacement.status]}</strong>
          </p>
        </div>
      ) : null}
    </div>
  );
}
