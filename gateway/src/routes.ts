import type { ServerResponse } from 'node:http';
import type { Identity } from '@metrology/kit/identity';

/*
 * Types only: the routes themselves (web.ts) import these, and the server assembles them
 * (so that no module imports one that imports it back).
 */

/** A plain HTTP route served by the gateway itself (the web app and its development sign-in). */
export interface GatewayRoute {
  /** Matched against the whole path; capture groups become `params`. */
  path: RegExp;
  handle(request: { params: string[]; query: URLSearchParams; identity: Identity }, res: ServerResponse): Promise<void>;
}
