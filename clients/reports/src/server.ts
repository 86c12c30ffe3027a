import type { IncomingMessage, ServerResponse } from 'node:http';
import { closeServer, listen, sendGraphQLError, sendJson } from '@metrology/kit/http';
import { verifyIdentity } from '@metrology/kit/identity';
import { createLogger, type Logger } from '@metrology/kit/logger';
import { ANNUAL_REPORT_PATH, serveAnnualReport } from './annual-report.route';
import type { ReportsConfig } from './config';

export interface RunningReports {
  /** The service's base URL, e.g. `http://127.0.0.1:4004`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The reports service, behind the gateway like a subgraph (docs/ARCHITECTURE.md, "Reports"): it
 * accepts only requests the gateway has signed (the caller's identity, checked with the shared
 * secret), and reads the API at the gateway's `/graphql` with the caller's own bearer token, which
 * the gateway forwards. Routes: `GET /reports/annual/<plan>/<year>.pdf` and `/health`.
 */
export async function startReportsService(config: ReportsConfig, options: { logger?: Logger } = {}): Promise<RunningReports> {
  const logger = options.logger ?? createLogger('reports', config.logLevel);
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok', service: 'reports' });
    const match = ANNUAL_REPORT_PATH.exec(url.pathname);
    if (!match) return sendJson(res, 404, { error: 'not found' });
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET' });
    const check = verifyIdentity(req.headers, { method: req.method, target: req.url ?? '/', body: '' }, config.gatewaySecret);
    if (!check.ok) {
      logger.warn({ reason: check.reason }, 'refused a request without a valid gateway signature');
      return sendGraphQLError(
        res,
        401,
        'UNAUTHENTICATED',
        'Yêu cầu phải đi qua cổng API (gateway).',
        'Requests must come through the gateway with a valid signature.',
      );
    }
    await serveAnnualReport(
      {
        params: match.slice(1),
        query: url.searchParams,
        identity: check.identity,
        authorization: req.headers.authorization,
        graphqlUrl: config.graphqlUrl,
      },
      res,
    );
  };
  const listening = await listen(handler, config.port, config.host);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${listening.port}`;
  logger.info({ url }, 'reports ready');
  let stopped: Promise<void> | undefined;
  return {
    url,
    port: listening.port,
    stop() {
      stopped ??= closeServer(listening.server);
      return stopped;
    },
  };
}
