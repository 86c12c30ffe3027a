/**
 * The end-to-end harness: the three subgraphs on free ports, each with a fresh database on the
 * test PostgreSQL server, and the gateway in front of them over the committed supergraph.
 * Tests call `execute` as a client would, with a token for a role.
 *
 * A test may run some subgraphs elsewhere (`external`: a child process from `spawnSubgraph`, a
 * fake server) and give the gateway more settings (`gatewayEnv`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { fundingSubgraph } from '@metrology/funding';
import { type GatewayConfig, loadGatewayConfig, type RunningGateway, startGateway } from '@metrology/gateway';
import type { StartOptions, SubgraphDefinition } from '@metrology/kit';
import type { SubgraphName } from '@metrology/kit/config';
import type { Role } from '@metrology/kit/identity';
import { signDevelopmentToken } from '@metrology/kit/identity';
import type { Logger } from '@metrology/kit/logger';
import {
  createTestDatabase,
  type GraphQLResponse,
  type Operation,
  StatementCounter,
  startTestSubgraph,
  type TestSubgraph,
} from '@metrology/kit/testing';
import { labsSubgraph } from '@metrology/labs';
import { loadReportsConfig, type RunningReports, startReportsService } from '@metrology/reports';
import { trainingSubgraph } from '@metrology/training';

export type { GraphQLResponse, Operation };

const ROOT = path.resolve(__dirname, '..');

const DEFINITIONS: Record<SubgraphName, SubgraphDefinition> = {
  training: trainingSubgraph,
  labs: labsSubgraph,
  funding: fundingSubgraph,
};

export interface Caller {
  /** A development token is made for this role (and `subject`). */
  role?: Role;
  subject?: string;
  /** Or exactly this Authorization header value. */
  authorization?: string;
}

export interface StackOptions<External extends SubgraphName> {
  /** Subgraphs the stack does not start: the gateway calls these URLs for them instead. */
  external?: Record<External, string>;
  /** More gateway settings, e.g. `{ SUBGRAPH_QUERY_TIMEOUT_MS: '1000' }`. */
  gatewayEnv?: Record<string, string>;
  /** The gateway's logger (default: silent), for tests of what is logged. */
  gatewayLogger?: Logger;
  /** Options of the subgraphs the stack starts, e.g. `onQuery` to count statements. */
  subgraphOptions?: Partial<Record<SubgraphName, StartOptions>>;
}

export interface Stack<External extends SubgraphName = never> {
  gatewayUrl: string;
  gatewayConfig: GatewayConfig;
  /** The subgraphs the stack started (all three unless some are external). */
  subgraphs: Record<Exclude<SubgraphName, External>, TestSubgraph>;
  token(role: Role, subject?: string): Promise<string>;
  execute<T = Record<string, unknown>>(operation: Operation, caller?: Caller): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** One statement counter per subgraph, and the subgraph options that feed them (`startStack`). */
export function statementCounters(): {
  statements: Record<SubgraphName, StatementCounter>;
  subgraphOptions: Record<SubgraphName, StartOptions>;
} {
  const statements = { training: new StatementCounter(), labs: new StatementCounter(), funding: new StatementCounter() };
  return {
    statements,
    subgraphOptions: {
      training: { onQuery: statements.training.onQuery },
      labs: { onQuery: statements.labs.onQuery },
      funding: { onQuery: statements.funding.onQuery },
    },
  };
}

export async function startStack<External extends SubgraphName = never>(
  options: StackOptions<External> = {},
): Promise<Stack<External>> {
  const external: Partial<Record<SubgraphName, string>> = options.external ?? {};
  const names = (Object.keys(DEFINITIONS) as SubgraphName[]).filter((name) => !external[name]);
  const start = (name: SubgraphName, env?: Record<string, string>) =>
    startTestSubgraph(DEFINITIONS[name], options.subgraphOptions?.[name], env);
  // Training and labs first: funding asks them whether the activities it links to exist, at
  // their URLs (TRAINING_URL, LABS_URL), so it starts once they are known.
  const started: PromiseSettledResult<TestSubgraph>[] = await Promise.allSettled(
    names.filter((name) => name !== 'funding').map((name) => start(name)),
  );
  const ownerUrl = (name: SubgraphName) =>
    external[name] ??
    started.flatMap((result) => (result.status === 'fulfilled' && result.value.name === name ? [result.value.url] : []))[0];
  if (names.includes('funding') && !started.some((result) => result.status === 'rejected')) {
    const peers = Object.fromEntries(
      (['training', 'labs'] as const).flatMap((name) => {
        const url = ownerUrl(name);
        return url ? [[`${name.toUpperCase()}_URL`, url]] : [];
      }),
    );
    started.push(...(await Promise.allSettled([start('funding', peers)])));
  }
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(running.map((s) => s.stop()));
    throw failed.reason;
  }
  const subgraphs = Object.fromEntries(running.map((s) => [s.name, s])) as Record<Exclude<SubgraphName, External>, TestSubgraph>;
  const urlOf = (name: SubgraphName) => external[name] ?? running.find((s) => s.name === name)?.url;
  // The reports service reads the gateway's /graphql and the gateway proxies /reports/ to it:
  // its port is chosen first, and it starts once the gateway's URL is known.
  const reportsPort = await freePort();
  const gatewayConfig = loadGatewayConfig({
    NODE_ENV: 'test',
    GATEWAY_PORT: '0',
    TRAINING_URL: urlOf('training'),
    LABS_URL: urlOf('labs'),
    FUNDING_URL: urlOf('funding'),
    REPORTS_URL: `http://127.0.0.1:${reportsPort}`,
    // Tests share two cores with other test files: generous, so that a slow read is not cut off
    // (mutations keep the default, 120 s).
    SUBGRAPH_QUERY_TIMEOUT_MS: '30000',
    ...options.gatewayEnv,
  });
  let gateway: RunningGateway;
  let reports: RunningReports;
  try {
    gateway = await startGateway(gatewayConfig, { logger: options.gatewayLogger });
  } catch (error) {
    await Promise.all(running.map((s) => s.stop()));
    throw error;
  }
  try {
    reports = await startReportsService(
      loadReportsConfig({
        NODE_ENV: 'test',
        REPORTS_PORT: String(reportsPort),
        GATEWAY_GRAPHQL_URL: gateway.url,
        GATEWAY_SECRET: gatewayConfig.gatewaySecret,
      }),
    );
  } catch (error) {
    await gateway.stop();
    await Promise.all(running.map((s) => s.stop()));
    throw error;
  }
  const token = (role: Role, subject = `e2e-${role}`) =>
    signDevelopmentToken(gatewayConfig.jwt, { subject, roles: [role], name: `E2E ${role}` });
  return {
    gatewayUrl: gateway.url,
    gatewayConfig,
    subgraphs,
    token,
    async execute<T>(operation: Operation, caller: Caller = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (caller.authorization) headers.authorization = caller.authorization;
      else if (caller.role) headers.authorization = `Bearer ${await token(caller.role, caller.subject)}`;
      const response = await fetch(gateway.url, { method: 'POST', headers, body: JSON.stringify(operation) });
      return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
    },
    async stop() {
      await reports.stop();
      await gateway.stop();
      await Promise.all(running.map((s) => s.stop()));
    },
  };
}

/** A loopback port free at the time of asking. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A subgraph running as its own process (its built `dist/main.js`), as in production. */
export interface SubgraphProcess {
  name: SubgraphName;
  url: string;
  /** Starts the process (again: same port, same database); resolves once it answers `/ready`. */
  start(): Promise<void>;
  /** Kills the process at once (SIGKILL), as a crash would, and waits for it to be gone. */
  kill(): Promise<void>;
  /** Kills the process if it runs and drops its database. */
  stop(): Promise<void>;
}

/**
 * Spawns `node subgraphs/<name>/dist/main.js` on a free port with a fresh test database (the
 * test command builds `dist` before vitest runs). The process is not started until `start()`.
 */
export async function spawnSubgraph(name: SubgraphName, startTimeoutMs = 30_000): Promise<SubgraphProcess> {
  const database = await createTestDatabase(`${name}_process`);
  const port = await freePort();
  const prefix = name.toUpperCase();
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  };
  return {
    name,
    url: `${base}/graphql`,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) throw new Error(`${name} is already running`);
      const spawned = spawn(process.execPath, [path.join(ROOT, 'subgraphs', name, 'dist', 'main.js')], {
        cwd: ROOT,
        // Only what the subgraph needs: the test's own environment may carry settings meant for it.
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          [`${prefix}_PORT`]: String(port),
          [`${prefix}_DATABASE_URL`]: database.url,
          DATABASE_POOL_SIZE: '5',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child = spawned;
      let stderr = '';
      spawned.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      const deadline = Date.now() + startTimeoutMs;
      while (Date.now() < deadline) {
        if (spawned.exitCode !== null) throw new Error(`${name} exited with ${spawned.exitCode}: ${stderr}`);
        const ready = await fetch(`${base}/ready`).then(
          (response) => response.ok,
          () => false,
        );
        if (ready) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await kill();
      throw new Error(`${name} did not become ready within ${startTimeoutMs} ms: ${stderr}`);
    },
    kill,
    async stop() {
      await kill();
      await database.drop();
    },
  };
}
