import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { encodeIdentity, IDENTITY_HEADER, signEncodedIdentity } from '@metrology/kit/identity';
import type { GatewayContext } from './context';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * Sends a subgraph its part of the plan with the caller's identity, signed over the exact body
 * that goes on the wire, and gives up after `timeoutMs` so that one slow subgraph cannot hold the
 * whole answer.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, secret: string, timeoutMs: number) {
    const fetcher: Fetcher = async (target, init = {}) => {
      const headers = { ...(init.headers ?? {}) };
      const encoded = headers[IDENTITY_HEADER] ?? encodeIdentity({ subject: null, roles: [], name: null });
      Object.assign(headers, signEncodedIdentity(encoded, init.body ?? '', secret));
      const response = await fetch(target, {
        method: init.method,
        headers,
        body: init.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return response as unknown as Awaited<ReturnType<Fetcher>>;
    };
    super({ url, fetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Internal requests of the gateway itself (health checks) have no caller.
    const identity = 'identity' in context && context.identity ? context.identity : { subject: null, roles: [], name: null };
    request.http?.headers.set(IDENTITY_HEADER, encodeIdentity(identity));
  }
}
