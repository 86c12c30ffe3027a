import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { SubgraphName } from '@metrology/kit/config';
import {
  closeServer,
  executeApollo,
  listen,
  PayloadTooLargeError,
  readBody,
  requestErrorsPlugin,
  sendGraphQLError,
  sendJson,
} from '@metrology/kit/http';
import { ANONYMOUS, createTokenVerifier, type Identity, signIdentity, TokenError } from '@metrology/kit/identity';
import { textPolicyPlugin } from '@metrology/kit/input/request';
import { createLogger, type Logger } from '@metrology/kit/logger';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { SignedDataSource } from './data-source';
import { createGatewayErrorFormatter, isSubgraphName, type ServiceName, serviceUnavailable } from './errors';
import { checkScalarInput, queryProtection } from './limits';
import { ResponseCache, responseLabelsPlugin } from './response-cache';
import { SubgraphRevisions } from './revisions';
import type { GatewayRoute } from './routes';
import { callSubgraph, createSubgraphAgent } from './subgraph-client';
import { WEB_ROOT, webRoutes } from './web';

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Plain HTTP routes served through the gateway by a subgraph (downloads, public pages) or by the
 * reports service, which also receives the caller's token to read `/graphql` as the caller.
 */
const PROXIED_ROUTES: { prefix: string; service: ServiceName }[] = [
  { prefix: '/certificates/', service: 'training' },
  { prefix: '/verify/', service: 'training' },
  { prefix: '/reports/', service: 'reports' },
];

const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-disposition',
  'content-length',
  'cache-control',
  'etag',
  'x-content-type-options',
  'content-security-policy',
  'referrer-policy',
  'vary',
];

/** Reads the bearer token, if any. `undefined`: no token (anonymous); `null`: malformed header. */
function bearerToken(req: IncomingMessage): string | undefined | null {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : null;
}

/**
 * The gateway: verifies the caller's token, plans each query over the committed supergraph and
 * sends every subgraph its part with the caller's identity signed. One origin for the API (and,
 * later, the web app and file downloads).
 */
export async function startGateway(config: GatewayConfig, options: { logger?: Logger } = {}): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger('gateway', config.logLevel);
  const supergraphSdl = await readFile(config.supergraphPath, 'utf8');
  // Apollo Gateway otherwise exports usage metrics to Apollo and probes cloud metadata servers
  // when it is constructed: a provincial system sends nothing outside its own network.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const revisions = new SubgraphRevisions(config.subgraphUrls, config.gatewaySecret, logger);
  if (config.responseCacheEntries > 0) revisions.start();
  const cache = new ResponseCache(config.responseCacheEntries, revisions);
  // One HTTP client for every subgraph call and every proxied route.
  const agent = createSubgraphAgent();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      if (!isSubgraphName(name)) throw new Error(`the supergraph names an unknown subgraph: ${name}`);
      return new SignedDataSource({
        service: name,
        url: config.subgraphUrls[name],
        secret: config.gatewaySecret,
        timeouts: { queryMs: config.subgraphQueryTimeoutMs, mutationMs: config.subgraphMutationTimeoutMs },
        logger,
        revisions,
        agent,
      });
    },
    logger,
  });
  // Every schema the gateway serves checks Money and LocalDate input itself (400 before planning).
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => checkScalarInput(apiSchema));
  const production = config.environment === 'production';
  const protection = queryProtection(production);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    allowBatchedHttpRequests: false,
    // Clients send whole documents; no registry of queries kept for them (APQ).
    persistedQueries: false,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: createGatewayErrorFormatter(logger),
    csrfPrevention: true,
    // Shutdown is ours (drain HTTP, then Apollo, then the database), not Apollo's own signal handler.
    stopOnTerminationSignals: false,
    plugins: [
      ...protection.plugins,
      requestErrorsPlugin<GatewayContext>(),
      textPolicyPlugin<GatewayContext>(),
      responseLabelsPlugin(),
      production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  });
  await apollo.start();
  const verifyToken = createTokenVerifier(config.jwt);

  /** The caller's identity, or null when a 401 has been sent. */
  const authenticate = async (req: IncomingMessage, res: ServerResponse): Promise<Identity | null> => {
    const token = bearerToken(req);
    if (token === null) {
      sendGraphQLError(
        res,
        401,
        'UNAUTHENTICATED',
        'Mã xác thực không hợp lệ.',
        'The Authorization header must be "Bearer <token>".',
      );
      return null;
    }
    if (token === undefined) return ANONYMOUS;
    try {
      return await verifyToken(token);
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      logger.info({ reason: error.message }, 'refused a token');
      sendGraphQLError(
        res,
        401,
        'UNAUTHENTICATED',
        'Mã xác thực không hợp lệ hoặc đã hết hạn.',
        'The token is invalid or expired.',
      );
      return null;
    }
  };

  /** The gateway's own routes: the web app and its development sign-in. */
  const ownRoutes: GatewayRoute[] = webRoutes({ root: WEB_ROOT, config });

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/health') return sendJson(res, 200, { status: 'ok', service: 'gateway' });
    const route = PROXIED_ROUTES.find((candidate) => path.startsWith(candidate.prefix));
    if (route) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
      const identity = await authenticate(req, res);
      if (!identity) return;
      const reports = route.service === 'reports';
      return proxyRoute(
        res,
        route.service,
        new URL(`${path}${url.search}`, reports ? config.reportsUrl : config.subgraphUrls[route.service as SubgraphName]),
        identity,
        req.headers.accept,
        reports ? req.headers.authorization : undefined,
      );
    }
    const own = ownRoutes.find((candidate) => candidate.path.test(path));
    if (own) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
      const identity = await authenticate(req, res);
      if (!identity) return;
      return own.handle({ params: (own.path.exec(path) ?? []).slice(1), query: url.searchParams, identity }, res);
    }
    if (path !== '/graphql') return sendJson(res, 404, { error: 'not found' });
    let body: Buffer;
    try {
      body = await readBody(req, config.maxBodyBytes);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        return sendGraphQLError(res, 413, 'BAD_REQUEST', 'Yêu cầu quá lớn.', `The request exceeds ${config.maxBodyBytes} bytes.`);
      }
      throw error;
    }
    const identity = await authenticate(req, res);
    if (!identity) return;
    const cached = cache.keyOf(req, identity, body);
    if (cached) {
      const hit = cache.get(cached.key);
      if (hit) {
        res.writeHead(200, { ...hit.headers, 'x-response-cache': 'hit' });
        res.end(hit.body);
        return;
      }
    }
    res.setHeader('x-response-cache', cached ? 'miss' : 'bypass');
    const labels = cached?.labels;
    const sent = await executeApollo(apollo, req, res, body, async () => ({ identity, labels }));
    if (cached && sent.body !== undefined) cache.set(cached.key, cached.labels, sent.status, sent.headers, sent.body);
  };

  /**
   * Forwards a file or page route to the service that owns it, with the identity signed (and, to
   * the reports service only, the caller's `Authorization`).
   */
  const proxyRoute = async (
    res: ServerResponse,
    service: ServiceName,
    target: URL,
    identity: Identity,
    accept: string | undefined,
    authorization?: string,
  ) => {
    let upstream: Awaited<ReturnType<typeof callSubgraph>>;
    let body: Buffer;
    try {
      upstream = await callSubgraph(agent, target, {
        method: 'GET',
        headers: {
          accept: accept ?? '*/*',
          ...(authorization ? { authorization } : {}),
          ...signIdentity(
            identity,
            { method: 'GET', target: `${target.pathname}${target.search}`, body: '' },
            config.gatewaySecret,
          ),
        },
        // A read: the whole answer, body included, within the read time limit; a report runs its
        // own bounded reads through the gateway first, so it gets a limit of its own.
        timeoutMs: service === 'reports' ? config.reportTimeoutMs : config.subgraphQueryTimeoutMs,
      });
      body = Buffer.from(await upstream.arrayBuffer());
    } catch (error) {
      // The path's last segment is a certificate id or a verification code: not logged.
      logger.warn({ err: error, subgraph: service, route: target.pathname.replace(/[^/]+$/, '…') }, 'route upstream unavailable');
      return sendJson(res, 503, { errors: [serviceUnavailable(service)] });
    }
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) headers[name] = value;
    }
    res.writeHead(upstream.status, headers);
    res.end(body);
  };

  const listening = await listen(handler, config.port, config.host);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${listening.port}/graphql`;
  logger.info({ url }, 'gateway ready');
  let stopped: Promise<void> | undefined;
  return {
    url,
    port: listening.port,
    stop() {
      stopped ??= (async () => {
        revisions.stop();
        await closeServer(listening.server);
        await apollo.stop();
        await agent.close();
      })();
      return stopped;
    },
  };
}
