/**
 * The gateway's web routes on their own: the page and its assets with their content types,
 * caching and security headers, and the development sign-in's tokens, refused in production.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EnvReader, readJwtConfig } from '@metrology/kit/config';
import { ANONYMOUS, createTokenVerifier } from '@metrology/kit/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../../gateway/src/config';
import type { GatewayRoute } from '../../../gateway/src/routes';
import { webRoutes } from '../../../gateway/src/web';

/** Serves routes as the gateway does (path match, GET), over real HTTP. */
async function serve(routes: GatewayRoute[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes.find((candidate) => candidate.path.test(url.pathname));
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const params = (route.path.exec(url.pathname) ?? []).slice(1);
    void route.handle({ params, query: url.searchParams, identity: ANONYMOUS }, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the web app served by the gateway', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'metrology-web-'));
  const servers: Server[] = [];
  let url: string;

  beforeAll(async () => {
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><html lang="vi"><div id="root"></div></html>');
    writeFileSync(path.join(root, 'assets', 'index-Ab12.js'), 'export {};');
    writeFileSync(path.join(root, 'assets', 'index-Cd34.css'), 'body{}');
    writeFileSync(path.join(root, 'assets', 'logo-Ef56.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(root, 'assets', 'large-Gh78.css'), 'body{margin:0}\n'.repeat(200));
    writeFileSync(path.join(root, 'secret.txt'), 'outside the assets');
    const started = await serve(webRoutes({ root, config: loadGatewayConfig({ NODE_ENV: 'test' }) }));
    servers.push(started.server);
    url = started.url;
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the page at / with a strict Content-Security-Policy, revalidated on every visit', async () => {
    for (const page of ['/', '/index.html']) {
      const response = await fetch(`${url}${page}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).not.toContain('unsafe-eval');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with their content types, cached for a year', async () => {
    const expected = {
      'index-Ab12.js': 'text/javascript; charset=utf-8',
      'index-Cd34.css': 'text/css; charset=utf-8',
      'logo-Ef56.svg': 'image/svg+xml',
    };
    for (const [name, type] of Object.entries(expected)) {
      const response = await fetch(`${url}/assets/${name}`);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type'), name).toBe(type);
      expect(response.headers.get('cache-control'), name).toBe('public, max-age=31536000, immutable');
    }
    const head = await fetch(`${url}/assets/index-Ab12.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('10');
  });

  it('compresses a large asset for a client that accepts gzip, and answers 304 to a page it already has', async () => {
    const large = await fetch(`${url}/assets/large-Gh78.css`, { headers: { 'accept-encoding': 'gzip' } });
    expect(large.headers.get('content-encoding')).toBe('gzip');
    expect(await large.text()).toBe('body{margin:0}\n'.repeat(200));
    const page = await fetch(`${url}/`);
    const etag = page.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await fetch(`${url}/`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('answers 404 for a missing asset and never serves a file outside the assets folder', async () => {
    expect((await fetch(`${url}/assets/missing-0000.js`)).status).toBe(404);
    for (const attempt of ['/assets/..%2Fsecret.txt', '/assets/../secret.txt', '/assets/%2E%2E/secret.txt', '/secret.txt']) {
      const response = await fetch(`${url}${attempt}`);
      expect(response.status, attempt).toBe(404);
      expect(await response.text(), attempt).not.toContain('outside the assets');
    }
  });

  it('says the app is not built when the build folder is missing', async () => {
    const missing = await serve(webRoutes({ root: path.join(root, 'nowhere'), config: loadGatewayConfig({ NODE_ENV: 'test' }) }));
    servers.push(missing.server);
    const response = await fetch(`${missing.url}/`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain('not built');
  });

  it("gives the demo user's token of a role in development, which the gateway's verifier accepts", async () => {
    const response = await fetch(`${url}/dev/token?role=trainer`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { token: string; subject: string; roles: string[] };
    expect(body).toMatchObject({ subject: 'demo-trainer', roles: ['trainer'] });
    const verify = createTokenVerifier(readJwtConfig(new EnvReader({}), 'test'));
    expect(await verify(body.token)).toMatchObject({ subject: 'demo-trainer', roles: ['trainer'] });
    const viewer = (await (await fetch(`${url}/dev/token?role=viewer`)).json()) as { subject: string };
    expect(viewer.subject).toBe('demo-viewer');
  });

  it('refuses an unknown or missing role with 400', async () => {
    expect((await fetch(`${url}/dev/token?role=emperor`)).status).toBe(400);
    expect((await fetch(`${url}/dev/token`)).status).toBe(400);
  });

  it('gives no development token in production, nor when tokens come from an identity provider', async () => {
    for (const env of [
      {
        NODE_ENV: 'production',
        JWT_ISSUER: 'https://id.example.vn',
        JWT_SECRET: 'x'.repeat(40),
        GATEWAY_SECRET: 'y'.repeat(40),
        TRAINING_URL: 'http://training:4001/graphql',
        LABS_URL: 'http://labs:4002/graphql',
        FUNDING_URL: 'http://funding:4003/graphql',
      },
      { NODE_ENV: 'development', JWT_JWKS_URL: 'https://id.example.vn/.well-known/jwks.json' },
    ]) {
      const refused = await serve(webRoutes({ root, config: loadGatewayConfig(env) }));
      servers.push(refused.server);
      const response = await fetch(`${refused.url}/dev/token?role=admin`);
      expect(response.status, env.NODE_ENV).toBe(404);
      expect(await response.text(), env.NODE_ENV).not.toContain('token"');
    }
  });
});
