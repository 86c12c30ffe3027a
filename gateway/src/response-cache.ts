import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { SUBGRAPH_NAMES, type SubgraphName } from '@metrology/kit/config';
import { todayInVietnam } from '@metrology/kit/dates';
import { encodeIdentity, type Identity } from '@metrology/kit/identity';
import { parseRevision, type Revision, sameRevision } from '@metrology/kit/revisions';
import { LRUCache } from 'lru-cache';
import type { SubgraphRevisions } from './revisions';

/** Answers larger than this are never kept (a scorecard is about 20 kB). */
const MAX_ENTRY_BYTES = 1_000_000;

/**
 * What one request's answer was computed from, gathered while it runs: the data revision each
 * subgraph labelled its part with, whether every part was labelled (covered) and computed for
 * `today` (the date the request is keyed by), the operation's type and whether the answer has
 * errors. Only a covered query answered without errors is kept.
 */
export class ResponseLabels {
  readonly revisions = new Map<SubgraphName, Revision>();
  covered = true;
  operation: string | undefined;
  errors = false;

  /**
   * @param today the date the request is keyed by.
   * @param sessions each subgraph's session of revision following when the request started
   *   (`SubgraphRevisions.session`): an answer is kept only if its subgraphs' sessions are unbroken.
   */
  constructor(
    readonly today: string,
    readonly sessions: ReadonlyMap<SubgraphName, number> = new Map(),
  ) {}

  /**
   * A subgraph's answer, its `x-data-revision` label (absent: not covered) and its `x-data-date`
   * (the date it computed for: another than the key's is not kept).
   */
  label(service: SubgraphName, header: string | null | undefined, date: string | null | undefined): void {
    const revision = parseRevision(header);
    const earlier = this.revisions.get(service);
    // Two parts from one subgraph at different revisions do not make one consistent answer.
    if (revision === null || date !== this.today || (earlier !== undefined && !sameRevision(earlier, revision))) {
      this.covered = false;
    } else this.revisions.set(service, revision);
  }

  uncover(): void {
    this.covered = false;
  }

  get keepable(): boolean {
    return this.covered && !this.errors && this.operation === 'query' && this.revisions.size > 0;
  }
}

interface Entry {
  body: string;
  headers: Record<string, string>;
  /** Each subgraph's revision and the session of following it that the answer was kept in. */
  revisions: [SubgraphName, Revision, number][];
}

/**
 * Whole GraphQL answers of the gateway, kept while the data they were computed from is unchanged
 * (docs/CACHING.md): an entry is served only while every subgraph it came from is at exactly the
 * revision its part was labelled with, as the subgraph's revision stream reports it, so that a
 * change anywhere (through this gateway, another instance or by hand) retires it within the
 * notification's delay, and a mutation through this gateway retires it before its answer is
 * sent. Keyed by the caller's whole identity (subgraphs decide what each caller may see), the
 * date in Vietnam (an omitted as-of date means today; kept only when every subgraph computed for
 * that very date), the Accept header (Apollo picks the
 * answer's media type from it) and the exact request body; at most `maxEntries`, least recently
 * used dropped first.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(
    private readonly maxEntries: number,
    private readonly revisions: SubgraphRevisions,
    /** Today's date in Vietnam (tests set the clock). */
    private readonly today: () => string = () => todayInVietnam(),
  ) {
    // With no entries allowed no request has a key (`keyOf`): the cache is never used.
    this.entries = new LRUCache({ max: Math.max(maxEntries, 1) });
  }

  /**
   * The key of a request that may be answered from the cache, with the labels its answer will be
   * kept by (for the same date as the key), or null: POST with a JSON body only (what CSRF
   * prevention always lets through), and not when the caller asks for a fresh answer
   * (`Cache-Control: no-cache` or `no-store`).
   */
  keyOf(req: IncomingMessage, identity: Identity, body: Buffer): { key: string; labels: ResponseLabels } | null {
    if (this.maxEntries === 0 || req.method !== 'POST' || body.length === 0) return null;
    const contentType = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(contentType)) return null;
    if (/\bno-(cache|store)\b/i.test(req.headers['cache-control'] ?? '')) return null;
    const today = this.today();
    const parts = [encodeIdentity(identity), today, req.headers.accept ?? ''];
    const key = createHash('sha256').update(parts.join('\n')).update('\n').update(body).digest('base64url');
    const sessions = new Map(SUBGRAPH_NAMES.map((service) => [service, this.revisions.session(service)]));
    return { key, labels: new ResponseLabels(today, sessions) };
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    for (const [service, revision, session] of entry.revisions) {
      if (!sameRevision(this.revisions.current(service), revision) || this.revisions.session(service) !== session) {
        this.entries.delete(key);
        return undefined;
      }
    }
    return entry;
  }

  /** Keeps an answer if its labels allow it and every subgraph's revision is known right now. */
  set(key: string, labels: ResponseLabels, status: number, headers: Record<string, string>, body: string): boolean {
    if (status !== 200 || !labels.keepable || body.length > MAX_ENTRY_BYTES) return false;
    const revisions: Entry['revisions'] = [];
    for (const [service, revision] of labels.revisions) {
      const session = this.revisions.session(service);
      if (this.revisions.current(service) === null || labels.sessions.get(service) !== session) return false;
      revisions.push([service, revision, session]);
    }
    const kept: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (name !== 'content-length') kept[name] = value;
    }
    this.entries.set(key, { body, headers: kept, revisions });
    return true;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Tells a request's labels its operation's type and whether its answer has errors. */
export function responseLabelsPlugin(): ApolloServerPlugin<{ labels?: ResponseLabels }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (contextValue.labels) contextValue.labels.operation = operation?.operation;
        },
        async willSendResponse({ response, contextValue }) {
          if (!contextValue.labels) return;
          if (response.body.kind !== 'single' || response.body.singleResult.errors?.length) contextValue.labels.errors = true;
        },
      };
    },
  };
}
