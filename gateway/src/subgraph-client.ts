import { Agent, Headers, Response } from 'undici';

/** A call to a subgraph: method, signed headers, body, and the time allowed for the whole of it. */
export interface SubgraphCall {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** The whole call (connect, answer, body) is abandoned after this long (a `TimeoutError`). */
  timeoutMs: number;
}

/** Statuses whose answer has no body (a Fetch `Response` refuses one). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The gateway's one HTTP client, for every subgraph call and every proxied route: an undici
 * `Agent`, one pool of kept-alive connections per subgraph origin (at most 64 each; an idle one is
 * dropped after 4 s, or sooner when the subgraph's `Keep-Alive` hint says so). Chosen over a
 * hand-made `node:http` client and over `fetch` by the measurement in docs/BENCHMARKS.md
 * ("One HTTP client").
 */
export function createSubgraphAgent(): Agent {
  return new Agent({ connections: 64, keepAliveTimeout: 4_000 });
}

/**
 * Sends one call and reads its whole answer into a Fetch `Response` (what Apollo's data source
 * reads). Any HTTP status is an answer; a timeout rejects with a `TimeoutError`, a network failure
 * with undici's error (its `code`, e.g. ECONNREFUSED, says which).
 */
export async function callSubgraph(
  agent: Agent,
  url: URL,
  { method, headers, body, timeoutMs }: SubgraphCall,
): Promise<Response> {
  // The signal covers the answer's body too: undici destroys it when the signal fires.
  const signal = AbortSignal.timeout(timeoutMs);
  const answer = await agent.request({ origin: url.origin, path: `${url.pathname}${url.search}`, method, headers, body, signal });
  const content = await answer.body.arrayBuffer();
  const received = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) received.append(name, one);
  }
  const nullBody = NULL_BODY_STATUSES.has(answer.statusCode);
  return new Response(nullBody ? null : content, { status: answer.statusCode, headers: received });
}
