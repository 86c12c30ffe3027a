import { type FormEvent, useId, useState } from 'react';
import { asRequestError, GraphQLRequestError } from '../api/client';
import { useAuth } from '../auth';
import { ErrorMessage, Notice, PageTitle } from '../components/ui';
import { useI18n } from '../i18n';
import { parseRoute } from '../routes';
import { homeOf, ROLES, type Role, sessionFromToken } from '../session';

/** Asks the development gateway for a demo user's token (refused with 404 in production). */
async function developmentToken(role: Role): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch(`/dev/token?role=${encodeURIComponent(role)}`, { headers: { accept: 'application/json' } });
  } catch (cause) {
    throw GraphQLRequestError.ofCode('NETWORK_ERROR', { cause });
  }
  if (response.status === 404) return null;
  if (!response.ok) throw GraphQLRequestError.ofCode('INVALID_RESPONSE', { status: response.status });
  const body = (await response.json()) as { token?: unknown };
  return typeof body.token === 'string' ? body.token : null;
}

/**
 * Sign-in: in development a demo user of each role; in a deployment, a token of the identity
 * provider pasted here (or handed over by its login page).
 */
export function SignInPage() {
  const { t } = useI18n();
  const { signIn, expired } = useAuth();
  const [error, setError] = useState<GraphQLRequestError | null>(null);
  const [devUnavailable, setDevUnavailable] = useState(false);
  const [busy, setBusy] = useState<Role | null>(null);
  const [token, setToken] = useState('');
  const tokenId = useId();

  const enter = (value: string) => {
    const session = signIn(value);
    if (!session) {
      const readable = sessionFromToken(value);
      const message = readable ? t.tokenExpired : t.tokenUnreadable;
      setError(new GraphQLRequestError('BAD_TOKEN', message, message));
      return;
    }
    // Opened from a link to another page (signed out): that page now shows; else the role's start page.
    if (parseRoute(window.location.hash).page === 'signin') window.location.hash = homeOf(session.roles);
  };

  const chooseRole = async (role: Role) => {
    setBusy(role);
    setError(null);
    try {
      const value = await developmentToken(role);
      if (value) enter(value);
      else setDevUnavailable(true);
    } catch (caught) {
      setError(asRequestError(caught));
    } finally {
      setBusy(null);
    }
  };

  const submitToken = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    enter(token);
  };

  return (
    <section className="page narrow">
      <PageTitle>{t.signInTitle}</PageTitle>
      {expired ? <Notice kind="warning">{t.sessionExpired}</Notice> : null}
      <ErrorMessage error={error} />
      {devUnavailable ? (
        <Notice kind="info">{t.devSignInUnavailable}</Notice>
      ) : (
        <>
          <p>{t.signInDemoIntro}</p>
          <ul className="role-list">
            {ROLES.map((role) => (
              <li key={role}>
                <button
                  type="button"
                  className="button-role"
                  data-role={role}
                  disabled={busy !== null}
                  aria-busy={busy === role}
                  onClick={() => void chooseRole(role)}
                >
                  {t.signInAsRole(t.roles[role])}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <form className="stack" onSubmit={submitToken}>
        <label htmlFor={tokenId}>{t.signInTokenLabel}</label>
        <textarea
          id={tokenId}
          rows={3}
          value={token}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setToken(event.target.value)}
        />
        <button type="submit" className="button-secondary" disabled={token.trim() === ''}>
          {t.signInWithToken}
        </button>
      </form>
      <p>
        <a href="#/verify">{t.verifyWithoutSignIn}</a>
      </p>
    </section>
  );
}
