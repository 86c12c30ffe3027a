import type { SubgraphName } from '../config';
import { ServiceUnavailableError } from '../errors';
import { type Identity, SERVICE_SUBJECT_PREFIX } from '../identity/identity';
import { signIdentity } from '../identity/signature';

/**
 * One subgraph asking another whether entities exist (docs/ARCHITECTURE.md, "Links to another
 * subgraph's entities"): a federation `_entities` query, signed with the gateway's HMAC like any
 * gateway call, as a service identity. The owner answers null for an entity it does not have.
 * A service identity has no role and may send this one document only (the kit's server refuses
 * any other request from it), so an owner grants it existence and nothing else.
 */

/** The identity a subgraph calls another as: no role, a `service:` subject. */
export function serviceIdentity(name: SubgraphName): Identity {
  return { subject: `${SERVICE_SUBJECT_PREFIX}${name}`, roles: [], name: `${name} (service)` };
}

export function isServiceIdentity(identity: Identity): boolean {
  return identity.subject?.startsWith(SERVICE_SUBJECT_PREFIX) === true && identity.roles.length === 0;
}

/** The only operation a service identity may send: which of these representations exist. */
export const EXISTENCE_QUERY =
  'query EntityExistence($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }';

/** Whether a request body is exactly the existence query (any other body from a service identity is refused). */
export function isExistenceRequest(body: Buffer | string): boolean {
  try {
    const parsed = JSON.parse(body.toString()) as Record<string, unknown>;
    const keys = Object.keys(parsed).filter((key) => key !== 'operationName' && key !== 'extensions');
    const representations = (parsed.variables as { representations?: unknown } | undefined)?.representations;
    return (
      parsed.query === EXISTENCE_QUERY &&
      keys.length === 2 &&
      Array.isArray(representations) &&
      (parsed.operationName === undefined || parsed.operationName === 'EntityExistence')
    );
  } catch {
    return false;
  }
}

/** How long a subgraph waits for the owner before refusing the write that needed it. */
export const PEER_TIMEOUT_MS = 5_000;

export interface EntityExistenceOptions {
  /** The asking subgraph: its service identity. */
  from: SubgraphName;
  /** The owner's name (for errors) and its GraphQL URL. */
  owner: SubgraphName;
  url: string;
  /** The HMAC key shared with the gateway (`GATEWAY_SECRET`). */
  secret: string;
  timeoutMs?: number;
}

/**
 * The ids of `typename` among `ids` that the owner does not have. Throws SERVICE_UNAVAILABLE when
 * the owner cannot say (unreachable, slow, an answer that is not the expected one): a link is
 * never accepted unchecked.
 */
export async function missingEntities(
  options: EntityExistenceOptions,
  typename: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const body = JSON.stringify({
    query: EXISTENCE_QUERY,
    variables: { representations: ids.map((id) => ({ __typename: typename, id })) },
  });
  const target = new URL(options.url);
  let answer: { data?: { _entities?: unknown } | null; errors?: unknown[] };
  try {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signIdentity(
          serviceIdentity(options.from),
          { method: 'POST', target: `${target.pathname}${target.search}`, body },
          options.secret,
        ),
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? PEER_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`status ${response.status}`);
    answer = (await response.json()) as typeof answer;
  } catch {
    throw new ServiceUnavailableError(options.owner);
  }
  const entities = answer.data?._entities;
  if (answer.errors?.length || !Array.isArray(entities) || entities.length !== ids.length) {
    throw new ServiceUnavailableError(options.owner);
  }
  return ids.filter((_, index) => entities[index] === null);
}
