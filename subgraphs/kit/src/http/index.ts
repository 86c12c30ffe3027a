import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServer, type BaseContext, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';

export { REQUEST_ERROR_CODES, requestErrorsPlugin } from './request-errors';

/** A request too large for the configured limit. */
export class PayloadTooLargeError extends Error {}

/** Reads the whole body, refusing more than `limit` bytes without buffering them. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new PayloadTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

/** A GraphQL-shaped error response for failures before GraphQL execution (auth, size). */
export function sendGraphQLError(res: ServerResponse, status: number, code: string, message: string, messageEn: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code, messageEn } }] });
}

export function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** What `executeApollo` sent: the status, the headers and, when it was sent whole, the body. */
export interface ExecutedResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

/** `application/json`, with or without parameters (charset). */
const JSON_CONTENT_TYPE = /^\s*application\/json\s*(;|$)/i;

/**
 * Runs one HTTP request through Apollo Server (its documented integration API), with a body
 * that has already been read and checked, and writes the answer.
 */
export async function executeApollo<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  rawBody: Buffer,
  context: () => Promise<TContext>,
): Promise<ExecutedResponse> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let body: unknown;
  // A body is read as JSON only when it says it is JSON: anything else is refused, not guessed at.
  if (rawBody.length > 0 && !JSON_CONTENT_TYPE.test(req.headers['content-type'] ?? '')) {
    sendGraphQLError(
      res,
      415,
      'BAD_REQUEST',
      'Nội dung yêu cầu phải là JSON (Content-Type: application/json).',
      'The request body must be JSON, sent with Content-Type: application/json.',
    );
    return { status: 415, headers: {} };
  }
  if (rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      sendGraphQLError(res, 400, 'BAD_REQUEST', 'Yêu cầu không phải JSON hợp lệ.', 'The request body is not valid JSON.');
      return { status: 400, headers: {} };
    }
  }
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    headers: headerMapOf(req),
    search: url.search,
    body,
  };
  const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context });
  const headers: Record<string, string> = {};
  for (const [key, value] of response.headers) headers[key] = value;
  const status = response.status ?? 200;
  res.writeHead(status, headers);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return { status, headers, body: response.body.string };
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
  return { status, headers };
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** Starts an HTTP server; resolves once it listens. Port 0 picks a free port. */
export async function listen(handler: RouteHandler, port: number, host: string): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch(() => {
      if (!res.headersSent) sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Lỗi hệ thống.', 'Internal error.');
      else res.end();
    });
  });
  // Keep-alive sockets must not outlive a graceful shutdown for long.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Stops accepting connections, lets running requests finish, then closes idle sockets. */
export async function closeServer(server: Server, graceMs = 10_000): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Calls `stop` once on SIGINT/SIGTERM, then exits. Returns a function that removes the hooks. */
export function onShutdownSignal(stop: () => Promise<void>, log: (message: string) => void): () => void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`received ${signal}, shutting down`);
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
  return () => {
    process.off('SIGINT', handle);
    process.off('SIGTERM', handle);
  };
}
