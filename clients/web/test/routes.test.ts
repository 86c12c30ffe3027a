import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../src/messages';
import { parseRoute, type Route, routeHref } from '../src/routes';
import { homeOf, isExpired, sessionFromToken } from '../src/session';

function jwt(payload: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}.signature`;
}

describe('hash routes', () => {
  it('reads every page of the app from the hash, the QR link included', () => {
    expect(parseRoute('')).toEqual({ page: 'signin' });
    expect(parseRoute('#/')).toEqual({ page: 'signin' });
    expect(parseRoute('#/trainer')).toEqual({ page: 'trainer' });
    expect(parseRoute('#/trainer/course/c-1')).toEqual({ page: 'course', courseId: 'c-1' });
    expect(parseRoute('#/trainer/session/s-1')).toEqual({ page: 'session', sessionId: 's-1' });
    expect(parseRoute('#/trainee')).toEqual({ page: 'trainee' });
    expect(parseRoute('#/dashboard')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/verify')).toEqual({ page: 'verify', code: null });
    expect(parseRoute('#/verify/AB12-CD34')).toEqual({ page: 'verify', code: 'AB12-CD34' });
    expect(parseRoute('#/verify/A%20B')).toEqual({ page: 'verify', code: 'A B' });
  });

  it('answers "not found" for unknown or malformed paths', () => {
    expect(parseRoute('#/nowhere')).toEqual({ page: 'notFound', path: '/nowhere' });
    expect(parseRoute('#/trainer/course')).toMatchObject({ page: 'notFound' });
    expect(parseRoute('#/verify/%E0%A4%A')).toMatchObject({ page: 'verify', code: null });
  });

  it('writes each route as a hash that reads back as the same route', () => {
    const routes: Route[] = [
      { page: 'signin' },
      { page: 'trainer' },
      { page: 'course', courseId: 'id/with?odd#chars' },
      { page: 'session', sessionId: '7f1c' },
      { page: 'trainee' },
      { page: 'verify', code: null },
      { page: 'verify', code: 'Mã 1/2' },
      { page: 'dashboard' },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });
});

describe('the signed-in session', () => {
  it('reads the subject, name, roles and expiry of a token, ignoring unknown roles', () => {
    const token = jwt({ sub: 'demo-trainer', name: 'Trần Thị Bình', roles: ['trainer', 'superuser'], exp: 2_000_000_000 });
    expect(sessionFromToken(token)).toEqual({
      token,
      subject: 'demo-trainer',
      name: 'Trần Thị Bình',
      roles: ['trainer'],
      expiresAt: 2_000_000_000_000,
    });
  });

  it('refuses what is not a readable token with a subject', () => {
    expect(sessionFromToken('not-a-token')).toBeNull();
    expect(sessionFromToken('a.b.c')).toBeNull();
    expect(sessionFromToken(jwt({ roles: ['viewer'] }))).toBeNull();
  });

  it('tells an expired session and the start page of each role', () => {
    const session = sessionFromToken(jwt({ sub: 'x', roles: ['viewer'], exp: 100 }));
    expect(session && isExpired(session, 100_001)).toBe(true);
    expect(session && isExpired(session, 99_999)).toBe(false);
    expect(homeOf(['trainer'])).toBe('#/trainer');
    expect(homeOf(['trainee'])).toBe('#/trainee');
    expect(homeOf(['viewer'])).toBe('#/dashboard');
    expect(homeOf(['admin'])).toBe('#/dashboard');
  });
});

describe('the two dictionaries', () => {
  it('give English for every Vietnamese message, of the same kind', () => {
    const { vi, en } = MESSAGES;
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(typeof en[key], key).toBe(typeof vi[key]);
      if (typeof vi[key] === 'object') expect(Object.keys(en[key]).sort(), key).toEqual(Object.keys(vi[key]).sort());
    }
  });
});
