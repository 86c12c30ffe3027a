import { describe, expect, it } from 'vitest';
import { ANONYMOUS, MAX_SIGNATURE_AGE_MS, signIdentity, verifyIdentity } from '../src/identity';

const secret = 'a-test-secret-that-is-long-enough-to-use';
const identity = { subject: 'user-1', roles: ['trainer' as const], name: 'Trần Thị Bình' };
const body = '{"query":"{ plans { code } }"}';

describe('gateway identity signature', () => {
  it('accepts a request signed with the shared secret and returns its identity', () => {
    const headers = signIdentity(identity, body, secret);
    expect(verifyIdentity(headers, body, secret)).toEqual({ ok: true, identity });
  });

  it('refuses a request without signature headers', () => {
    expect(verifyIdentity({}, body, secret)).toEqual({ ok: false, reason: 'missing gateway signature' });
  });

  it('refuses a signature made with another secret', () => {
    const headers = signIdentity(identity, body, 'another-secret-of-sufficient-length!!');
    expect(verifyIdentity(headers, body, secret)).toMatchObject({ ok: false, reason: 'bad gateway signature' });
  });

  it('refuses a signed identity replayed with another body', () => {
    const headers = signIdentity(identity, body, secret);
    expect(verifyIdentity(headers, '{"query":"mutation { x }"}', secret)).toMatchObject({ ok: false });
  });

  it('refuses an identity header altered after signing (role escalation)', () => {
    const headers = signIdentity(identity, body, secret);
    const forged = signIdentity({ ...identity, roles: ['admin'] }, body, secret);
    headers['x-metrology-identity'] = forged['x-metrology-identity'];
    expect(verifyIdentity(headers, body, secret)).toMatchObject({ ok: false, reason: 'bad gateway signature' });
  });

  it('refuses a stale signature', () => {
    const now = Date.now();
    const headers = signIdentity(identity, body, secret, now - MAX_SIGNATURE_AGE_MS - 1);
    expect(verifyIdentity(headers, body, secret, now)).toMatchObject({ ok: false, reason: 'stale gateway signature' });
  });

  it('carries the anonymous caller as no subject and no roles', () => {
    const headers = signIdentity(ANONYMOUS, body, secret);
    expect(verifyIdentity(headers, body, secret)).toEqual({ ok: true, identity: ANONYMOUS });
  });
});
