/**
 * The gateway's token check (kit `createTokenVerifier`) remembers verified tokens until their
 * expiry: the same token is answered from memory, but never past its `exp`, and a token that
 * differs in any character (tampered, another secret) is verified in full and refused.
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier, type JwtConfig, signDevelopmentToken, TokenError } from '../src/identity';

const CONFIG: JwtConfig = {
  issuer: 'metrology-test',
  audience: 'metrology-api',
  secret: 'test-jwt-secret-of-at-least-thirty-two-characters',
  rolesClaim: 'roles',
  maxLifetimeSeconds: 12 * 60 * 60,
};

describe('createTokenVerifier', () => {
  it('answers a token verified before from memory, each time with a copy of its identity', async () => {
    const verify = createTokenVerifier(CONFIG);
    const token = await signDevelopmentToken(CONFIG, { subject: 'viewer-1', roles: ['viewer'], name: 'Người xem' });
    const first = await verify(token);
    first.roles.push('admin');
    const second = await verify(token);
    expect(second).toEqual({ subject: 'viewer-1', roles: ['viewer'], name: 'Người xem' });
  });

  it('refuses a remembered token once it has expired', async () => {
    const verify = createTokenVerifier(CONFIG);
    const token = await signDevelopmentToken(CONFIG, { subject: 'viewer-2', roles: ['viewer'] }, 1);
    expect((await verify(token)).subject).toBe('viewer-2');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(verify(token)).rejects.toBeInstanceOf(TokenError);
  });

  it('refuses a tampered copy and a token of another secret, though the original is remembered', async () => {
    const verify = createTokenVerifier(CONFIG);
    const token = await signDevelopmentToken(CONFIG, { subject: 'trainee-1', roles: ['trainee'] });
    await verify(token);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const elevated = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), roles: ['admin'] }),
    ).toString('base64url');
    await expect(verify(`${header}.${elevated}.${signature}`)).rejects.toBeInstanceOf(TokenError);
    const foreign = await signDevelopmentToken(
      { ...CONFIG, secret: 'another-secret-of-at-least-thirty-two-characters' },
      { subject: 'trainee-1', roles: ['trainee'] },
    );
    await expect(verify(foreign)).rejects.toBeInstanceOf(TokenError);
    expect((await verify(token)).roles).toEqual(['trainee']);
  });

  it('refuses a token whose subject is a service identity’s (service:…), so no person can ask as a subgraph', async () => {
    const token = await signDevelopmentToken(CONFIG, { subject: 'service:funding', roles: [] });
    await expect(createTokenVerifier(CONFIG)(token)).rejects.toBeInstanceOf(TokenError);
  });
});

/** A token signed with the test secret, with exactly the given `iat` and `exp` (seconds; omitted when undefined). */
function tokenWith({ iat, exp }: { iat?: number; exp?: number }): Promise<string> {
  const jwt = new SignJWT({ roles: ['viewer'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('lifetime-1')
    .setIssuer(CONFIG.issuer)
    .setAudience(CONFIG.audience);
  if (iat !== undefined) jwt.setIssuedAt(iat);
  if (exp !== undefined) jwt.setExpirationTime(exp);
  return jwt.sign(new TextEncoder().encode(CONFIG.secret));
}

describe('createTokenVerifier: the maximum token lifetime (JWT_MAX_LIFETIME_SECONDS)', () => {
  const max = CONFIG.maxLifetimeSeconds;
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts a token that lives exactly the maximum', async () => {
    const iat = now();
    expect((await createTokenVerifier(CONFIG)(await tokenWith({ iat, exp: iat + max }))).subject).toBe('lifetime-1');
  });

  it('refuses a token without exp, naming the reason', async () => {
    await expect(createTokenVerifier(CONFIG)(await tokenWith({ iat: now() }))).rejects.toThrow(
      new TokenError('token has no expiry (exp)'),
    );
  });

  it('refuses a token whose exp − iat is past the maximum, a 100-year token included', async () => {
    const iat = now();
    const verify = createTokenVerifier(CONFIG);
    await expect(verify(await tokenWith({ iat, exp: iat + max + 1 }))).rejects.toThrow(
      new TokenError(`token lifetime of ${max + 1} s (exp − iat) exceeds the maximum of ${max} s`),
    );
    await expect(verify(await tokenWith({ iat, exp: iat + 100 * 365 * 24 * 3600 }))).rejects.toThrow(/exceeds the maximum/);
  });

  it('counts from now when iat is missing, or claims a time well in the future', async () => {
    const verify = createTokenVerifier(CONFIG);
    await expect(verify(await tokenWith({ exp: now() + max + 120 }))).rejects.toThrow(/\(exp − now\) exceeds the maximum/);
    // Issued "in ten years", valid for an hour after that: ten years from now.
    const future = now() + 10 * 365 * 24 * 3600;
    await expect(verify(await tokenWith({ iat: future, exp: future + 3600 }))).rejects.toThrow(/\(exp − now\) exceeds/);
    expect((await verify(await tokenWith({ exp: now() + 3600 }))).subject).toBe('lifetime-1');
  });

  it('issues no development token past the maximum, and fits its default lifetime under a shorter one', async () => {
    await expect(signDevelopmentToken(CONFIG, { subject: 's', roles: ['viewer'] }, max + 1)).rejects.toBeInstanceOf(RangeError);
    const short = { ...CONFIG, maxLifetimeSeconds: 600 };
    const token = await signDevelopmentToken(short, { subject: 'short-1', roles: ['viewer'] });
    expect((await createTokenVerifier(short)(token)).subject).toBe('short-1');
  });
});
