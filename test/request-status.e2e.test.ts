/**
 * The HTTP status rule (docs/ARCHITECTURE.md, "Gateway: routes, partial failure, limits"): an
 * error about the request itself (parse, limits, validation, operation resolution, variable
 * coercion, bad JSON, wrong content type, body too large, a bad or too long-lived token) answers
 * a 4xx with a coded error, at the gateway and at the subgraphs' own servers alike; only the
 * server's own failures answer 5xx.
 */

import { createHmac } from 'node:crypto';
import { signIdentity } from '@metrology/kit/identity';
import type { Logger } from '@metrology/kit/logger';
import { requestTarget } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './harness';

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
}

/** A test double of the gateway's logger that keeps what is logged at info level. */
function recordingLogger(): { logger: Logger; infos: unknown[][] } {
  const infos: unknown[][] = [];
  const ignore = () => undefined;
  const logger = {
    level: 'info',
    trace: ignore,
    debug: ignore,
    info: (...entry: unknown[]) => infos.push(entry),
    warn: ignore,
    error: ignore,
    fatal: ignore,
  };
  return { logger: { ...logger, child: () => logger } as unknown as Logger, infos };
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: null };
  }
}

const json = (value: unknown) => JSON.stringify(value);
const typenames = (count: number) => `{ ${Array.from({ length: count }, () => '__typename').join(' ')} }`;
const nested = (pairs: number) =>
  `{ organization(taxCode: "0100109106") { ${'laboratories { organization { '.repeat(pairs)}taxCode${' } }'.repeat(pairs)} } }`;
const CONTRIBUTION = {
  amount: 1_000_000,
  contributorTaxCode: '0100109106',
  date: '2026-03-01',
  planCode: '129/KH-UBND',
  purpose: 'Kiểm thử',
};
const RECORD_CONTRIBUTION = 'mutation($i: RecordContributionInput!) { recordContribution(input: $i) { id } }';

interface RequestCase {
  name: string;
  /** The raw request body (POST), or a GET query string. */
  body?: string;
  get?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** The input field named by a BAD_USER_INPUT error. */
  field?: string;
}

/** Requests each refused as the caller's own fault: the status and code each must answer. */
const GATEWAY_CASES: RequestCase[] = [
  { name: 'a syntax error', body: json({ query: '{ plans { code ' }), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  {
    name: 'a document past the 3,000-token limit',
    body: json({ query: typenames(3_001) }),
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  { name: '8,000 __typename fields', body: json({ query: typenames(8_000) }), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  {
    name: 'an operationName the document does not define',
    body: json({ query: 'query A { plans { code } }', operationName: 'B' }),
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'two operations and no operationName',
    body: json({ query: 'query A { plans { code } } query B { plans { code } }' }),
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  { name: 'an unknown field', body: json({ query: '{ plans { nope } }' }), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'nesting past depth 12', body: json({ query: nested(7) }), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  {
    name: '21 aliases',
    body: json({ query: `{ ${Array.from({ length: 21 }, (_, i) => `a${i}: plans { code }`).join(' ')} }` }),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a required variable not given',
    body: json({ query: 'query($code: ID!) { plan(code: $code) { code } }' }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an ID variable given an object',
    body: json({ query: 'query($code: ID!) { plan(code: $code) { code } }', variables: { code: { a: 1 } } }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a negative Money variable',
    body: json({ query: RECORD_CONTRIBUTION, variables: { i: { ...CONTRIBUTION, amount: -5 } } }),
    status: 400,
    code: 'BAD_USER_INPUT',
    field: 'amount',
  },
  {
    name: 'a Money variable past 2^53',
    body: json({ query: RECORD_CONTRIBUTION, variables: { i: { ...CONTRIBUTION, amount: 2 ** 53 + 2 } } }),
    status: 400,
    code: 'BAD_USER_INPUT',
    field: 'amount',
  },
  {
    name: 'a Money literal in exponent notation',
    body: json({
      query:
        'mutation { recordContribution(input: {amount: "1e3", contributorTaxCode: "0100109106", date: "2026-03-01", planCode: "129/KH-UBND", purpose: "x"}) { id } }',
    }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an impossible LocalDate variable',
    body: json({ query: RECORD_CONTRIBUTION, variables: { i: { ...CONTRIBUTION, date: '2026-02-30' } } }),
    status: 400,
    code: 'BAD_USER_INPUT',
    field: 'date',
  },
  {
    name: 'an impossible LocalDate literal',
    body: json({ query: '{ plan(code: "129/KH-UBND") { budgetSummary(asOf: "2026-13-45") { planned } } }' }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a subscription (the API serves none)',
    body: json({ query: 'subscription { plans { code } }' }),
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'a persisted query (the API keeps none)',
    body: json({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    status: 400,
    code: 'PERSISTED_QUERY_NOT_SUPPORTED',
  },
  { name: 'a body that is not JSON', body: '{"query": ', status: 400, code: 'BAD_REQUEST' },
  { name: 'a query that is not a string', body: json({ query: 42 }), status: 400, code: 'BAD_REQUEST' },
  { name: 'no query at all', body: json({ variables: {} }), status: 400, code: 'BAD_REQUEST' },
  {
    name: 'variables as a string',
    body: json({ query: '{ plans { code } }', variables: '{}' }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a text/plain body (as a cross-site form sends it)',
    body: json({ query: '{ plans { code } }' }),
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a content type that is not JSON',
    body: json({ query: '{ plans { code } }' }),
    headers: { 'content-type': 'application/xml' },
    status: 415,
    code: 'BAD_REQUEST',
  },
  { name: 'a batch', body: json([{ query: '{ plans { code } }' }]), status: 400, code: 'BAD_REQUEST' },
  {
    name: 'a body over 100 kB',
    body: json({ query: `{ plans { code } } #${'x'.repeat(101_000)}` }),
    status: 413,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a mutation over GET',
    get: `query=${encodeURIComponent(RECORD_CONTRIBUTION)}`,
    headers: { 'apollo-require-preflight': 'true' },
    status: 405,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a malformed Authorization header',
    body: json({ query: '{ plans { code } }' }),
    headers: { authorization: 'Token x' },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
];

describe('request errors answer 4xx with a coded error', () => {
  let stack: Stack;
  let token: string;
  const log = recordingLogger();

  beforeAll(async () => {
    stack = await startStack({ gatewayLogger: log.logger });
    token = await stack.token('admin');
  });
  afterAll(() => stack?.stop());

  const send = (request: RequestCase, bearer = token) =>
    fetch(request.get ? `${stack.gatewayUrl}?${request.get}` : stack.gatewayUrl, {
      method: request.get ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, ...request.headers },
      ...(request.get ? {} : { body: request.body }),
    }).then(answerOf);

  it.each(GATEWAY_CASES)('the gateway answers $status $code to $name', async (request) => {
    const answer = await send(request);
    expect(answer.status).toBe(request.status);
    expect(answer.body?.data ?? null).toBeNull();
    expect(answer.body?.errors?.length).toBeGreaterThan(0);
    expect(answer.body?.errors?.[0]?.extensions?.code).toBe(request.code);
    for (const error of answer.body?.errors ?? []) expect(typeof error.extensions?.code).toBe('string');
    if (request.field) expect(answer.body?.errors?.[0]?.extensions?.field).toBe(request.field);
  });

  it('refuses a request error in Vietnamese with English beside it when the gateway words it', async () => {
    const answer = await send(GATEWAY_CASES.find((c) => c.code === 'OPERATION_RESOLUTION_FAILURE') as RequestCase);
    expect(answer.body?.errors?.[0]).toEqual({
      message: 'Yêu cầu không có thao tác tên "B".',
      extensions: { code: 'OPERATION_RESOLUTION_FAILURE', messageEn: 'The document has no operation named "B".' },
    });
  });

  it("says graphql-js's own request errors in Vietnamese first, with its English detail in messageEn", async () => {
    const syntax = await send(GATEWAY_CASES.find((c) => c.name === 'a syntax error') as RequestCase);
    const error = syntax.body?.errors?.[0];
    expect(error?.message).toMatch(/^Truy vấn GraphQL sai cú pháp: Syntax Error: /);
    expect(error?.extensions?.messageEn).toMatch(/^Syntax Error: /);
    expect(error?.message.endsWith(String(error?.extensions?.messageEn))).toBe(true);
  });

  it('writes nothing for a refused Money variable: no contribution is recorded', async () => {
    const contributions = '{ plan(code: "129/KH-UBND") { budgetSummary { contributions } } }';
    const before = await stack.execute<{ plan: { budgetSummary: { contributions: number } } }>(
      { query: contributions },
      { role: 'admin' },
    );
    await send(GATEWAY_CASES.find((c) => c.name === 'a negative Money variable') as RequestCase);
    const after = await stack.execute({ query: contributions }, { role: 'admin' });
    expect(before.errors).toBeUndefined();
    expect(after).toEqual(before);
  });

  it('refuses a 100-year token and a token without exp with 401 UNAUTHENTICATED, the reason logged without the token', async () => {
    const { jwt } = stack.gatewayConfig;
    /** An HS256 token with exactly these claims, signed with the gateway's secret. */
    const sign = (claims: Record<string, unknown>) => {
      const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'long-lived', roles: ['admin'], iss: jwt.issuer, aud: jwt.audience, ...claims })}`;
      return `${unsigned}.${createHmac('sha256', jwt.secret).update(unsigned).digest('base64url')}`;
    };
    const now = Math.floor(Date.now() / 1000);
    const century = sign({ iat: now, exp: now + 100 * 365 * 24 * 3600 });
    const endless = sign({ iat: now });
    for (const bearer of [century, endless]) {
      const answer = await send({ name: 'plans', body: json({ query: '{ plans { code } }' }), status: 401, code: '' }, bearer);
      expect(answer.status).toBe(401);
      expect(answer.body?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(answer.body?.data ?? null).toBeNull();
    }
    const refusals = log.infos.filter(([, message]) => message === 'refused a token').map(([fields]) => fields);
    expect(refusals).toContainEqual({
      reason: expect.stringMatching(/^token lifetime of \d+ s \(exp − iat\) exceeds the maximum of 43200 s$/),
    });
    expect(refusals).toContainEqual({ reason: 'token has no expiry (exp)' });
    expect(JSON.stringify(log.infos)).not.toContain(century);
    expect(JSON.stringify(log.infos)).not.toContain(endless);
  });

  describe("the subgraphs' own servers (the kit's Apollo integration)", () => {
    /** POSTs a raw body to a subgraph, signed as the gateway signs. */
    const sendSigned = (url: string, body: string, headers: Record<string, string> = {}) =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...headers,
          ...signIdentity(
            { subject: 'status-admin', roles: ['admin'], name: null },
            { method: 'POST', target: requestTarget(url), body },
            stack.gatewayConfig.gatewaySecret,
          ),
        },
        body,
      }).then(answerOf);

    const SUBGRAPH_CASES = GATEWAY_CASES.filter((request) =>
      [
        'a syntax error',
        'an operationName the document does not define',
        'two operations and no operationName',
        'a subscription (the API serves none)',
        'a persisted query (the API keeps none)',
        'an unknown field',
        'a required variable not given',
        'a negative Money variable',
        'an impossible LocalDate variable',
        'a body that is not JSON',
        'a query that is not a string',
        'a content type that is not JSON',
      ].includes(request.name),
    );

    it.each(SUBGRAPH_CASES)('funding answers $status $code to $name', async (request) => {
      // The gateway's own limits and field names do not apply to the subgraph's schema alone.
      const body = request.name === 'an unknown field' ? json({ query: '{ nope }' }) : (request.body as string);
      const answer = await sendSigned(stack.subgraphs.funding.url, body, request.headers);
      expect(answer.status).toBe(request.status);
      const code = answer.body?.errors?.[0]?.extensions?.code;
      // Outside the gateway, graphql-js's own operation check answers with Apollo's code for it.
      expect(code).toBe(request.code);
      if (request.field) expect(answer.body?.errors?.[0]?.extensions?.field).toBe(request.field);
    });

    it('funding answers 413 to a body over its 4 MB limit', async () => {
      const answer = await sendSigned(stack.subgraphs.funding.url, json({ query: `{ __typename } #${'x'.repeat(4_200_000)}` }));
      expect(answer.status).toBe(413);
      expect(answer.body?.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    });
  });
});
