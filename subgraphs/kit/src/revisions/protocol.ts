/**
 * How a subgraph tells the gateway which data revision an answer was computed from, so that the
 * gateway can keep whole answers while nothing they were computed from has changed
 * (docs/CACHING.md). Shared by both sides; no dependencies.
 */

/** The path of a subgraph's revision stream (server-sent events, gateway-signed GET). */
export const REVISION_STREAM_PATH = '/revisions';

/**
 * On a query's answer: every field of the query is covered by the data revision, and the answer
 * reflects at least this revision (it may reflect a later one). Absent: the answer may depend on
 * data the revision does not cover, and must not be kept.
 */
export const REVISION_HEADER = 'x-data-revision';

/** On a mutation's answer: the data revision after the mutation committed (a lower bound). */
export const REVISION_FLOOR_HEADER = 'x-data-revision-floor';

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

/** A revision as sent on the wire: a non-negative decimal integer (bigint in the database). */
export function parseRevision(value: string | null | undefined): bigint | null {
  if (typeof value !== 'string' || !/^\d{1,20}$/.test(value)) return null;
  return BigInt(value);
}

/** One server-sent event carrying a revision (or `unknown`). */
export function revisionEvent(revision: bigint | null): string {
  return `data: ${revision === null ? REVISION_UNKNOWN : revision.toString()}\n\n`;
}

/**
 * Splits a server-sent-event byte stream into the `data` values of its events. Feed it chunks as
 * they arrive; comments (heartbeats) and other fields are ignored.
 */
export class RevisionEventParser {
  private buffer = '';

  push(chunk: string): string[] {
    this.buffer += chunk;
    const values: string[] = [];
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const event = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      for (const line of event.split('\n')) {
        if (line.startsWith('data:')) values.push(line.slice(5).trim());
      }
      end = this.buffer.indexOf('\n\n');
    }
    // A stream that never ends an event is not a revision stream.
    if (this.buffer.length > 4096) this.buffer = '';
    return values;
  }
}
