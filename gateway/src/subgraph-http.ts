import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type FetcherResponse = Awaited<ReturnType<RemoteGraphQLDataSource['fetcher']>>;
type FetcherHeaders = FetcherResponse['headers'];

/** Sockets open at once to one subgraph; further calls wait for a free one (within their timeout). */
const MAX_SOCKETS = 64;
/**
 * How long an idle kept-alive socket is kept. A subgraph's own `Keep-Alive: timeout=…` hint, less
 * a second, shortens it, so that the gateway drops an idle socket before the subgraph closes it.
 */
const IDLE_SOCKET_MS = 4_000;

/** The whole call (connect, answer, body) took longer than allowed. */
export class SubgraphTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** The call failed on the network (refused, reset, closed early); the socket error is the cause. */
export class SubgraphConnectionError extends Error {
  constructor(cause: unknown) {
    super('subgraph request failed', { cause });
  }
}

/** A call to a subgraph: what `RemoteGraphQLDataSource` gives its fetcher, signed, and its time limit. */
export interface SubgraphRequest {
  method: string;
  headers: Record<string, string>;
  body: string | Buffer;
  /** The whole call (connect, answer, body) is abandoned after this long. */
  timeoutMs: number;
}

/** The parts of a subgraph URL a request needs, parsed once. */
interface Target {
  url: string;
  secure: boolean;
  hostname: string;
  port: string;
  /** Path with its query string, as the request line and the signature carry it. */
  path: string;
}

function parseTarget(url: string): Target {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`unsupported subgraph URL: ${url}`);
  return {
    url,
    secure: parsed.protocol === 'https:',
    // An IPv6 literal comes bracketed in a URL, bare in a socket address.
    hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port,
    path: `${parsed.pathname}${parsed.search}`,
  };
}

/** Response headers as Fetch's `Headers` reads them: case-insensitive, repeated values joined. */
class SubgraphHeaders implements FetcherHeaders {
  private readonly byName = new Map<string, string>();

  constructor(raw: IncomingHttpHeaders) {
    for (const name in raw) {
      const value = raw[name];
      if (value !== undefined) this.byName.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.byName.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  set(name: string, value: string): void {
    this.byName.set(name.toLowerCase(), value);
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const current = this.byName.get(key);
    this.byName.set(key, current === undefined ? value : `${current}, ${value}`);
  }

  delete(name: string): void {
    this.byName.delete(name.toLowerCase());
  }

  forEach(callback: (value: string, name: string, headers: SubgraphHeaders) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }

  entries(): IterableIterator<[string, string]> {
    return [...this.byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))[Symbol.iterator]();
  }

  keys(): IterableIterator<string> {
    return [...this.entries()].map(([name]) => name)[Symbol.iterator]();
  }

  values(): IterableIterator<string> {
    return [...this.entries()].map(([, value]) => value)[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/** A subgraph's whole answer, read into one buffer, with the reading methods of a Fetch `Response`. */
class SubgraphResponse implements FetcherResponse {
  readonly redirected = false;
  readonly ok: boolean;
  private used = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: SubgraphHeaders,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status <= 299;
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  private consume(): Buffer {
    if (this.used) throw new TypeError('the response body has already been read');
    this.used = true;
    return this.body;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const body = this.consume();
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    const text = this.consume().toString('utf8');
    // UTF-8 decoding as Fetch does it: a byte order mark is not part of the text.
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  clone(): SubgraphResponse {
    if (this.used) throw new TypeError('the response body has already been read');
    return new SubgraphResponse(this.url, this.status, this.statusText, this.headers, this.body);
  }
}

/**
 * The gateway's HTTP client for one subgraph: `node:http` over a pool of kept-alive sockets, the
 * request written in one piece and the answer read whole into one buffer. Leaner per call than
 * the global `fetch` (no web streams, no request cloning, no abort signal machinery), with the
 * same contract for the data source: the whole call is abandoned after its `timeoutMs`
 * (`SubgraphTimeoutError`, named `TimeoutError`), a network failure rejects with the socket error
 * as the cause (`SubgraphConnectionError`), and any HTTP status is an answer.
 */
export class SubgraphHttpClient {
  private readonly agent: http.Agent;
  private target: Target;

  constructor({ url }: { url: string }) {
    this.target = parseTarget(url);
    const options: http.AgentOptions = {
      keepAlive: true,
      maxSockets: MAX_SOCKETS,
      maxFreeSockets: MAX_SOCKETS,
      timeout: IDLE_SOCKET_MS,
      scheduling: 'lifo',
    };
    this.agent = this.target.secure ? new https.Agent(options) : new http.Agent(options);
  }

  /** The path and query of `url` (the subgraph's URL, parsed once). */
  pathOf(url: string): string {
    return this.targetOf(url).path;
  }

  private targetOf(url: string): Target {
    if (url !== this.target.url) this.target = parseTarget(url);
    return this.target;
  }

  request(url: string, { method, headers, body, timeoutMs }: SubgraphRequest): Promise<FetcherResponse> {
    const target = this.targetOf(url);
    return new Promise((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // The socket is closed, not returned to the pool: its answer may still be on the way.
        request.destroy();
        reject(error);
      };
      const onResponse = (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(
            new SubgraphResponse(
              target.url,
              response.statusCode ?? 0,
              response.statusMessage ?? '',
              new SubgraphHeaders(response.headers),
              chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
            ),
          );
        });
        response.on('error', (error) => fail(new SubgraphConnectionError(error)));
        // Closed before the end of the body.
        response.on('close', () => {
          if (!response.complete) fail(new SubgraphConnectionError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
        });
      };
      // Throws (rejecting the promise) on what cannot be sent, e.g. an invalid header value.
      const request = (target.secure ? https : http).request(
        {
          agent: this.agent,
          hostname: target.hostname,
          port: target.port,
          path: target.path,
          method,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        onResponse,
      );
      request.on('error', (error) => fail(new SubgraphConnectionError(error)));
      timer = setTimeout(
        () => fail(new SubgraphTimeoutError(`no whole answer from the subgraph within ${timeoutMs} ms`)),
        timeoutMs,
      );
      // Headers and body leave in one write.
      request.end(body);
    });
  }
}
