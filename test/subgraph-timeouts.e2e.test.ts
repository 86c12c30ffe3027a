/**
 * Reads do not wait for a hung subgraph; mutations keep their time (docs/ARCHITECTURE.md, "Gateway:
 * routes, partial failure, limits"). A subgraph call that reads is abandoned after
 * SUBGRAPH_QUERY_TIMEOUT_MS, a mutation after SUBGRAPH_MUTATION_TIMEOUT_MS; the proxied routes and
 * the annual report are reads. The limits are set small here and the assertions are on behaviour
 * (which answer arrives), never on time taken.
 */
import { once } from 'node:events';
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '@metrology/kit/logger';
import { startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { labsSubgraph } from '@metrology/labs';
import { SCORECARD_QUERY } from '@metrology/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './harness';

/** The read limit of these tests: small, so that a hung subgraph is given up quickly. */
const QUERY_TIMEOUT_MS = 1_000;

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

function unavailable(service: 'labs' | 'training') {
  return expect.objectContaining({
    extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', service, messageEn: expect.any(String) }),
  });
}

/** A test double of the gateway's logger that keeps what is logged at warning level. */
function recordingLogger(): { logger: Logger; warnings: unknown[][] } {
  const warnings: unknown[][] = [];
  const ignore = () => undefined;
  const logger = {
    level: 'info',
    trace: ignore,
    debug: ignore,
    info: ignore,
    warn: (...entry: unknown[]) => warnings.push(entry),
    error: ignore,
    fatal: ignore,
  };
  return { logger: { ...logger, child: () => logger } as unknown as Logger, warnings };
}

/** An HTTP server on a free loopback port; `close()` also drops the connections it holds open. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server: Server = http.createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/graphql`,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/**
 * A stand-in subgraph that accepts every connection and reads every request, then either never
 * answers (`hang`) or refuses with HTTP 400 and a coded error, as a subgraph refuses a query.
 */
async function fakeSubgraph() {
  const state = { mode: 'hang' as 'hang' | 'refuse' };
  const server = await serve((req, res) => {
    req.resume();
    if (state.mode === 'hang') return;
    req.on('end', () => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Sai.', extensions: { code: 'BAD_USER_INPUT', messageEn: 'Wrong.' } }] }));
    });
  });
  return { ...server, state };
}

describe('a labs subgraph that accepts connections and never answers', () => {
  let labs: Awaited<ReturnType<typeof fakeSubgraph>>;
  let stack: Stack<'labs'>;
  const log = recordingLogger();

  beforeAll(async () => {
    labs = await fakeSubgraph();
    stack = await startStack({
      external: { labs: labs.url },
      gatewayEnv: { SUBGRAPH_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS), RESPONSE_CACHE_ENTRIES: '0' },
      gatewayLogger: log.logger,
    });
  });
  afterAll(async () => {
    await stack?.stop();
    labs?.close();
  });

  it('answers the plan with funding and training data and an error naming labs, the timeout logged', async () => {
    const result = await stack.execute<PlanAnswer>(PLAN_QUERY, { role: 'viewer' });
    expect(result.status).toBe(200);
    expect(result.data?.plan).toMatchObject({ code: '129/KH-UBND', infrastructureTargets: null });
    expect(result.data?.plan?.trainingTargets?.length).toBeGreaterThan(0);
    expect(result.data?.plan?.budgetTotal).toBeGreaterThan(0);
    expect(result.errors).toEqual([unavailable('labs')]);
    expect(JSON.stringify(result)).not.toMatch(/timeout|127\.0\.0\.1|stacktrace/i);
    expect(log.warnings).toContainEqual([{ subgraph: 'labs', reason: 'timeout', ms: expect.any(Number) }, expect.any(String)]);
  });

  it('answers the scorecard with the training indicator and the budget, the infrastructure indicators null, and an error naming labs', async () => {
    const result = await stack.execute<{ plan: Record<string, unknown> | null }>(
      { query: SCORECARD_QUERY, variables: { plan: '129/KH-UBND', year: 2026, asOf: '2026-06-30' } },
      { role: 'viewer' },
    );
    expect(result.status).toBe(200);
    expect(result.data?.plan).toMatchObject({
      code: '129/KH-UBND',
      infrastructureIndicators: null,
      trainingIndicator: expect.objectContaining({ yearly: expect.objectContaining({ indicator: 'TRAINING' }) }),
      budgetToDate: expect.objectContaining({ total: expect.objectContaining({ envelope: expect.any(Number) }) }),
    });
    expect(result.errors).toEqual([unavailable('labs')]);
  });

  it('answers the annual report route 503 SERVICE_UNAVAILABLE (never a report from partial data)', async () => {
    const response = await fetch(
      stack.gatewayUrl.replace('/graphql', `/reports/annual/${encodeURIComponent('129/KH-UBND')}/2026.pdf`),
      {
        headers: { authorization: `Bearer ${await stack.token('viewer')}` },
      },
    );
    expect(response.status).toBe(503);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors.map((error) => error.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
  });

  it('answers a query that needs no labs field in full', async () => {
    const result = await stack.execute(
      { query: '{ plan(code: "129/KH-UBND") { code trainingTargets { value } } }' },
      { role: 'viewer' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ plan: { code: '129/KH-UBND' } });
  });

  it("passes on a subgraph's own refusal (HTTP 400 with coded errors) as that error, not as an outage", async () => {
    labs.state.mode = 'refuse';
    try {
      const result = await stack.execute<PlanAnswer>(PLAN_QUERY, { role: 'viewer' });
      expect(result.data?.plan).toMatchObject({ code: '129/KH-UBND', infrastructureTargets: null });
      expect(result.errors).toEqual([
        expect.objectContaining({ message: 'Sai.', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      ]);
    } finally {
      labs.state.mode = 'hang';
    }
  });
});

describe('a training subgraph that accepts connections and never answers: the proxied routes', () => {
  let training: Awaited<ReturnType<typeof fakeSubgraph>>;
  let stack: Stack<'training'>;

  beforeAll(async () => {
    training = await fakeSubgraph();
    stack = await startStack({
      external: { training: training.url },
      gatewayEnv: { SUBGRAPH_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS), RESPONSE_CACHE_ENTRIES: '0' },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    training?.close();
  });

  it.each([
    ['/verify/', 'a public verification page', 'AbCdEf0123456789AbCdEf0123456789AbCdEf01234'],
    ['/certificates/', 'a certificate download', '00000000-0000-4000-8000-000000000000.pdf'],
  ])('answers %s (%s) 503 SERVICE_UNAVAILABLE naming training', async (prefix, _what, rest) => {
    const response = await fetch(stack.gatewayUrl.replace('/graphql', `${prefix}${rest}`), {
      headers: { authorization: `Bearer ${await stack.token('admin')}` },
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ errors: [unavailable('training')] });
  });
});

describe('a reports service that accepts connections and never answers', () => {
  let reports: Awaited<ReturnType<typeof fakeSubgraph>>;
  let stack: Stack;

  beforeAll(async () => {
    reports = await fakeSubgraph();
    stack = await startStack({
      // The read limit far above this test's own time limit: only REPORT_TIMEOUT_MS can end the wait in time.
      gatewayEnv: {
        REPORTS_URL: reports.url.replace('/graphql', ''),
        REPORT_TIMEOUT_MS: '1000',
        SUBGRAPH_QUERY_TIMEOUT_MS: '60000',
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    reports?.close();
  });

  it('answers the annual report route 503 SERVICE_UNAVAILABLE naming the reports service after REPORT_TIMEOUT_MS', async () => {
    const response = await fetch(
      stack.gatewayUrl.replace('/graphql', `/reports/annual/${encodeURIComponent('129/KH-UBND')}/2026.pdf`),
      { headers: { authorization: `Bearer ${await stack.token('viewer')}` } },
    );
    expect(response.status).toBe(503);
    const body = (await response.json()) as { errors: { extensions: { code: string; service: string } }[] };
    expect(body.errors.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', service: 'reports' }),
    ]);
  }, 30_000);
});

describe('a labs subgraph that answers every call late, past the read limit', () => {
  /** How late each answer is: well past the read limit, well within the mutation limit. */
  const DELAY_MS = 3 * QUERY_TIMEOUT_MS;
  let labs: TestSubgraph;
  let slow: Awaited<ReturnType<typeof serve>>;
  let stack: Stack<'labs'>;

  beforeAll(async () => {
    labs = await startTestSubgraph(labsSubgraph);
    const target = new URL(labs.url);
    // Forwards each request unchanged (its signature covers method, path and body) after the delay.
    slow = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        setTimeout(() => {
          const upstream = http.request(
            { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
            (answer) => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              answer.pipe(res);
            },
          );
          upstream.on('error', () => res.destroy());
          upstream.end(Buffer.concat(chunks));
        }, DELAY_MS);
      });
    });
    stack = await startStack({
      external: { labs: slow.url },
      gatewayEnv: {
        SUBGRAPH_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
        SUBGRAPH_MUTATION_TIMEOUT_MS: '60000',
        RESPONSE_CACHE_ENTRIES: '0',
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    slow?.close();
    await labs?.stop();
  });

  it('gives up on labs for a read: the plan comes without its labs fields, with an error naming labs', async () => {
    const result = await stack.execute<PlanAnswer>(PLAN_QUERY, { role: 'viewer' });
    expect(result.data?.plan).toMatchObject({ code: '129/KH-UBND', infrastructureTargets: null });
    expect(result.errors).toEqual([unavailable('labs')]);
  });

  it('waits for a mutation to labs longer than the read limit: it completes and its answer arrives', async () => {
    const result = await stack.execute<{ registerOrganization: { taxCode: string; name: string } }>(
      {
        query: 'mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { taxCode name } }',
        variables: {
          input: {
            taxCode: '4900700099',
            name: 'Trung tâm Đo lường Chậm',
            kind: 'SERVICE_PROVIDER',
            ownership: 'STATE',
            sector: 'OTHER',
          },
        },
      },
      { role: 'admin' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.registerOrganization).toEqual({ taxCode: '4900700099', name: 'Trung tâm Đo lường Chậm' });
    // Written: labs itself (asked directly, signed as the gateway would) has it.
    const stored = await labs.execute<{ organization: { name: string } }>(
      { query: '{ organization(taxCode: "4900700099") { name } }' },
      { subject: 'timeouts-admin', roles: ['admin'], name: null },
    );
    expect(stored.data?.organization.name).toBe('Trung tâm Đo lường Chậm');
  });
});
