import type { Identity } from '@metrology/kit/identity';
import type { ResponseLabels } from './response-cache';

/** The gateway's per-request context: who is calling, verified from the bearer token. */
export interface GatewayContext {
  identity: Identity;
  /** Present when the answer may be kept by the response cache: what it is computed from. */
  labels?: ResponseLabels;
}
