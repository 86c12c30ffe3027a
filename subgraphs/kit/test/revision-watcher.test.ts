/**
 * The subgraph's revision watcher (kit `RevisionWatcher`) on a real PostgreSQL database: it knows
 * the revision at once, follows every announced change, and when its LISTEN stops hearing (its
 * own probe does not come back) it says the revision is unknown, then recovers by itself. A
 * restore (the table recreated with a dump's row) starts a new epoch, which it takes even at a
 * lower number.
 */
import { createTestDatabase, type TestDatabase } from '@metrology/kit/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';
import { parseRevision, type Revision, RevisionWatcher, revisionEpochMigration, revisionNotifyMigration } from '../src/revisions';

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase('revision_watcher');
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // As the subgraphs' migrations make it: the row, the epoch, and a watched table (`thing`).
  await client.query('create table data_revision (id smallint primary key, revision bigint not null)');
  await client.query('insert into data_revision values (1, 5)');
  await client.query('create table thing (id int)');
  for (const sql of [...revisionNotifyMigration(['thing']).up, ...revisionEpochMigration().up]) await client.query(sql);
});
afterAll(async () => {
  await client?.end();
  await database?.drop();
});

/** Sets the revision to `number` (one below), then writes the watched table: the trigger raises it and announces it. */
async function announce(number: number): Promise<void> {
  await client.query('update data_revision set revision = $1 where id = 1', [number - 1]);
  await client.query('insert into thing values (1)');
}

async function now(): Promise<Revision> {
  const { rows } = await client.query<{ revision: string }>('select data_revision_now() as revision');
  return parseRevision(rows[0]?.revision) as Revision;
}

/**
 * What restoring a dump taken at revision `number` does: the table is dropped and made again with
 * the dump's row (its old epoch UUID), no trigger firing.
 */
async function restore(number: number): Promise<void> {
  const { rows } = await client.query<{ epoch: string }>('select epoch::text as epoch from data_revision');
  await client.query('drop table data_revision');
  await client.query('create table data_revision (id smallint primary key, revision bigint not null, epoch uuid not null)');
  await client.query('insert into data_revision values (1, $1, $2)', [number, rows[0]?.epoch]);
}

describe('RevisionWatcher', () => {
  it('knows the revision once started and follows each announced change; an older announcement is ignored', async () => {
    const watcher = new RevisionWatcher(database.url, createLogger('test', 'silent'));
    try {
      await watcher.start();
      const start = await now();
      expect(watcher.current()).toEqual(start);
      const seen: (bigint | null)[] = [];
      watcher.subscribe((revision) => seen.push(revision?.number ?? null));
      await announce(6);
      await expect.poll(() => watcher.current()).toEqual({ epoch: start.epoch, number: 6n });
      await client.query(`select pg_notify('data_revision', $1)`, [`${start.epoch}:4`]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(watcher.current()).toEqual({ epoch: start.epoch, number: 6n });
      expect(seen).toEqual([6n]);
    } finally {
      await watcher.stop();
    }
    expect(watcher.current()).toBeNull();
  });

  it('says the revision is unknown when its LISTEN stops hearing, then reconnects and knows it again', async () => {
    const watcher = new RevisionWatcher(database.url, createLogger('test', 'silent'), 200);
    try {
      await watcher.start();
      expect(watcher.current()).not.toBeNull();
      // What a pooler in transaction mode or a half-open connection amounts to: nothing arrives.
      const listening = (watcher as unknown as { client: pg.Client }).client;
      await listening.query('unlisten *');
      await expect.poll(() => watcher.current(), { timeout: 5_000 }).toBeNull();
      await announce(9);
      await expect.poll(() => watcher.current()?.number, { timeout: 10_000 }).toBe(9n);
    } finally {
      await watcher.stop();
    }
  });

  it('takes the new epoch of a restored table at its lower number: at the next write, and at its next probe when nothing is written', async () => {
    const watcher = new RevisionWatcher(database.url, createLogger('test', 'silent'), 200);
    try {
      await watcher.start();
      await announce(20);
      const before = await now();
      await expect.poll(() => watcher.current()).toEqual(before);

      await restore(12);
      await client.query('insert into thing values (1)');
      const written = await now();
      expect(written.number).toBe(13n);
      expect(written.epoch).not.toBe(before.epoch);
      await expect.poll(() => watcher.current()).toEqual(written);

      await restore(3);
      const restored = await now();
      expect(restored.epoch).not.toBe(written.epoch);
      await expect.poll(() => watcher.current(), { timeout: 5_000 }).toEqual(restored);
    } finally {
      await watcher.stop();
    }
  });
});
