import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ANONYMOUS, type Identity, isRole } from './identity';

/**
 * How the caller's identity travels from the gateway to a subgraph: the identity as base64url
 * JSON, the signing time, and an HMAC-SHA256 over version, time, identity, the request's method
 * and target (path and query) and the SHA-256 of the exact body, keyed by the secret that only
 * the gateway and the subgraphs share. A subgraph refuses any request whose signature is missing,
 * wrong, stale, or made for another method, path, query or body.
 */
export const IDENTITY_HEADER = 'x-metrology-identity';
export const SIGNED_AT_HEADER = 'x-metrology-signed-at';
export const SIGNATURE_HEADER = 'x-metrology-signature';

/** Accepted distance between the gateway's clock and the subgraph's. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

const VERSION = 'v2';

/** What a signature is bound to: one request. `target` is the path with its query string. */
export interface SignedRequest {
  method: string;
  target: string;
  body: string | Buffer;
}

function mac(secret: string, signedAt: string, identity: string, request: SignedRequest): string {
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  const line = `${request.method.toUpperCase()} ${request.target}`;
  return createHmac('sha256', secret).update(`${VERSION}\n${signedAt}\n${identity}\n${line}\n${bodyHash}`).digest('base64url');
}

export function encodeIdentity(identity: Identity): string {
  return Buffer.from(JSON.stringify(identity), 'utf8').toString('base64url');
}

/** Headers to add to `request`. */
export function signIdentity(
  identity: Identity,
  request: SignedRequest,
  secret: string,
  now: number = Date.now(),
): Record<string, string> {
  return signEncodedIdentity(encodeIdentity(identity), request, secret, now);
}

/** The same, for an identity already encoded (the gateway encodes it before the body exists). */
export function signEncodedIdentity(
  encoded: string,
  request: SignedRequest,
  secret: string,
  now: number = Date.now(),
): Record<string, string> {
  const signedAt = String(now);
  return {
    [IDENTITY_HEADER]: encoded,
    [SIGNED_AT_HEADER]: signedAt,
    [SIGNATURE_HEADER]: mac(secret, signedAt, encoded, request),
  };
}

export type SignatureCheck = { ok: true; identity: Identity } | { ok: false; reason: string };

type HeaderValue = string | string[] | undefined;

function single(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Checks the gateway's signature on a request; returns the identity it carries. */
export function verifyIdentity(
  headers: Record<string, HeaderValue>,
  request: SignedRequest,
  secret: string,
  now: number = Date.now(),
): SignatureCheck {
  const encoded = single(headers[IDENTITY_HEADER]);
  const signedAt = single(headers[SIGNED_AT_HEADER]);
  const signature = single(headers[SIGNATURE_HEADER]);
  if (!encoded || !signedAt || !signature) return { ok: false, reason: 'missing gateway signature' };
  const time = Number(signedAt);
  if (!Number.isSafeInteger(time) || Math.abs(now - time) > MAX_SIGNATURE_AGE_MS) {
    return { ok: false, reason: 'stale gateway signature' };
  }
  const expected = Buffer.from(mac(secret, signedAt, encoded, request));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad gateway signature' };
  }
  try {
    return { ok: true, identity: parseIdentity(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))) };
  } catch {
    return { ok: false, reason: 'malformed identity' };
  }
}

function parseIdentity(raw: unknown): Identity {
  if (typeof raw !== 'object' || raw === null) return ANONYMOUS;
  const value = raw as Record<string, unknown>;
  const subject = typeof value.subject === 'string' && value.subject.length > 0 ? value.subject : null;
  const roles = Array.isArray(value.roles) ? value.roles.filter(isRole) : [];
  const name = typeof value.name === 'string' ? value.name : null;
  return { subject, roles: subject ? roles : [], name };
}
