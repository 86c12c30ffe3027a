import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { AccessMatrix } from './access/matrix';
import { loadSubgraphConfig, type SubgraphConfig, type SubgraphName } from './config';
import { type BaseContext, Loaders } from './context';
import { type Database, isDatabaseReady, openDatabase, type PersistenceDefinition } from './database';
import { createErrorFormatter, type ErrorCode, toGraphQLError } from './errors';
import {
  closeServer,
  executeApollo,
  listen,
  onShutdownSignal,
  PayloadTooLargeError,
  readBody,
  requestErrorsPlugin,
  sendGraphQLError,
  sendJson,
} from './http';
import { verifyIdentity } from './identity/signature';
import { createLogger, type Logger } from './logger';
import { isExistenceRequest, isServiceIdentity } from './peers';
import { REVISION_STREAM_PATH, type RevisionCoverage, RevisionStreams, RevisionWatcher, revisionLabelPlugin } from './revisions';

/** A plain HTTP route of a subgraph (file downloads, public pages), reached through the gateway. */
export interface SubgraphRoute {
  /** Matched against the whole path; capture groups become `params`. */
  path: RegExp;
  handle(request: RouteRequest, res: ServerResponse): Promise<void>;
}

export interface RouteRequest {
  params: string[];
  query: URLSearchParams;
  /** Same context as a GraphQL request: identity (gateway-signed), forked EntityManager, loaders. */
  context: BaseContext;
  accept: string;
}

/** What a subgraph package declares: its name, its persistence, its schema and its routes. */
export interface SubgraphDefinition {
  name: SubgraphName;
  persistence: PersistenceDefinition;
  buildSchema(): Promise<GraphQLSchema>;
  routes?: SubgraphRoute[];
  /**
   * The fields computed only from data the subgraph's data revision covers: their answers are
   * labelled with the revision, and the gateway may keep them until it changes (docs/CACHING.md).
   */
  revisionCoverage?: RevisionCoverage;
  /** Who may call each root field and read each personal field (docs/ROLES.md). */
  access?: AccessMatrix;
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  port: number;
  database: Database;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Called for every SQL statement (statement-count tests and benchmarks). */
  onQuery?: (sql: string) => void;
  logger?: Logger;
}

/** Largest request body a subgraph accepts; the gateway enforces a tighter limit in front. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

function requestLogPlugin(logger: Logger): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          // Operation name and timing only: never variables, results or the caller's identity.
          logger.debug(
            { operation: operationName ?? null, ms: Math.round(performance.now() - started), errors: errors?.length ?? 0 },
            'graphql request',
          );
        },
      };
    },
  };
}

/**
 * Starts one subgraph: database (migrated and seeded), Apollo Server behind a plain Node HTTP
 * server with `/health` (process up), `/ready` (database answers) and `/graphql` (gateway-signed
 * requests only). `stop()` drains requests, then closes the database.
 */
export async function startSubgraph(
  definition: SubgraphDefinition,
  config: SubgraphConfig,
  options: StartOptions = {},
): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(definition.name, config.logLevel);
  const schema = await definition.buildSchema();
  const database = await openDatabase(definition.persistence, {
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.poolSize,
    seedDemo: config.seedDemo,
    logger,
    onQuery: options.onQuery,
  });
  // Real PostgreSQL only: the embedded database is for one person's demo, where nothing is kept.
  const watcher =
    database.kind === 'postgres' && config.databaseUrl ? new RevisionWatcher(config.databaseUrl, logger) : undefined;
  await watcher?.start();
  const streams = watcher ? new RevisionStreams(watcher) : undefined;
  const apollo = new ApolloServer<BaseContext>({
    schema,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // Shutdown is ours (drain HTTP, then Apollo, then the database), not Apollo's own signal handler.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      requestLogPlugin(logger),
      revisionLabelPlugin(watcher, definition.revisionCoverage ?? {}),
      requestErrorsPlugin<BaseContext>(),
    ],
    // The gateway sends whole documents; no registry of queries kept for it (APQ).
    persistedQueries: false,
  });
  await apollo.start();
  // The revision stream is one more signed GET route (real PostgreSQL only).
  const routes: SubgraphRoute[] = [
    ...(definition.routes ?? []),
    ...(streams
      ? [
          {
            path: new RegExp(`^${REVISION_STREAM_PATH}$`),
            handle: async (_: RouteRequest, res: ServerResponse) => streams.serve(res),
          },
        ]
      : []),
  ];

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/health') return sendJson(res, 200, { status: 'ok', service: definition.name });
    if (path === '/ready') {
      const ready = await isDatabaseReady(database.orm);
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'database unavailable', service: definition.name });
    }
    const route = path === '/graphql' ? undefined : routes.find((candidate) => candidate.path.test(path));
    if (path !== '/graphql' && !route) return sendJson(res, 404, { error: 'not found' });
    // The gateway only POSTs GraphQL: a GET (query in the URL, empty body) could otherwise reuse
    // the signature of an empty-bodied route request for an arbitrary query.
    if (!route && req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' }, { allow: 'POST' });
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        return sendGraphQLError(res, 413, 'BAD_REQUEST', 'Yêu cầu quá lớn.', 'The request is too large.');
      }
      throw error;
    }
    const check = verifyIdentity(
      req.headers,
      { method: req.method ?? 'GET', target: req.url ?? '/', body },
      config.gatewaySecret,
    );
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
    const identity = check.identity;
    // A service identity may ask whether entities exist, and nothing else (peers/index.ts).
    if (isServiceIdentity(identity) && (route || !isExistenceRequest(body))) {
      return sendGraphQLError(
        res,
        403,
        'FORBIDDEN',
        'Bạn không có quyền thực hiện thao tác này.',
        'A service identity may only ask whether entities exist.',
      );
    }
    const createContext = async (): Promise<BaseContext> => {
      const em = database.orm.em.fork();
      return { em, identity, loaders: new Loaders(em), log: logger, config };
    };
    if (!route) {
      await executeApollo(apollo, req, res, body, createContext);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      await route.handle(
        {
          params: (route.path.exec(path) ?? []).slice(1),
          query: url.searchParams,
          context: await createContext(),
          accept: req.headers.accept ?? '',
        },
        res,
      );
    } catch (error) {
      // The same coded, safe errors as GraphQL, with the matching HTTP status.
      const safe = toGraphQLError(error, logger);
      const code = (safe.extensions.code as ErrorCode) ?? 'INTERNAL_SERVER_ERROR';
      if (!res.headersSent)
        sendJson(res, HTTP_STATUS[code] ?? 500, { errors: [{ message: safe.message, extensions: safe.extensions }] });
      else res.end();
    }
  };

  let listening: Awaited<ReturnType<typeof listen>>;
  try {
    listening = await listen(handler, config.port, config.host);
  } catch (error) {
    await apollo.stop();
    await watcher?.stop();
    await database.close();
    throw error;
  }
  const url = `http://${config.host}:${listening.port}/graphql`;
  logger.info({ url, database: database.kind }, 'subgraph ready');
  let stopped: Promise<void> | undefined;
  return {
    name: definition.name,
    url,
    port: listening.port,
    database,
    stop() {
      stopped ??= (async () => {
        streams?.close();
        await closeServer(listening.server);
        await apollo.stop();
        await watcher?.stop();
        await database.close();
        logger.info('subgraph stopped');
      })();
      return stopped;
    },
  };
}

/** A subgraph's `main`: read the configuration once, start, stop cleanly on SIGINT/SIGTERM. */
export async function runSubgraph(definition: SubgraphDefinition): Promise<void> {
  const config = loadSubgraphConfig(definition.name);
  const logger = createLogger(definition.name, config.logLevel);
  try {
    const running = await startSubgraph(definition, config, { logger });
    onShutdownSignal(running.stop, (message) => logger.info(message));
  } catch (error) {
    logger.fatal({ err: error }, 'subgraph failed to start');
    process.exit(1);
  }
}
