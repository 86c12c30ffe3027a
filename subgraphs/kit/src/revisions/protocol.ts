/**
 * How a subgraph tells the gateway which data revision an answer was computed from, so that the
 * gateway can keep whole answers while nothing they were computed from has changed
 * (docs/CACHING.md). Shared by both sides; no dependencies.
 */

/** The path of a subgraph's revision stream (server-sent events, gateway-signed GET). */
export const REVISION_STREAM_PATH = '/revisions';

/**
 * On a query's answer: every field of the query is covered by the data revision, and the answer
 * reflects at least this revision (it may reflect a later one of the same epoch). Absent: the
 * answer may depend on data the revision does not cover, and must not be kept. Written
 * `epoch:number` (`formatRevision`).
 */
export const REVISION_HEADER = 'x-data-revision';

/** On a mutation's answer: the data revision after the mutation committed (a lower bound). */
export const REVISION_FLOOR_HEADER = 'x-data-revision-floor';

/**
 * On a labelled answer: the date (Vietnam, `YYYY-MM-DD`) the subgraph took as today for the
 * whole of its execution (an omitted as-of date means today). The gateway keeps an answer only
 * under the date it keys the request by, and only when every subgraph computed for that date.
 */
export const REVISION_DATE_HEADER = 'x-data-date';

/** The PostgreSQL channel `raise_data_revision()` notifies with the new revision. */
export const REVISION_CHANNEL = 'data_revision';

/** How often a revision stream sends a heartbeat when nothing changes. */
export const REVISION_HEARTBEAT_MS = 5_000;

/**
 * A stream silent for this long (no event, no heartbeat) is dropped by the gateway: a subgraph
 * that hangs must not leave its last revision standing, with answers kept on its account.
 */
export const REVISION_STREAM_SILENCE_MS = 3 * REVISION_HEARTBEAT_MS;

/** What the stream sends when the subgraph cannot currently see its revision. */
export const REVISION_UNKNOWN = 'unknown';

/**
 * A data revision: the number the triggers raise, within an epoch that changes whenever the
 * database may have gone back to other data under the same numbers (recreated, restored, failed
 * over: `data_revision_now()`, kit `revisionEpochMigration`). Numbers compare only within an epoch.
 */
export interface Revision {
  epoch: string;
  number: bigint;
}

/** A revision as sent on the wire: `epoch:number`, the epoch 1 to 64 letters or digits, the number decimal. */
export function parseRevision(value: string | null | undefined): Revision | null {
  if (typeof value !== 'string') return null;
  const match = /^([0-9A-Za-z]{1,64}):(\d{1,20})$/.exec(value);
  if (!match) return null;
  return { epoch: match[1] as string, number: BigInt(match[2] as string) };
}

export function formatRevision(revision: Revision): string {
  return `${revision.epoch}:${revision.number}`;
}

export function sameRevision(a: Revision | null | undefined, b: Revision | null | undefined): boolean {
  return !!a && !!b && a.epoch === b.epoch && a.number === b.number;
}

/**
 * Whether `next` replaces `known`: a revision of another epoch always does (the old epoch's
 * numbers say nothing about the data now); within one epoch, only a higher number does, so that a
 * late announcement cannot take the revision back.
 */
export function supersedes(next: Revision, known: Revision | null | undefined): boolean {
  return !known || next.epoch !== known.epoch || next.number > known.number;
}

/** One server-sent event carrying a revision (or `unknown`). */
export function revisionEvent(revision: Revision | null): string {
  return `data: ${revision === null ? REVISION_UNKNOWN : formatRevision(revision)}\n\n`;
}
