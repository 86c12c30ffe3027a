/**
 * A token's display name is stored where the person acts (course trainers, deciders, the audit
 * trail), so it is held to the input policy's rule for every string (docs/INPUT.md).
 */
import { describe, expect, it } from 'vitest';
import { createTokenVerifier, type JwtConfig, signDevelopmentToken } from '../src/identity';

const CONFIG: JwtConfig = {
  issuer: 'metrology-test',
  audience: 'metrology-api',
  secret: 'test-jwt-secret-of-at-least-thirty-two-characters',
  rolesClaim: 'roles',
  maxLifetimeSeconds: 12 * 60 * 60,
};

describe('the display name of a token', () => {
  it('is kept in NFC when it is ordinary text', async () => {
    const verify = createTokenVerifier(CONFIG);
    const token = await signDevelopmentToken(CONFIG, {
      subject: 't-1',
      roles: ['trainer'],
      name: 'Giảng viên Trần Thị Bình (demo)'.normalize('NFD'),
    });
    expect((await verify(token)).name).toBe('Giảng viên Trần Thị Bình (demo)');
  });

  it.each([
    ['a right-to-left override', 'Trần\u202EThị'],
    ['a zero-width joiner', 'Tr\u200Dần'],
    ['NUL', 'Trần\u0000'],
    ['a lone surrogate', 'Trần\uD800'],
  ])('is dropped when it holds %s, the identity otherwise kept', async (_what, name) => {
    const verify = createTokenVerifier(CONFIG);
    const token = await signDevelopmentToken(CONFIG, { subject: 't-2', roles: ['trainer'], name });
    expect(await verify(token)).toEqual({ subject: 't-2', roles: ['trainer'], name: null });
  });
});
