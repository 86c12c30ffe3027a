/**
 * The gateway's token check (kit `createTokenVerifier`) remembers verified tokens until their
 * expiry: the same token is answered from memory, but never past its `exp`, and a token that
 * differs in any character (tampered, another secret) is verified in full and refused.
 */
import { describe, expect, it } from 'vitest';
import { createTokenVerifier, type JwtConfig, signDevelopmentToken, TokenError } from '../src/identity';

const CONFIG: JwtConfig = {
  issuer: 'metrology-test',
  audience: 'metrology-api',
  secret: 'test-jwt-secret-of-at-least-thirty-two-characters',
  rolesClaim: 'roles',
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
});
