import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadSubgraphConfig } from '../config';
import { ANONYMOUS, type Identity, type Role } from '../identity/identity';
import { signIdentity } from '../identity/signature';
import { type RunningSubgraph, type StartOptions, type SubgraphDefinition, startSubgraph } from '../server';
import type { GraphQLResponse, Operation } from './operation';

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

/** A caller of the given role for tests. */
export function identityOf(role: Role, subject = `test-${role}`): Identity {
  return { subject, roles: [role], name: `Test ${role}` };
}

/** The path and query of a URL: what a signature is bound to besides method and body. */
export function requestTarget(url: string | URL): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** POSTs an operation to a subgraph exactly as the gateway does: identity signed over the body. */
export async function postSigned<T>(
  url: string,
  operation: Operation,
  identity: Identity,
  secret: string,
): Promise<GraphQLResponse<T>> {
  const body = JSON.stringify(operation);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signIdentity(identity, { method: 'POST', target: requestTarget(url), body }, secret),
    },
    body,
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}

export interface TestSubgraph extends RunningSubgraph {
  database: RunningSubgraph['database'];
  execute<T = Record<string, unknown>>(operation: Operation, identity?: Identity): Promise<GraphQLResponse<T>>;
}

/**
 * Starts a subgraph on a free port with a fresh database on the test server; `stop()` also drops
 * the database. Requests go through the real HTTP server, signed like the gateway's.
 */
export async function startTestSubgraph(
  definition: SubgraphDefinition,
  options: StartOptions = {},
  /** More settings, e.g. the other subgraphs' URLs (`TRAINING_URL`, `LABS_URL`). */
  env: Record<string, string> = {},
): Promise<TestSubgraph> {
  const database = await createTestDatabase(definition.name);
  const prefix = definition.name.toUpperCase();
  const config = loadSubgraphConfig(definition.name, {
    NODE_ENV: 'test',
    [`${prefix}_DATABASE_URL`]: database.url,
    [`${prefix}_PORT`]: '0',
    DATABASE_POOL_SIZE: '5',
    ...env,
  });
  let running: RunningSubgraph;
  try {
    running = await startSubgraph(definition, config, options);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    ...running,
    execute: (operation, identity = ANONYMOUS) => postSigned(running.url, operation, identity, config.gatewaySecret),
    async stop() {
      await running.stop();
      await database.drop();
    },
  };
}

export * from './access';
export { type FakeOwner, startFakeOwner } from './fake-owner';
export type { GraphQLResponse, Operation } from './operation';
