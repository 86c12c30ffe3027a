import type { Identity } from '@metrology/kit/identity';

/** The gateway's per-request context: who is calling, verified from the bearer token. */
export interface GatewayContext {
  identity: Identity;
}
