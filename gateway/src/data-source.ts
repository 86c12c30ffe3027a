import { AsyncLocalStorage } from 'node:async_hooks';
import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { SubgraphName } from '@metrology/kit/config';
import { encodeIdentity, IDENTITY_HEADER, signEncodedIdentity } from '@metrology/kit/identity';
import type { Logger } from '@metrology/kit/logger';
import { parseRevision, REVISION_DATE_HEADER, REVISION_FLOOR_HEADER, REVISION_HEADER } from '@metrology/kit/revisions';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Agent } from 'undici';
import type { GatewayContext } from './context';
import { serviceUnavailable } from './errors';
import { ResponseLabels } from './response-cache';
import type { SubgraphRevisions } from './revisions';
import { callSubgraph } from './subgraph-client';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type ProcessResult = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type ReceivedResponse = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0];

export interface SignedDataSourceOptions {
  service: SubgraphName;
  url: string;
  secret: string;
  /**
   * How long a call may take, whole (connect, answer, body), before it is abandoned: a read (a
   * query or an entity fetch) and a mutation each have their own limit.
   */
  timeouts: { queryMs: number; mutationMs: number };
  logger: Logger;
  /** Told of the revision floors mutations report, so that older cached answers retire at once. */
  revisions?: SubgraphRevisions;
  /** The gateway's HTTP client (`createSubgraphAgent`), shared with its proxied routes. */
  agent: Agent;
}

/** A non-2xx answer of a subgraph, with the GraphQL errors of its body when it has some. */
class SubgraphStatusError extends GraphQLError {
  constructor(
    readonly status: number,
    readonly graphqlErrors: GraphQLFormattedError[] | null,
  ) {
    super(`subgraph answered HTTP ${status}`);
  }
}

function graphqlErrorsOf(body: unknown): GraphQLFormattedError[] | null {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return null;
  return body.errors as GraphQLFormattedError[];
}

/** The response labels of the request a subgraph call belongs to, when its answer may be kept. */
function labelsOf(context: object): ResponseLabels | undefined {
  return 'labels' in context && context.labels instanceof ResponseLabels ? context.labels : undefined;
}

/**
 * The time limit of the subgraph call under way, set by `process` for the fetcher it calls
 * (`RemoteGraphQLDataSource` gives its fetcher only the URL, method, headers and body).
 */
const callTimeout = new AsyncLocalStorage<number>();

/**
 * Whether a subgraph call is a mutation: the query planner writes each fetch's operation with its
 * keyword first (`mutation …` for the root fields of a mutation; entity fetches, also those that
 * follow a mutation, are queries).
 */
function isMutation(query: string | undefined): boolean {
  return query !== undefined && /^\s*mutation\b/.test(query);
}

/** Why a call failed, for the log only: a status, a timeout, or the socket error's code. */
function failureReason(error: unknown): string {
  if (error instanceof SubgraphStatusError) return `HTTP ${error.status}`;
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
    const cause = (error as Error & { cause?: { code?: unknown } }).cause;
    if (cause && typeof cause.code === 'string') return cause.code;
    const code = (error as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    return error.message;
  }
  return String(error);
}

/**
 * Sends a subgraph its part of the plan with the caller's identity, signed over the exact body
 * that goes on the wire, and gives up after the call's time limit so that one slow or hung
 * subgraph cannot hold the whole answer: reads get `timeouts.queryMs` (a partial answer comes
 * quickly), mutations `timeouts.mutationMs` (a bulk certificate issue keeps the time it needs).
 *
 * A subgraph that cannot be reached (connection refused, reset, timeout, a gateway-level HTTP
 * failure) does not fail the request: the call answers a SERVICE_UNAVAILABLE error naming the
 * service, Apollo Gateway leaves that subgraph's (nullable) fields null and keeps the other
 * subgraphs' data. Every request tries again, so a subgraph that comes back is used at once.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly service: SubgraphName;
  private readonly logger: Logger;
  private readonly revisions: SubgraphRevisions | undefined;
  private readonly timeouts: SignedDataSourceOptions['timeouts'];

  constructor({ service, url, secret, timeouts, logger, revisions, agent }: SignedDataSourceOptions) {
    const subgraphUrl = new URL(url);
    // Each call is bounded by its time limit.
    const fetcher: Fetcher = async (target, init = {}) => {
      const targetUrl = target === url ? subgraphUrl : new URL(target);
      const headers = { ...(init.headers ?? {}) };
      const encoded = headers[IDENTITY_HEADER] ?? encodeIdentity({ subject: null, roles: [], name: null });
      const method = init.method ?? 'POST';
      const body = init.body ?? '';
      const path = `${targetUrl.pathname}${targetUrl.search}`;
      Object.assign(headers, signEncodedIdentity(encoded, { method, target: path, body }, secret));
      return callSubgraph(agent, targetUrl, { method, headers, body, timeoutMs: callTimeout.getStore() ?? timeouts.queryMs });
    };
    super({ url, fetcher });
    this.timeouts = timeouts;
    this.service = service;
    this.logger = logger;
    this.revisions = revisions;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Internal requests of the gateway itself (health checks) have no caller.
    const identity = 'identity' in context && context.identity ? context.identity : { subject: null, roles: [], name: null };
    request.http?.headers.set(IDENTITY_HEADER, encodeIdentity(identity));
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<ProcessResult> {
    const started = performance.now();
    const timeoutMs = isMutation(options.request.query) ? this.timeouts.mutationMs : this.timeouts.queryMs;
    try {
      return await callTimeout.run(timeoutMs, () => super.process(options));
    } catch (error) {
      labelsOf(options.context)?.uncover();
      // A subgraph's own refusal of the query (HTTP 400 with coded errors, e.g. a variable its
      // scalar rejects) is an answer, not an outage: its errors are already safe for the caller.
      if (error instanceof SubgraphStatusError && error.graphqlErrors && error.status === 400) {
        return { errors: error.graphqlErrors };
      }
      this.logger.warn(
        { subgraph: this.service, reason: failureReason(error), ms: Math.round(performance.now() - started) },
        'subgraph unavailable; answering without it',
      );
      return { errors: [serviceUnavailable(this.service)] };
    }
  }

  /** Reads the revision labels of a subgraph's answer (kit `revisionLabelPlugin`). */
  override async didReceiveResponse({ response, context }: ReceivedResponse): Promise<ReceivedResponse['response']> {
    const headers = response.http?.headers;
    labelsOf(context)?.label(this.service, headers?.get(REVISION_HEADER), headers?.get(REVISION_DATE_HEADER));
    const floor = parseRevision(headers?.get(REVISION_FLOOR_HEADER));
    if (floor !== null) this.revisions?.raise(this.service, floor);
    return response;
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const contentType = response.headers.get('content-type') ?? '';
    const body: unknown = contentType.includes('json') ? await response.json().catch(() => null) : null;
    return new SubgraphStatusError(response.status, graphqlErrorsOf(body));
  }
}
