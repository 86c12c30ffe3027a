/**
 * The subgraph's revision watcher (kit `RevisionWatcher`) on a real PostgreSQL database: it knows
 * the revision at once, follows every announced change, and when its LISTEN stops hearing (its
 * own probe does not come back) it says the revision is unknown, then recovers by itself.
 */
import { createTestDatabase, type TestDatabase } from '@metrology/kit/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';
import { RevisionWatcher } from '../src/revisions';

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase('revision_watcher');
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query('create table data_revision (id smallint primary key, revision bigint not null)');
  await client.query('insert into data_revision values (1, 5)');
});
afterAll(async () => {
  await client?.end();
  await database?.drop();
});

async function announce(revision: number): Promise<void> {
  await client.query('update data_revision set revision = $1 where id = 1', [revision]);
  await client.query(`select pg_notify('data_revision', $1)`, [String(revision)]);
}

describe('RevisionWatcher', () => {
  it('knows the revision once started and follows each announced change; an older announcement is ignored', async () => {
    const watcher = new RevisionWatcher(database.url, createLogger('test', 'silent'));
    try {
      await watcher.start();
      expect(watcher.current()).toBe(5n);
      const seen: (bigint | null)[] = [];
      watcher.subscribe((revision) => seen.push(revision));
      await announce(6);
      await expect.poll(() => watcher.current()).toBe(6n);
      await client.query(`select pg_notify('data_revision', '4')`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(watcher.current()).toBe(6n);
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
      await expect.poll(() => watcher.current(), { timeout: 10_000 }).toBe(9n);
    } finally {
      await watcher.stop();
    }
  });
});
