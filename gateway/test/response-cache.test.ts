/**
 * The response cache's bookkeeping against a real revision stream (a local HTTP server speaking
 * the subgraphs' server-sent events): an answer is served only while every subgraph it came from
 * is at the revision it was labelled with; a new revision, a mutation's floor, an `unknown`
 * event or a lost stream retire it; a stream that comes back is followed again.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Identity, verifyIdentity } from '@metrology/kit/identity';
import { createLogger } from '@metrology/kit/logger';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResponseCache, ResponseLabels } from '../src/response-cache';
import { SubgraphRevisions } from '../src/revisions';

const SECRET = 'test-gateway-secret-of-at-least-32-characters';

/** A stand-in for one subgraph's `/revisions`: checks the signature, then sends what the test says. */
class FakeStream {
  server!: Server;
  open = new Set<ServerResponse>();
  unsigned = 0;

  async start(port = 0): Promise<number> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const check = verifyIdentity(req.headers, { method: 'GET', target: req.url ?? '/', body: Buffer.alloc(0) }, SECRET);
      if (!check.ok || req.url !== '/revisions') {
        this.unsigned++;
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      this.open.add(res);
      res.on('close', () => this.open.delete(res));
    });
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  send(value: string): void {
    for (const res of this.open) res.write(`data: ${value}\n\n`);
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const request = (headers: Record<string, string> = {}) =>
  ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers } }) as unknown as IncomingMessage;
const VIEWER: Identity = { subject: 'viewer-1', roles: ['viewer'], name: 'Người xem' };
const BODY = Buffer.from('{"query":"{ plan(code: \\"129/KH-UBND\\") { code } }"}');

describe('ResponseCache with SubgraphRevisions', () => {
  let funding: FakeStream;
  let port: number;
  let revisions: SubgraphRevisions;
  let cache: ResponseCache;

  beforeEach(async () => {
    funding = new FakeStream();
    port = await funding.start();
    const url = `http://127.0.0.1:${port}/graphql`;
    revisions = new SubgraphRevisions({ training: url, labs: url, funding: url }, SECRET, createLogger('test', 'silent'));
    cache = new ResponseCache(10, revisions);
    revisions.start();
    await expect.poll(() => funding.open.size).toBe(3);
    funding.send('7');
    await expect.poll(() => revisions.current('funding')).toBe(7n);
  });
  afterEach(async () => {
    revisions.stop();
    await funding.stop();
  });

  function keep(revision: string, key = cache.keyOf(request(), VIEWER, BODY) as string): string {
    const labels = new ResponseLabels();
    labels.operation = 'query';
    labels.label('funding', revision);
    expect(cache.set(key, labels, 200, { 'content-type': 'application/json' }, '{"data":{}}')).toBe(true);
    return key;
  }

  it('serves a kept answer while the revision is unchanged, and retires it when a new revision is announced', async () => {
    const key = keep('7');
    expect(cache.get(key)?.body).toBe('{"data":{}}');
    funding.send('8');
    await expect.poll(() => revisions.current('funding')).toBe(8n);
    expect(cache.get(key)).toBeUndefined();
  });

  it("retires answers at once on a mutation's floor, and ignores an older announcement after it", async () => {
    const key = keep('7');
    revisions.raise('funding', 9n);
    expect(cache.get(key)).toBeUndefined();
    funding.send('8');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(revisions.current('funding')).toBe(9n);
  });

  it('serves nothing while the subgraph says it does not know its revision, or while the stream is lost, and follows it again when it is back', async () => {
    const key = keep('7');
    funding.send('unknown');
    await expect.poll(() => revisions.current('funding')).toBeNull();
    expect(cache.get(key)).toBeUndefined();
    funding.send('7');
    await expect.poll(() => revisions.current('funding')).toBe(7n);

    const again = keep('7');
    await funding.stop();
    await expect.poll(() => revisions.current('funding')).toBeNull();
    expect(cache.get(again)).toBeUndefined();
    // Nothing is kept while a subgraph's revision is unknown.
    const labels = new ResponseLabels();
    labels.operation = 'query';
    labels.label('funding', '7');
    expect(cache.set(again, labels, 200, {}, '{}')).toBe(false);

    await funding.start(port);
    await expect.poll(() => funding.open.size, { timeout: 10_000 }).toBeGreaterThan(0);
    funding.send('12');
    await expect.poll(() => revisions.current('funding')).toBe(12n);
    keep('12', again);
    expect(cache.get(again)).toBeDefined();
  });

  it('keeps only covered queries answered without errors, from one revision per subgraph', () => {
    const key = cache.keyOf(request(), VIEWER, BODY) as string;
    const cases: [string, (labels: ResponseLabels) => void][] = [
      ['a mutation', (labels) => (labels.operation = 'mutation')],
      ['an answer with errors', (labels) => (labels.errors = true)],
      ['a part without a label', (labels) => labels.label('funding', null)],
      ['two parts at two revisions', (labels) => labels.label('funding', '8')],
      ['a failed subgraph call', (labels) => labels.uncover()],
    ];
    for (const [, spoil] of cases) {
      const labels = new ResponseLabels();
      labels.operation = 'query';
      labels.label('funding', '7');
      spoil(labels);
      expect(cache.set(key, labels, 200, {}, '{}')).toBe(false);
    }
    const labels = new ResponseLabels();
    labels.operation = 'query';
    labels.label('funding', '7');
    expect(cache.set(key, labels, 500, {}, '{}')).toBe(false);
  });

  it('keys answers by caller, body and Accept header: other callers and media types are not shared; no-cache requests and non-JSON bodies are not kept', () => {
    const key = cache.keyOf(request(), VIEWER, BODY);
    expect(key).not.toBeNull();
    expect(cache.keyOf(request(), { ...VIEWER, subject: 'viewer-2' }, BODY)).not.toBe(key);
    expect(cache.keyOf(request(), { ...VIEWER, roles: ['admin'] }, BODY)).not.toBe(key);
    expect(cache.keyOf(request(), VIEWER, Buffer.from(`${BODY} `))).not.toBe(key);
    expect(cache.keyOf(request({ accept: 'application/graphql-response+json' }), VIEWER, BODY)).not.toBe(key);
    expect(cache.keyOf(request({ 'cache-control': 'no-cache' }), VIEWER, BODY)).toBeNull();
    expect(cache.keyOf(request({ 'cache-control': 'max-age=0, no-store' }), VIEWER, BODY)).toBeNull();
    expect(cache.keyOf(request({ 'content-type': 'text/plain' }), VIEWER, BODY)).toBeNull();
    expect(cache.keyOf({ method: 'GET', headers: {} } as IncomingMessage, VIEWER, BODY)).toBeNull();
    expect(new ResponseCache(0, revisions).keyOf(request(), VIEWER, BODY)).toBeNull();
  });

  it('holds at most its number of entries, the least recently used dropped first', () => {
    const keys = Array.from({ length: 12 }, (_, i) => keep('7', `key-${i}`));
    expect(cache.size).toBe(10);
    expect(cache.get(keys[0] as string)).toBeUndefined();
    expect(cache.get(keys[11] as string)).toBeDefined();
  });

  it('drops a stream that goes silent (a hung subgraph), serving nothing on its account until it speaks again', async () => {
    const quiet = new SubgraphRevisions(
      {
        training: `http://127.0.0.1:${port}/graphql`,
        labs: `http://127.0.0.1:${port}/graphql`,
        funding: `http://127.0.0.1:${port}/graphql`,
      },
      SECRET,
      createLogger('test', 'silent'),
      300,
    );
    try {
      quiet.start();
      await expect.poll(() => funding.open.size).toBe(6);
      funding.send('7');
      await expect.poll(() => quiet.current('funding')).toBe(7n);
      // No heartbeat: after the silence allowed the stream is dropped and the revision unknown.
      await expect.poll(() => quiet.current('funding'), { timeout: 5_000 }).toBeNull();
    } finally {
      quiet.stop();
    }
  });

  it('signs its stream requests: the fake subgraph refused none', () => {
    expect(funding.unsigned).toBe(0);
  });
});
