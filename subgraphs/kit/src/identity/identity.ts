/** The roles (docs/RULES.md, "Roles"). A caller holds zero or more. */
export const ROLES = ['admin', 'trainer', 'trainee', 'assessor', 'finance', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Who is calling. `subject` is the identity provider's stable user id (the JWT `sub`); it links
 * to at most one trainee record and to the courses a trainer teaches. Anonymous callers have a
 * null subject and no roles: they may only use public operations (certificate verification).
 */
export interface Identity {
  subject: string | null;
  roles: Role[];
  /** Display name from the token, for audit trails ("who"). Not personal data of trainees. */
  name: string | null;
}

/**
 * Subjects of service identities (`service:<subgraph>`), the identity one subgraph asks another as
 * (kit `peers/`). No person's token may carry one: the token check refuses it.
 */
export const SERVICE_SUBJECT_PREFIX = 'service:';

export const ANONYMOUS: Identity = Object.freeze({ subject: null, roles: [], name: null }) as Identity;

export function hasAnyRole(identity: Identity, roles: readonly Role[]): boolean {
  return identity.roles.some((role) => roles.includes(role));
}
