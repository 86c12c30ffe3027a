import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from '@metrology/kit/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, type Stack, type SubgraphProcess, spawnSubgraph, startStack } from './harness';

/** One query touching all three subgraphs: funding owns the plan, training and labs add targets. */
const PLAN_QUERY = {
  query: '{ plan(code: "129/KH-UBND") { code budgetTotal trainingTargets { value } infrastructureTargets { value } } }',
};

interface PlanAnswer {
  plan: {
    code: string;
    budgetTotal: number;
    trainingTargets: { value: number }[] | null;
    infrastructureTargets: { value: number }[] | null;
  } | null;
}

/** Short, so that the hanging case is quick; connection refused must not wait for it at all. */
const TIMEOUT_MS = 2_000;

const LABS_UNAVAILABLE = {
  message: 'Dịch vụ phòng thí nghiệm (labs) tạm thời không khả dụng.',
  extensions: expect.objectContaining({
    code: 'SERVICE_UNAVAILABLE',
    service: 'labs',
    messageEn: 'The laboratories service (labs) is temporarily unavailable.',
  }),
};

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

/** A test double of the gateway's logger that keeps what is logged at warning level and above. */
function recordingLogger(): { logger: Logger; warnings: unknown[] } {
  const warnings: unknown[] = [];
  const keep = (...entry: unknown[]) => warnings.push(entry);
  const ignore = () => undefined;
  const logger = { level: 'info', trace: ignore, debug: ignore, info: ignore, warn: keep, error: keep, fatal: keep };
  return { logger: { ...logger, child: () => logger } as unknown as Logger, warnings };
}

/** Nothing internal in an answer: no address, no socket error, no stack. */
function expectNothingInternal(answer: GraphQLResponse<PlanAnswer>) {
  expect(JSON.stringify(answer)).not.toMatch(/ECONNREFUSED|ECONNRESET|127\.0\.0\.1|localhost|fetch failed|timeout|stacktrace/i);
}

describe('partial failure: the labs subgraph process killed, then restarted', () => {
  let labs: SubgraphProcess;
  let stack: Stack<'labs'>;
  const log = recordingLogger();

  beforeAll(async () => {
    labs = await spawnSubgraph('labs');
    await labs.start();
    stack = await startStack({
      external: { labs: labs.url },
      gatewayEnv: { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) },
      gatewayLogger: log.logger,
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await labs?.stop();
  });

  it('refuses a bad LocalDate variable at the gateway itself (400, as the subgraph would word it), not as an outage', async () => {
    const result = await stack.execute(
      {
        query:
          'query($asOf: LocalDate) { plan(code: "129/KH-UBND") { code trainingIndicator(asOf: $asOf) { yearly { actual } } } }',
        variables: { asOf: '2026-13-45' },
      },
      { role: 'viewer' },
    );
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'asOf' }) }),
    ]);
  });

  it('answers funding and training data with labs dead, fast, with an error naming labs, and everything again once labs is back, without a gateway restart', async () => {
    const full = await stack.execute<PlanAnswer>(PLAN_QUERY, { role: 'viewer' });
    expect(full.errors).toBeUndefined();
    expect(full.data?.plan?.infrastructureTargets?.length).toBeGreaterThan(0);
    expect(full.data?.plan?.trainingTargets?.length).toBeGreaterThan(0);

    await labs.kill();
    const down = await timed(() => stack.execute<PlanAnswer>(PLAN_QUERY, { role: 'viewer' }));
    // Connection refused fails at once: the answer does not wait for the timeout.
    expect(down.ms).toBeLessThan(TIMEOUT_MS);
    expect(down.result.status).toBe(200);
    expect(down.result.data).toEqual({ plan: { ...full.data?.plan, infrastructureTargets: null } });
    expect(down.result.errors).toEqual([expect.objectContaining(LABS_UNAVAILABLE)]);
    expectNothingInternal(down.result);
    // The low-level reason goes to the log instead.
    expect(log.warnings).toContainEqual([
      { subgraph: 'labs', reason: 'ECONNREFUSED', ms: expect.any(Number) },
      expect.any(String),
    ]);

    await labs.start();
    const back = await stack.execute<PlanAnswer>(PLAN_QUERY, { role: 'viewer' });
    expect(back).toEqual(full);
  });
});

describe('partial failure: a labs subgraph that accepts connections and never answers', () => {
  let hanging: Server;
  const sockets = new Set<Socket>();
  let stack: Stack<'labs'>;
  const log = recordingLogger();

  beforeAll(async () => {
    hanging = createServer((socket) => {
      // Reads the request and never writes a byte back.
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.resume();
    });
    hanging.listen(0, '127.0.0.1');
    await once(hanging, 'listening');
    const address = hanging.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    stack = await startStack({
      external: { labs: `http://127.0.0.1:${address.port}/graphql` },
      gatewayEnv: { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) },
      gatewayLogger: log.logger,
    });
  });
  afterAll(async () => {
    await stack?.stop();
    for (const socket of sockets) socket.destroy();
    hanging?.close();
  });

  it('cuts labs off at the timeout and answers the rest with an error naming labs', async () => {
    const { result, ms } = await timed(() => stack.execute<PlanAnswer>(PLAN_QUERY, { role: 'viewer' }));
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1_000);
    expect(result.status).toBe(200);
    expect(result.data?.plan).toMatchObject({ code: '129/KH-UBND', infrastructureTargets: null });
    expect(result.data?.plan?.trainingTargets?.length).toBeGreaterThan(0);
    expect(result.data?.plan?.budgetTotal).toBeGreaterThan(0);
    expect(result.errors).toEqual([expect.objectContaining(LABS_UNAVAILABLE)]);
    expectNothingInternal(result);
    expect(log.warnings).toContainEqual([{ subgraph: 'labs', reason: 'timeout', ms: expect.any(Number) }, expect.any(String)]);
  });

  it('answers a query that needs no labs field at once, whatever labs does', async () => {
    const { result, ms } = await timed(() =>
      stack.execute<PlanAnswer>(
        { query: '{ plan(code: "129/KH-UBND") { code trainingTargets { value } } }' },
        { role: 'viewer' },
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(ms).toBeLessThan(TIMEOUT_MS);
  });
});
