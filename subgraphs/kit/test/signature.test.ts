import { describe, expect, it } from 'vitest';
import { ANONYMOUS, MAX_SIGNATURE_AGE_MS, type SignedRequest, signIdentity, verifyIdentity } from '../src/identity';

const secret = 'a-test-secret-that-is-long-enough-to-use';
const identity = { subject: 'user-1', roles: ['trainer' as const], name: 'Trần Thị Bình' };
const request: SignedRequest = { method: 'POST', target: '/graphql', body: '{"query":"{ plans { code } }"}' };

describe('gateway identity signature', () => {
  it('accepts a request signed with the shared secret and returns its identity', () => {
    const headers = signIdentity(identity, request, secret);
    expect(verifyIdentity(headers, request, secret)).toEqual({ ok: true, identity });
  });

  it('refuses a request without signature headers', () => {
    expect(verifyIdentity({}, request, secret)).toEqual({ ok: false, reason: 'missing gateway signature' });
  });

  it('refuses a signature made with another secret', () => {
    const headers = signIdentity(identity, request, 'another-secret-of-sufficient-length!!');
    expect(verifyIdentity(headers, request, secret)).toMatchObject({ ok: false, reason: 'bad gateway signature' });
  });

  it('refuses a signed identity replayed with another body', () => {
    const headers = signIdentity(identity, request, secret);
    expect(verifyIdentity(headers, { ...request, body: '{"query":"mutation { x }"}' }, secret)).toMatchObject({ ok: false });
  });

  it('refuses a signature replayed on another path, query or method (e.g. one certificate’s download for another)', () => {
    const download: SignedRequest = { method: 'GET', target: '/certificates/a.pdf', body: '' };
    const headers = signIdentity(identity, download, secret);
    expect(verifyIdentity(headers, { ...download, target: '/certificates/b.pdf' }, secret)).toMatchObject({ ok: false });
    expect(verifyIdentity(headers, { ...download, target: '/graphql?query={trainees{items{citizenId}}}' }, secret)).toMatchObject(
      { ok: false },
    );
    expect(verifyIdentity(headers, { ...download, method: 'POST' }, secret)).toMatchObject({ ok: false });
  });

  it('refuses an identity header altered after signing (role escalation)', () => {
    const headers = signIdentity(identity, request, secret);
    const forged = signIdentity({ ...identity, roles: ['admin'] }, request, secret);
    headers['x-metrology-identity'] = forged['x-metrology-identity'];
    expect(verifyIdentity(headers, request, secret)).toMatchObject({ ok: false, reason: 'bad gateway signature' });
  });

  it('refuses a stale signature', () => {
    const now = Date.now();
    const headers = signIdentity(identity, request, secret, now - MAX_SIGNATURE_AGE_MS - 1);
    expect(verifyIdentity(headers, request, secret, now)).toMatchObject({ ok: false, reason: 'stale gateway signature' });
  });

  it('carries the anonymous caller as no subject and no roles', () => {
    const headers = signIdentity(ANONYMOUS, request, secret);
    expect(verifyIdentity(headers, request, secret)).toEqual({ ok: true, identity: ANONYMOUS });
  });
});
