import { loadGatewayConfig, type RunningGateway, startGateway } from '@metrology/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './harness';

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return {
    status: response.status,
    text,
    json: (() => {
      try {
        return JSON.parse(text);
      } catch {
        return null;
      }
    })(),
  };
}

describe('gateway hardening: query limits, request size, batching, CSRF', () => {
  let stack: Stack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack();
    token = await stack.token('viewer');
  });
  afterAll(() => stack?.stop());

  it('refuses more than 20 aliases in one operation before calling any subgraph', async () => {
    const aliases = Array.from({ length: 21 }, (_, i) => `a${i}: plans { code }`).join(' ');
    const result = await stack.execute({ query: `{ ${aliases} }` }, { role: 'viewer' });
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('accepts 20 aliases', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: plans { code }`).join(' ');
    const result = await stack.execute({ query: `{ ${aliases} }` }, { role: 'viewer' });
    expect(result.errors).toBeUndefined();
  });

  it('refuses a document of more than 3,000 tokens', async () => {
    const fields = Array.from({ length: 3100 }, () => '__typename').join(' ');
    const result = await stack.execute({ query: `{ ${fields} }` }, { role: 'viewer' });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    // graphql-js's own wording ("more that 3000 tokens"), as its parser refuses the document.
    expect(result.errors?.[0]?.message).toMatch(/more th[ae]t? 3000 tokens/);
  });

  it('refuses a body over 100 kB with 413', async () => {
    const result = await post(stack.gatewayUrl, JSON.stringify({ query: `{ plans { code } } #${'x'.repeat(101_000)}` }), {
      authorization: `Bearer ${token}`,
    });
    expect(result.status).toBe(413);
  });

  it('refuses batched requests', async () => {
    const result = await post(
      stack.gatewayUrl,
      JSON.stringify([{ query: '{ plans { code } }' }, { query: '{ plans { code } }' }]),
      {
        authorization: `Bearer ${token}`,
      },
    );
    expect(result.status).toBe(400);
  });

  it('refuses a simple cross-site GET request (CSRF prevention)', async () => {
    const response = await fetch(`${stack.gatewayUrl}?query=${encodeURIComponent('{ plans { code } }')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(400);
  });

  it('keeps internal details out of error answers', async () => {
    const result = await stack.execute({ query: '{ plan(code: "none") { code } }' }, { role: 'viewer' });
    expect(JSON.stringify(result.errors)).not.toMatch(/stacktrace|at [A-Za-z]+ \(|node_modules/);
  });
});

describe('gateway in production mode', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway(
      loadGatewayConfig({
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        GATEWAY_PORT: '0',
        GATEWAY_SECRET: 'p'.repeat(40),
        JWT_SECRET: 'q'.repeat(40),
        JWT_ISSUER: 'https://id.example.gov.vn',
        TRAINING_URL: 'http://127.0.0.1:9/graphql',
        LABS_URL: 'http://127.0.0.1:9/graphql',
        FUNDING_URL: 'http://127.0.0.1:9/graphql',
      }),
    );
  });
  afterAll(() => gateway?.stop());

  it('refuses introspection', async () => {
    const result = await post(gateway.url, JSON.stringify({ query: '{ __schema { types { name } } }' }));
    expect(result.json.errors[0].message).toMatch(/introspection/i);
  });

  it('gives no field suggestions', async () => {
    const result = await post(gateway.url, JSON.stringify({ query: '{ plan(code: "x") { cod } }' }));
    expect(result.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.text).not.toMatch(/Did you mean/);
  });
});
