/**
 * The signed-in person, read from their bearer token. The token is verified by the gateway, not
 * here: the payload only decides which pages to offer. Kept in sessionStorage, so that it ends
 * with the tab.
 */
import { isRole, type Role } from '@metrology/kit/vocabulary';

export { ROLES, type Role } from '@metrology/kit/vocabulary';

export interface Session {
  token: string;
  subject: string;
  name: string | null;
  roles: Role[];
  /** Milliseconds since the epoch, or null when the token does not say. */
  expiresAt: number | null;
}

function decodeBase64Url(text: string): string {
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The session a JWT describes, or null when it is not a readable JWT with a subject. */
export function sessionFromToken(token: string): Session | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(decodeBase64Url(parts[1])) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') return null;
  const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
  return {
    token: token.trim(),
    subject: payload.sub,
    name: typeof payload.name === 'string' ? payload.name : null,
    roles,
    expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : null,
  };
}

/** Whether the session's token has expired at `now`. */
export function isExpired(session: Session, now: number): boolean {
  return session.expiresAt !== null && session.expiresAt <= now;
}

/** The page a role starts on. */
export function homeOf(roles: readonly Role[]): '#/trainer' | '#/trainee' | '#/dashboard' {
  if (roles.includes('trainer')) return '#/trainer';
  if (roles.includes('trainee') && !roles.includes('admin')) return '#/trainee';
  return '#/dashboard';
}
