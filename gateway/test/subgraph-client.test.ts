import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSubgraph, createSubgraphAgent } from '../src/subgraph-client';

/** A stand-in subgraph: each path answers in its own way. */
const answers: Record<string, (req: IncomingMessage, res: ServerResponse, body: string) => void> = {
  '/echo': (req, res, body) => {
    res.setHeader('set-cookie', ['a=1', 'b=2']);
    res.writeHead(200, { 'content-type': 'application/json', 'x-data-revision': '7' });
    res.end(JSON.stringify({ method: req.method, path: req.url, signature: req.headers['x-signature'], body }));
  },
  '/empty': (_req, res) => {
    res.writeHead(204);
    res.end();
  },
  '/refused': (_req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end('{"errors":[{"message":"bad"}]}');
  },
  // Headers at once, then a body that never ends.
  '/hung-body': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"data":');
  },
};

let server: Server;
let base: string;
let agent: Agent;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => answers[new URL(req.url ?? '/', 'http://x').pathname]?.(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agent = createSubgraphAgent();
});

afterAll(async () => {
  await agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('callSubgraph', () => {
  it('sends the method, path with query, headers and body, and reads the whole answer with its headers', async () => {
    const response = await callSubgraph(agent, new URL(`${base}/echo?x=1`), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': 'signed' },
      body: '{"query":"{ a }"}',
      timeoutMs: 10_000,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-data-revision')).toBe('7');
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({ method: 'POST', path: '/echo?x=1', signature: 'signed', body: '{"query":"{ a }"}' });
  });

  it('gives an answer without a body (204) as a response without one', async () => {
    const response = await callSubgraph(agent, new URL(`${base}/empty`), { method: 'GET', headers: {}, timeoutMs: 10_000 });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('gives any HTTP status as an answer, with its body', async () => {
    const response = await callSubgraph(agent, new URL(`${base}/refused`), {
      method: 'POST',
      headers: {},
      body: '{}',
      timeoutMs: 10_000,
    });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'bad' }] });
  });

  it('rejects with a TimeoutError when the body does not end within the time limit', async () => {
    const call = callSubgraph(agent, new URL(`${base}/hung-body`), { method: 'GET', headers: {}, timeoutMs: 100 });
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('rejects with the network error code when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const call = callSubgraph(agent, new URL(`http://127.0.0.1:${port}/`), { method: 'GET', headers: {}, timeoutMs: 10_000 });
    await expect(call).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
