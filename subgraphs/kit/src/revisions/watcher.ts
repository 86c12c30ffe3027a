import pg from 'pg';
import type { Logger } from '../logger';
import { REVISION_CHANNEL } from './protocol';

type Listener = (revision: bigint | null) => void;

/** How long the watcher waits before connecting again after losing its connection. */
const RECONNECT_MS = 1_000;

/**
 * Follows a subgraph's data revision as it changes, without a query per request: one dedicated
 * PostgreSQL connection LISTENs on the channel `raise_data_revision()` notifies in every writing
 * transaction (delivered at commit), and reads the revision once after each (re)connection.
 *
 * `current()` never runs ahead of the database: it is a revision that was committed, possibly
 * already superseded by a change whose notification is on its way. While the connection is down
 * it is `null` (unknown), and nothing may be cached on its account.
 */
export class RevisionWatcher {
  private revision: bigint | null = null;
  private client: pg.Client | undefined;
  private readonly listeners = new Set<Listener>();
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  /** Connects once; on failure, keeps trying in the background (the subgraph serves anyway). */
  async start(): Promise<void> {
    await this.connect();
  }

  current(): bigint | null {
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
      if (message.channel !== REVISION_CHANNEL || !message.payload || !/^\d+$/.test(message.payload)) return;
      this.advance(BigInt(message.payload));
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`listen "${REVISION_CHANNEL}"`);
      // Read after LISTEN: a change committed in between is in this read or in a notification.
      const { rows } = await client.query<{ revision: string }>(
        'select revision::text as revision from data_revision where id = 1',
      );
      this.advance(BigInt(rows[0]?.revision ?? '0'));
    } catch (error) {
      this.lost(client, error);
    }
  }

  /** Revisions only grow; a late notification of an older one is ignored. */
  private advance(revision: bigint): void {
    if (this.revision !== null && revision <= this.revision) return;
    this.set(revision);
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
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

  private set(revision: bigint | null): void {
    if (revision === this.revision) return;
    this.revision = revision;
    for (const listener of this.listeners) listener(revision);
  }
}
