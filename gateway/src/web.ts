import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { sendJson } from '@metrology/kit/http';
import { DEMO_USERS, isRole, type JwtConfig, ROLES, signDevelopmentToken } from '@metrology/kit/identity';
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

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Hashed file names never change content: cached for a year. The page itself is checked each time. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

async function sendFile(res: ServerResponse, file: string, cacheControl: string, missing = 'not found'): Promise<void> {
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return sendJson(res, 404, { error: missing });
    throw error;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': cacheControl,
  });
  res.end(body);
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
  const { root } = options;
  const jwt = developmentJwt(options.config);

  /** `GET /` (and `/index.html`): the single page; its routes live after the "#". */
  const page: GatewayRoute = {
    path: /^\/(?:index\.html)?$/,
    handle: (_request, res) =>
      sendFile(
        res,
        path.join(root, 'index.html'),
        REVALIDATE,
        'the web app is not built: run `npm start`, or `npx vite build` in clients/web',
      ),
  };

  /** `GET /assets/<name>`: scripts, styles and images of the build, by a plain file name (no path). */
  const asset: GatewayRoute = {
    path: /^\/assets\/([A-Za-z0-9][A-Za-z0-9._-]*)$/,
    handle: ({ params }, res) => sendFile(res, path.join(root, 'assets', params[0]), IMMUTABLE),
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
