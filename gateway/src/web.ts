import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { sendJson } from '@metrology/kit/http';
import { DEMO_USERS, isRole, type JwtConfig, ROLES, signDevelopmentToken } from '@metrology/kit/identity';
import compression from 'compression';
import sirv from 'sirv';
import type { GatewayConfig } from './config';
import type { GatewayRoute } from './routes';

/** The built web app (clients/web/dist), beside the gateway in the workspace and in the image. */
export const WEB_ROOT = path.resolve(__dirname, '..', '..', 'clients', 'web', 'dist');

/**
 * The app's own origin only: no inline script or style, no plugins, no framing. Charts draw on a
 * canvas and React sets styles through the DOM, which this policy allows.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** Text files name their character set (sirv's own types do not, but for HTML). */
const TEXT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Hashed file names never change content: cached for a year. The page itself is checked each time. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * Serves the build folder's files (sirv: ETag and 304, Last-Modified, HEAD, ranges; looked up at
 * each request, so a build made after the gateway started is served), compressed when the client
 * accepts it (`compression`: gzip or brotli, text over 1 kB), with the security headers; a file
 * that is absent answers 404 with `missing`.
 */
function fileServer(root: string) {
  const files = sirv(root, {
    dev: true,
    etag: true,
    setHeaders(res, pathname) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      res.setHeader('cache-control', pathname.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
      // `/` is the page (index.html).
      const text = TEXT_TYPES[path.extname(pathname).toLowerCase() || '.html'];
      if (text) res.setHeader('content-type', text);
    },
  });
  const compress = compression();
  return (res: ServerResponse, missing: string) =>
    new Promise<void>((resolve) => {
      res.once('close', resolve);
      const req = res.req;
      compress(req as never, res as never, () => files(req, res, () => sendJson(res, 404, { error: missing })));
    });
}

/**
 * The JWT settings the development tokens are signed with: those the gateway verifies with. Null
 * in production, and when tokens come from an identity provider (a public key or JWKS), since an
 * HS256 token would then be refused anyway.
 */
function developmentJwt(config: Pick<GatewayConfig, 'environment' | 'jwt'>): JwtConfig | null {
  if (config.environment === 'production') return null;
  return config.jwt.publicKeyPem || config.jwt.jwksUrl ? null : config.jwt;
}

/**
 * The web app's routes for a build folder, with development tokens signed with the gateway's JWT
 * settings (from its configuration, read once in config.ts).
 */
export function webRoutes(options: { root: string; config: Pick<GatewayConfig, 'environment' | 'jwt'> }): GatewayRoute[] {
  const jwt = developmentJwt(options.config);
  const sendFile = fileServer(options.root);

  /** `GET /` (and `/index.html`): the single page; its routes live after the "#". */
  const page: GatewayRoute = {
    path: /^\/(?:index\.html)?$/,
    handle: (_request, res) => sendFile(res, 'the web app is not built: run `npm start`, or `npx vite build` in clients/web'),
  };

  /** `GET /assets/<name>`: scripts, styles and images of the build, by a plain file name (no path). */
  const asset: GatewayRoute = {
    path: /^\/assets\/([A-Za-z0-9][A-Za-z0-9._-]*)$/,
    handle: (_request, res) => sendFile(res, 'not found'),
  };

  /**
   * `GET /dev/token?role=trainer`: a token for the demo user of a role, for the web app's
   * development sign-in. Refused (404, as if absent) in production.
   */
  const developmentToken: GatewayRoute = {
    path: /^\/dev\/token$/,
    async handle({ query }, res) {
      if (!jwt) return sendJson(res, 404, { error: 'not found' });
      const role = query.get('role') ?? '';
      if (!isRole(role)) {
        return sendJson(
          res,
          400,
          {
            error: `role must be one of ${ROLES.join(', ')}`,
            message: `Vai trò không hợp lệ; chọn một trong: ${ROLES.join(', ')}.`,
          },
          { 'cache-control': 'no-store' },
        );
      }
      const demo = DEMO_USERS.find((user) => user.roles.includes(role));
      const subject = demo?.subject ?? `demo-${role}`;
      const name = demo?.name ?? role;
      const token = await signDevelopmentToken(jwt, { subject, roles: [role], name });
      return sendJson(res, 200, { token, subject, name, roles: [role] }, { 'cache-control': 'no-store' });
    },
  };

  return [page, asset, developmentToken];
}
