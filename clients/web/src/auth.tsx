import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setApiToken, setUnauthenticatedHandler } from './api/client';
import { isExpired, type Session, sessionFromToken } from './session';

interface Auth {
  session: Session | null;
  /** Set when the gateway refused the token or it expired, until the next sign-in. */
  expired: boolean;
  signIn(token: string): Session | null;
  signOut(): void;
}

const STORAGE_KEY = 'metrology.token';

const AuthContext = createContext<Auth>({
  session: null,
  expired: false,
  signIn: () => null,
  signOut: () => undefined,
});

function storedSession(): Session | null {
  let session: Session | null = null;
  try {
    const token = sessionStorage.getItem(STORAGE_KEY);
    session = token ? sessionFromToken(token) : null;
  } catch {
    session = null;
  }
  const valid = session && !isExpired(session, Date.now()) ? session : null;
  setApiToken(valid?.token ?? null);
  return valid;
}

/** Keeps the token for this tab and hands it to the API calls at once (before any page loads). */
function store(token: string | null): void {
  setApiToken(token);
  try {
    if (token) sessionStorage.setItem(STORAGE_KEY, token);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage may be disabled: the session then lasts until the page is reloaded.
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(storedSession);
  const [expired, setExpired] = useState(false);

  const signIn = useCallback((token: string) => {
    const next = sessionFromToken(token);
    if (!next || isExpired(next, Date.now())) return null;
    store(next.token);
    setSession(next);
    setExpired(false);
    return next;
  }, []);

  const signOut = useCallback(() => {
    store(null);
    setSession(null);
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      store(null);
      setSession(null);
      setExpired(true);
    });
  }, []);

  const value = useMemo(() => ({ session, expired, signIn, signOut }), [session, expired, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  return useContext(AuthContext);
}
