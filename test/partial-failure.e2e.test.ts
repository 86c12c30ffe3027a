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

/**
 * The read limit: longer than the test's own time limit, so that an answer that waited for it
 * fails the test (connection refused must not wait for any timeout). A hung subgraph, which does
 * wait for it, is tested in subgraph-timeouts.e2e.test.ts.
 */
const QUERY_TIMEOUT_MS = 60_000;

const LABS_UNAVAILABLE = {
  message: 'Dịch vụ phòng thí nghiệm (labs) tạm thời không khả dụng.',
  extensions: expect.objectContaining({
    code: 'SERVICE_UNAVAILABLE',
    service: 'labs',
    messageEn: 'The laboratories service (labs) is temporarily unavailable.',
  }),
};

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
      gatewayEnv: { SUBGRAPH_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS) },
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

  it('answers funding and training data with labs dead, without waiting for the read limit, with an error naming labs, and everything again once labs is back, without a gateway restart', async () => {
    const full = await stack.execute<PlanAnswer>(PLAN_QUERY, { role: 'viewer' });
    expect(full.errors).toBeUndefined();
    expect(full.data?.plan?.infrastructureTargets?.length).toBeGreaterThan(0);
    expect(full.data?.plan?.trainingTargets?.length).toBeGreaterThan(0);

    await labs.kill();
    // Connection refused fails at once: waiting for the read limit would outlast the test.
    const down = await stack.execute<PlanAnswer>(PLAN_QUERY, { role: 'viewer' });
    expect(down.status).toBe(200);
    expect(down.data).toEqual({ plan: { ...full.data?.plan, infrastructureTargets: null } });
    expect(down.errors).toEqual([expect.objectContaining(LABS_UNAVAILABLE)]);
    expectNothingInternal(down);
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
