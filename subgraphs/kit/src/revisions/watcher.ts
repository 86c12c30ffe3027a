import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../logger';
import { parseRevision, REVISION_CHANNEL, type Revision, supersedes } from './protocol';

type Listener = (revision: Revision | null) => void;

/** How long the watcher waits before connecting again after losing its connection. */
const RECONNECT_MS = 1_000;

/** The channel of the watcher's own probes, proving that notifications still reach it. */
const PROBE_CHANNEL = `${REVISION_CHANNEL}_probe`;

/**
 * How often the watcher notifies itself, and how long a probe may take to come back: a LISTEN
 * that hears nothing (a half-open connection, a pooler in transaction mode) is taken for lost.
 */
const PROBE_MS = 5_000;

/**
 * Follows a subgraph's data revision as it changes, without a query per request: one dedicated
 * PostgreSQL connection LISTENs on the channel `raise_data_revision()` notifies in every writing
 * transaction (delivered at commit), and reads the revision once after each (re)connection. It
 * notifies itself every few seconds and takes the connection for lost when that probe does not
 * come back, so that a LISTEN which has stopped hearing cannot leave a revision standing. Each
 * probe reads the revision too, so that a new epoch no write has announced (a dump restored in
 * place) is seen within one probe.
 *
 * `current()` never runs ahead of the database: it is a revision that was committed, possibly
 * already superseded by a change whose notification is on its way. While the connection is down
 * it is `null` (unknown), and nothing may be cached on its account.
 */
export class RevisionWatcher {
  private revision: Revision | null = null;
  private client: pg.Client | undefined;
  private probe: { token: string; answered: () => void } | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<Listener>();
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
    /** How often the watcher probes its connection (tests shorten it). */
    private readonly probeMs: number = PROBE_MS,
  ) {}

  /** Connects once; on failure, keeps trying in the background (the subgraph serves anyway). */
  async start(): Promise<void> {
    await this.connect();
  }

  current(): Revision | null {
    return this.revision;
  }

  /** Calls `listener` on every change of `current()`; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearTimeout(this.probeTimer);
    const client = this.client;
    this.client = undefined;
    this.set(null);
    this.listeners.clear();
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'metrology revision watch' });
    this.client = client;
    client.on('notification', (message) => {
      if (this.client !== client) return;
      const probe = this.probe;
      if (message.channel === PROBE_CHANNEL) {
        if (probe && message.payload === probe.token) probe.answered();
        return;
      }
      if (message.channel !== REVISION_CHANNEL) return;
      const revision = parseRevision(message.payload);
      if (revision) this.advance(revision);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`listen "${REVISION_CHANNEL}"`);
      await client.query(`listen "${PROBE_CHANNEL}"`);
      // Notifications must be seen to arrive before the revision counts as known.
      await this.sendProbe(client);
      // Read after LISTEN: a change committed in between is in this read or in a notification.
      const revision = await readRevision(client);
      if (this.client !== client) return;
      this.advance(revision);
      this.scheduleProbe(client);
    } catch (error) {
      this.lost(client, error);
    }
  }

  /** Notifies itself on the probe channel; resolves when the notification comes back, rejects after `probeMs`. */
  private sendProbe(client: pg.Client): Promise<void> {
    const token = randomUUID();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('notifications do not arrive')), this.probeMs);
      timer.unref();
      this.probe = {
        token,
        answered: () => {
          clearTimeout(timer);
          this.probe = undefined;
          resolve();
        },
      };
      client.query('select pg_notify($1, $2)', [PROBE_CHANNEL, token]).catch((error: unknown) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  /** Probes again and again while the connection lasts; a probe that does not come back loses it. */
  private scheduleProbe(client: pg.Client): void {
    this.probeTimer = setTimeout(() => {
      if (this.client !== client) return;
      this.sendProbe(client)
        // Bounded like the probe: a read that never answers loses the connection too.
        .then(() => within(readRevision(client), this.probeMs))
        .then(
          (revision) => {
            if (this.client !== client) return;
            this.advance(revision);
            this.scheduleProbe(client);
          },
          (error: unknown) => this.lost(client, error),
        );
    }, this.probeMs);
    this.probeTimer.unref();
  }

  /** Within an epoch revisions only grow (a late notification of an older one is ignored); a new epoch replaces the old. */
  private advance(revision: Revision): void {
    if (supersedes(revision, this.revision)) this.set(revision);
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.probe = undefined;
    clearTimeout(this.probeTimer);
    client.end().catch(() => undefined);
    this.set(null);
    if (this.stopped) return;
    this.logger.warn(
      { reason: error instanceof Error ? error.message : 'connection ended' },
      'revision watch lost; reconnecting',
    );
    this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
    this.retry.unref();
  }

  private set(revision: Revision | null): void {
    if (revision === this.revision) return;
    this.revision = revision;
    for (const listener of this.listeners) listener(revision);
  }
}

/** The revision now (`data_revision_now()`, kit `revisionEpochMigration`). */
async function readRevision(client: pg.Client): Promise<Revision> {
  const { rows } = await client.query<{ revision: string | null }>('select data_revision_now() as revision');
  const revision = parseRevision(rows[0]?.revision);
  if (!revision) throw new Error('no data revision');
  return revision;
}

/** `promise`, or a rejection after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the database does not answer')), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
