import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { textViolation } from '../input/policy';
import { type Identity, isRole, type Role, SERVICE_SUBJECT_PREFIX } from './identity';

/**
 * Bearer tokens are verified at the gateway. Development uses HS256 with a marked development
 * secret; a deployment points at its identity provider with a public key (PEM) or a JWKS URL.
 */
export interface JwtConfig {
  issuer: string;
  audience: string;
  /** HS256 shared secret (development default). Ignored when a public key or JWKS URL is set. */
  secret: string;
  publicKeyPem?: string;
  jwksUrl?: string;
  /** Claim holding the roles array. */
  rolesClaim: string;
  /**
   * Longest lifetime a token may have, in seconds: `exp` minus `iat` (or minus now, when `iat` is
   * missing or in the future). A token without `exp` is refused.
   */
  maxLifetimeSeconds: number;
}

/** Default of `JWT_MAX_LIFETIME_SECONDS`: a working day (docs/ARCHITECTURE.md, "Identity"). */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

/** How far in the future an `iat` is still believed (the issuer's clock may run a little ahead). */
const ISSUED_AT_SKEW_SECONDS = 60;

/**
 * Why a verified token's lifetime is refused, or null when it is within `maxSeconds`. The lifetime
 * counts from `iat` when the issuer's clock is believable, otherwise from now: a token that claims
 * to be issued far in the future cannot stretch its validity that way.
 */
export function lifetimeProblem(payload: JWTPayload, maxSeconds: number, nowSeconds: number): string | null {
  if (typeof payload.exp !== 'number') return 'token has no expiry (exp)';
  const iat = typeof payload.iat === 'number' ? payload.iat : undefined;
  const from = iat !== undefined && iat <= nowSeconds + ISSUED_AT_SKEW_SECONDS ? iat : nowSeconds;
  const lifetime = payload.exp - from;
  if (lifetime > maxSeconds) {
    return `token lifetime of ${lifetime} s (exp − ${from === iat ? 'iat' : 'now'}) exceeds the maximum of ${maxSeconds} s`;
  }
  return null;
}

export class TokenError extends Error {}

type KeySource =
  | { kind: 'secret'; key: Uint8Array }
  | { kind: 'public'; key: KeyObject }
  | { kind: 'jwks'; key: JWTVerifyGetKey };

function keySource(config: JwtConfig): KeySource {
  if (config.jwksUrl) return { kind: 'jwks', key: createRemoteJWKSet(new URL(config.jwksUrl)) };
  if (config.publicKeyPem) return { kind: 'public', key: createPublicKey(config.publicKeyPem) };
  return { kind: 'secret', key: new TextEncoder().encode(config.secret) };
}

/** Verified tokens remembered at most, the oldest forgotten first. */
const VERIFIED_TOKENS_KEPT = 1_000;
/**
 * Longest time a verified token is answered from memory before it is verified again (its keys
 * re-read), however far away its expiry is.
 */
const VERIFIED_TOKEN_MAX_AGE_MS = 5 * 60 * 1000;

/**
 * Identities of tokens already verified, keyed by the exact token string, each until its token's
 * expiry (never past it): a caller sending the same token with every request has it verified once.
 * A token that differs by one character is another key, verified in full; refusals are not kept.
 */
class VerifiedTokens {
  private readonly entries = new LRUCache<string, { identity: Identity; until: number }>({ max: VERIFIED_TOKENS_KEPT });

  get(token: string, now: number): Identity | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (now >= entry.until) {
      this.entries.delete(token);
      return undefined;
    }
    return copyOf(entry.identity);
  }

  /** `expiresAt`: the token's `exp` in seconds; a token without one is not kept. */
  set(token: string, identity: Identity, expiresAt: number | undefined, now: number): void {
    if (typeof expiresAt !== 'number') return;
    // jose refuses a token once `exp` is not after the current second: the same instant in ms.
    const until = Math.min(expiresAt * 1000, now + VERIFIED_TOKEN_MAX_AGE_MS);
    if (!(until > now)) return;
    this.entries.set(token, { identity: copyOf(identity), until });
  }
}

/** Each request gets its own identity object: nothing one request does to it reaches another. */
function copyOf(identity: Identity): Identity {
  return { subject: identity.subject, roles: [...identity.roles], name: identity.name };
}

/**
 * Builds a verifier once (keys parsed once); call it for every request's bearer token. A token
 * verified before is answered from memory until its expiry (`VerifiedTokens`).
 */
export function createTokenVerifier(config: JwtConfig): (token: string) => Promise<Identity> {
  const source = keySource(config);
  const options = {
    issuer: config.issuer,
    audience: config.audience,
    algorithms: source.kind === 'secret' ? ['HS256'] : ['RS256', 'PS256', 'ES256', 'EdDSA'],
  };
  const verified = new VerifiedTokens();
  return async (token: string) => {
    const known = verified.get(token, Date.now());
    if (known) return known;
    let payload: JWTPayload;
    try {
      // Two calls because jose's overloads take a key or a key resolver, not their union.
      const result =
        source.kind === 'jwks' ? await jwtVerify(token, source.key, options) : await jwtVerify(token, source.key, options);
      payload = result.payload;
    } catch (error) {
      throw new TokenError(error instanceof Error ? error.message : 'invalid token');
    }
    if (!payload.sub) throw new TokenError('token has no subject');
    // Service identities are the subgraphs' own (kit `peers/`): a person's token cannot be one.
    if (payload.sub.startsWith(SERVICE_SUBJECT_PREFIX)) throw new TokenError('token subject is reserved for services');
    const tooLong = lifetimeProblem(payload, config.maxLifetimeSeconds, Math.floor(Date.now() / 1000));
    if (tooLong) throw new TokenError(tooLong);
    const rawRoles = payload[config.rolesClaim];
    const roles = Array.isArray(rawRoles) ? rawRoles.filter(isRole) : [];
    // The display name is stored where the person acts (course trainers, deciders, the audit
    // trail): held to the rule of every string (docs/INPUT.md), else dropped (the subject stands in).
    const name =
      typeof payload.name === 'string' && textViolation(payload.name, 'line') === null ? payload.name.normalize('NFC') : null;
    const identity: Identity = { subject: payload.sub, roles, name };
    verified.set(token, identity, payload.exp, Date.now());
    return identity;
  };
}

/**
 * Issues a token the development gateway accepts (HS256 with the configured secret), valid for
 * `ttlSeconds` (default: 12 hours, or the maximum lifetime when that is shorter). A lifetime past
 * the configured maximum is refused (`RangeError`): the gateway would refuse the token.
 */
export async function signDevelopmentToken(
  config: JwtConfig,
  claims: { subject: string; roles: Role[]; name?: string },
  ttlSeconds = Math.min(12 * 60 * 60, config.maxLifetimeSeconds),
): Promise<string> {
  if (ttlSeconds > config.maxLifetimeSeconds) {
    throw new RangeError(
      `a token lifetime of ${ttlSeconds} s exceeds the maximum of ${config.maxLifetimeSeconds} s (JWT_MAX_LIFETIME_SECONDS)`,
    );
  }
  return new SignJWT({ [config.rolesClaim]: claims.roles, ...(claims.name ? { name: claims.name } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(config.secret));
}
