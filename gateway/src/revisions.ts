import { request } from 'node:http';
import type { SubgraphName } from '@metrology/kit/config';
import { ANONYMOUS, signIdentity } from '@metrology/kit/identity';
import type { Logger } from '@metrology/kit/logger';
import {
  parseRevision,
  REVISION_STREAM_PATH,
  REVISION_STREAM_SILENCE_MS,
  type Revision,
  supersedes,
} from '@metrology/kit/revisions';
import { createParser } from 'eventsource-parser';

/** Wait before opening a lost stream again (doubling up to the maximum). */
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

/**
 * The data revision of every subgraph, as the gateway knows it: each subgraph's revision stream
 * (server-sent events) while it is open, raised at once by the floors mutations report; a
 * revision of another epoch replaces the known one, whatever its number. `null`
 * while a stream is down: answers depending on that subgraph are then neither served from the
 * response cache nor kept.
 *
 * Each unbroken stretch of following a subgraph is a numbered session: a stream lost or `unknown`,
 * or a new epoch, ends it. An answer is served only in the session it was kept in, and kept only if its request
 * started in it: a subgraph that restarts (a deploy of code that computes differently) comes back
 * at the same revision, and what its old process answered must not be served again.
 */
export class SubgraphRevisions {
  private readonly known = new Map<SubgraphName, Revision | null>();
  private readonly sessions = new Map<SubgraphName, number>();
  private readonly streams = new Map<SubgraphName, { close(): void }>();
  private stopped = false;

  constructor(
    private readonly urls: Readonly<Record<SubgraphName, string>>,
    private readonly secret: string,
    private readonly logger: Logger,
    /** A stream silent for this long is dropped (tests shorten it). */
    private readonly silenceMs: number = REVISION_STREAM_SILENCE_MS,
  ) {}

  /** Opens every subgraph's stream; never waits for them (a stream that is down is retried). */
  start(): void {
    for (const name of Object.keys(this.urls) as SubgraphName[]) this.open(name, RETRY_MIN_MS);
  }

  current(service: SubgraphName): Revision | null {
    return this.known.get(service) ?? null;
  }

  /** The number of the current session of following `service` (see above). */
  session(service: SubgraphName): number {
    return this.sessions.get(service) ?? 0;
  }

  /** The revision is not known until the stream says it again: a new session. */
  private forget(service: SubgraphName): void {
    this.known.set(service, null);
    this.sessions.set(service, this.session(service) + 1);
  }

  /**
   * Takes `revision` if it supersedes the known one; a new epoch also starts a new session, so
   * that what was kept in an older epoch stays retired even if that epoch were announced again.
   */
  private advance(service: SubgraphName, revision: Revision): void {
    const known = this.known.get(service) ?? null;
    if (!supersedes(revision, known)) return;
    if (known !== null && known.epoch !== revision.epoch) this.sessions.set(service, this.session(service) + 1);
    this.known.set(service, revision);
  }

  /**
   * A mutation's floor: the revision is at least `revision` now, or is of its new epoch (ignored
   * while the stream is down).
   */
  raise(service: SubgraphName, revision: Revision): void {
    if (this.current(service) !== null) this.advance(service, revision);
  }

  stop(): void {
    this.stopped = true;
    for (const stream of this.streams.values()) stream.close();
    this.streams.clear();
  }

  private open(service: SubgraphName, retryMs: number): void {
    if (this.stopped) return;
    const url = new URL(REVISION_STREAM_PATH, this.urls[service]);
    let closed = false;
    let received = false;
    const req = request(url, {
      method: 'GET',
      headers: {
        accept: 'text/event-stream',
        ...signIdentity(ANONYMOUS, { method: 'GET', target: url.pathname, body: '' }, this.secret),
      },
    });
    const lost = (reason: string) => {
      if (closed) return;
      closed = true;
      this.forget(service);
      req.destroy();
      if (this.stopped) return;
      // A stream that worked is retried at once; one that keeps failing, less and less often.
      const wait = received ? RETRY_MIN_MS : Math.min(retryMs * 2, RETRY_MAX_MS);
      this.logger.debug({ subgraph: service, reason, retryMs: wait }, 'revision stream closed');
      setTimeout(() => this.open(service, wait), wait).unref();
    };
    this.streams.set(service, {
      close: () => {
        closed = true;
        req.destroy();
      },
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return lost(`HTTP ${res.statusCode}`);
      }
      // Server-sent events; heartbeats are comments, and each event's data is a revision.
      const parser = createParser({
        onEvent: ({ data }) => {
          received = true;
          const revision = parseRevision(data.trim());
          // The first event of a stream (known is null since the last one was lost) is taken as
          // it is; after that, revisions only grow within an epoch (a raised floor may be ahead of
          // the stream), and another epoch replaces the known one.
          if (revision === null) this.forget(service);
          else this.advance(service, revision);
        },
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => parser.feed(chunk));
      res.on('end', () => lost('ended'));
      res.on('error', (error) => lost(error.message));
    });
    req.on('error', (error) => lost((error as NodeJS.ErrnoException).code ?? error.message));
    // Heartbeats keep the socket busy; a subgraph that hangs goes silent and is dropped.
    req.setTimeout(this.silenceMs, () => lost('silent'));
    this.forget(service);
    req.end();
  }
}
