import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Test databases on the real PostgreSQL server: each test run creates its own, with a random
 * name, and drops it afterwards. The server is `TEST_DATABASE_URL` (default: the local server).
 */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `metrology_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(`create database "${name}" template template0 encoding 'UTF8'`));
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin((client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

/** Counts SQL statements between `reset()` and `count`, for N+1 tests. */
export class StatementCounter {
  statements: string[] = [];
  readonly onQuery = (sql: string): void => {
    this.statements.push(sql);
  };
  reset(): void {
    this.statements = [];
  }
  get count(): number {
    return this.statements.length;
  }
}
