import type { ServerResponse } from 'node:http';
import type { Identity } from '@metrology/kit/identity';
import { annualReportRoute } from './report/annual-report.route';
import { WEB_ROUTES } from './web';

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

/** The gateway's own routes. */
export const GATEWAY_ROUTES: GatewayRoute[] = [annualReportRoute, ...WEB_ROUTES];
