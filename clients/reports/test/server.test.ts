import { DEV_GATEWAY_SECRET } from '@metrology/kit/config';
import { type Identity, signIdentity } from '@metrology/kit/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReportsConfig } from '../src/config';
import { type RunningReports, startReportsService } from '../src/server';

const PATH = `/reports/annual/${encodeURIComponent('129/KH-UBND')}/2026.pdf`;

describe('reports service: only what the gateway signed', () => {
  let reports: RunningReports;
  // No GraphQL is read in these tests: every request is refused before the report reads anything.
  beforeAll(async () => {
    reports = await startReportsService(
      loadReportsConfig({ NODE_ENV: 'test', REPORTS_PORT: '0', GATEWAY_GRAPHQL_URL: 'http://127.0.0.1:9/graphql' }),
    );
  });
  afterAll(() => reports?.stop());

  const signed = (identity: Identity, secret = DEV_GATEWAY_SECRET) =>
    signIdentity(identity, { method: 'GET', target: PATH, body: '' }, secret);

  it('refuses a request without the gateway’s signature: 401 UNAUTHENTICATED', async () => {
    const response = await fetch(`${reports.url}${PATH}`, { headers: { authorization: 'Bearer anything' } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a request signed with another secret: 401', async () => {
    const headers = signed({ subject: 'u-1', roles: ['viewer'], name: null }, 'another-secret-of-at-least-32-characters!!');
    expect((await fetch(`${reports.url}${PATH}`, { headers })).status).toBe(401);
  });

  it('answers a signed anonymous caller 401 and a signed trainer 403 FORBIDDEN (viewers and administrators only)', async () => {
    const anonymous = await fetch(`${reports.url}${PATH}`, { headers: signed({ subject: null, roles: [], name: null }) });
    expect(anonymous.status).toBe(401);
    const trainer = await fetch(`${reports.url}${PATH}`, { headers: signed({ subject: 't-1', roles: ['trainer'], name: null }) });
    expect(trainer.status).toBe(403);
    expect(((await trainer.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
      'FORBIDDEN',
    );
  });

  it('answers 404 for a path that is not a report and 405 for a POST', async () => {
    expect((await fetch(`${reports.url}/reports/annual/x/26.pdf`)).status).toBe(404);
    expect((await fetch(`${reports.url}${PATH}`, { method: 'POST' })).status).toBe(405);
  });
});
