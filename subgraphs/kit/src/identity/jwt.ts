import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import { type Identity, isRole, type Role } from './identity';

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

/** Builds a verifier once (keys parsed once); call it for every request's bearer token. */
export function createTokenVerifier(config: JwtConfig): (token: string) => Promise<Identity> {
  const source = keySource(config);
  const options = {
    issuer: config.issuer,
    audience: config.audience,
    algorithms: source.kind === 'secret' ? ['HS256'] : ['RS256', 'PS256', 'ES256', 'EdDSA'],
  };
  return async (token: string) => {
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
    const rawRoles = payload[config.rolesClaim];
    const roles = Array.isArray(rawRoles) ? rawRoles.filter(isRole) : [];
    const name = typeof payload.name === 'string' ? payload.name : null;
    return { subject: payload.sub, roles, name };
  };
}

/** Issues a token the development gateway accepts (HS256 with the configured secret). */
export async function signDevelopmentToken(
  config: JwtConfig,
  claims: { subject: string; roles: Role[]; name?: string },
  ttlSeconds = 12 * 60 * 60,
): Promise<string> {
  return new SignJWT({ [config.rolesClaim]: claims.roles, ...(claims.name ? { name: claims.name } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(config.secret));
}
