import type { ServerResponse } from 'node:http';
import type { Identity } from '@metrology/kit/identity';

/*
 * Types only: the routes themselves (web.ts, report/) import these, and the server assembles them
 * (so that no module imports one that imports it back).
 */

/** A GraphQL operation run by the gateway itself, through its own schema, as the caller. */
export type ExecuteAsCaller = (
  query: string,
  variables?: Record<string, unknown>,
) => Promise<{
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}>;

/** A plain HTTP route served by the gateway itself (reports), built from its own GraphQL data. */
export interface GatewayRoute {
  /** Matched against the whole path; capture groups become `params`. */
  path: RegExp;
  handle(
    request: { params: string[]; query: URLSearchParams; identity: Identity; execute: ExecuteAsCaller },
    res: ServerResponse,
  ): Promise<void>;
}
