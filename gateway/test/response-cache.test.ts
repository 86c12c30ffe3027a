/**
 * The response cache's bookkeeping against a real revision stream (a local HTTP server speaking
 * the subgraphs' server-sent events): an answer is served only while every subgraph it came from
 * is at the revision it was labelled with; a new revision, a mutation's floor, an `unknown`
 * event or a lost stream retire it; a stream that comes back is followed again. Revisions are
 * `epoch:number`: another epoch retires what was kept under the old one, whatever its numbers;
 * an answer is kept only for the date every subgraph computed it for.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Identity, verifyIdentity } from '@metrology/kit/identity';
import { createLogger } from '@metrology/kit/logger';
import { parseRevision, type Revision } from '@metrology/kit/revisions';
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
const TODAY = '2026-12-08';
const rev = (value: string) => parseRevision(value) as Revision;
const BODY = Buffer.from('{"query":"{ plan(code: \\"129/KH-UBND\\") { code } }"}');

describe('ResponseCache with SubgraphRevisions', () => {
  let funding: FakeStream;
  let port: number;
  let revisions: SubgraphRevisions;
  let cache: ResponseCache;
  let today: string;

  beforeEach(async () => {
    funding = new FakeStream();
    port = await funding.start();
    const url = `http://127.0.0.1:${port}/graphql`;
    revisions = new SubgraphRevisions({ training: url, labs: url, funding: url }, SECRET, createLogger('test', 'silent'));
    today = TODAY;
    cache = new ResponseCache(10, revisions, () => today);
    revisions.start();
    await expect.poll(() => funding.open.size).toBe(3);
    funding.send('e1:7');
    await expect.poll(() => revisions.current('funding')).toEqual(rev('e1:7'));
  });
  afterEach(async () => {
    revisions.stop();
    await funding.stop();
  });

  const keyOf = (headers: Record<string, string> = {}, identity = VIEWER, body = BODY) =>
    cache.keyOf(request(headers), identity, body)?.key ?? null;

  /** The labels of a request starting now (as `keyOf` gives them). */
  const startLabels = () => cache.keyOf(request(), VIEWER, BODY)?.labels as ResponseLabels;

  function keep(revision: string, key = keyOf() as string): string {
    const labels = startLabels();
    labels.operation = 'query';
    labels.label('funding', revision, TODAY);
    expect(cache.set(key, labels, 200, { 'content-type': 'application/json' }, '{"data":{}}')).toBe(true);
    return key;
  }

  it('serves a kept answer while the revision is unchanged, and retires it when a new revision is announced', async () => {
    const key = keep('e1:7');
    expect(cache.get(key)?.body).toBe('{"data":{}}');
    funding.send('e1:8');
    await expect.poll(() => revisions.current('funding')).toEqual(rev('e1:8'));
    expect(cache.get(key)).toBeUndefined();
  });

  it("retires answers at once on a mutation's floor, and ignores an older announcement after it", async () => {
    const key = keep('e1:7');
    revisions.raise('funding', rev('e1:9'));
    expect(cache.get(key)).toBeUndefined();
    funding.send('e1:8');
    // The stand-in serves all three names: training's stream taking e1:8 shows the event arrived.
    await expect.poll(() => revisions.current('training')).toEqual(rev('e1:8'));
    expect(revisions.current('funding')).toEqual(rev('e1:9'));
  });

  it('serves nothing while the subgraph says it does not know its revision, or while the stream is lost, and follows it again when it is back', async () => {
    const key = keep('e1:7');
    funding.send('unknown');
    await expect.poll(() => revisions.current('funding')).toBeNull();
    expect(cache.get(key)).toBeUndefined();
    funding.send('e1:7');
    await expect.poll(() => revisions.current('funding')).toEqual(rev('e1:7'));

    const again = keep('e1:7');
    await funding.stop();
    await expect.poll(() => revisions.current('funding')).toBeNull();
    expect(cache.get(again)).toBeUndefined();
    // Nothing is kept while a subgraph's revision is unknown.
    const labels = new ResponseLabels(TODAY);
    labels.operation = 'query';
    labels.label('funding', 'e1:7', TODAY);
    expect(cache.set(again, labels, 200, {}, '{}')).toBe(false);

    await funding.start(port);
    await expect.poll(() => funding.open.size, { timeout: 10_000 }).toBeGreaterThan(0);
    funding.send('e1:12');
    await expect.poll(() => revisions.current('funding')).toEqual(rev('e1:12'));
    keep('e1:12', again);
    expect(cache.get(again)).toBeDefined();
  });

  it('keeps only covered queries answered without errors, from one revision per subgraph', () => {
    const key = keyOf() as string;
    const cases: [string, (labels: ResponseLabels) => void][] = [
      ['a mutation', (labels) => (labels.operation = 'mutation')],
      ['an answer with errors', (labels) => (labels.errors = true)],
      ['a part without a label', (labels) => labels.label('funding', null, TODAY)],
      ['two parts at two revisions', (labels) => labels.label('funding', 'e1:8', TODAY)],
      ['two parts of two epochs', (labels) => labels.label('funding', 'e2:7', TODAY)],
      ['a part computed for another date', (labels) => labels.label('training', 'e1:7', '2026-12-07')],
      ['a part without its date', (labels) => labels.label('training', 'e1:7', null)],
      ['a revision without its epoch', (labels) => labels.label('training', '7', TODAY)],
      ['a failed subgraph call', (labels) => labels.uncover()],
    ];
    for (const [, spoil] of cases) {
      const labels = startLabels();
      labels.operation = 'query';
      labels.label('funding', 'e1:7', TODAY);
      spoil(labels);
      expect(cache.set(key, labels, 200, {}, '{}')).toBe(false);
    }
    const labels = startLabels();
    labels.operation = 'query';
    labels.label('funding', 'e1:7', TODAY);
    expect(cache.set(key, labels, 500, {}, '{}')).toBe(false);
  });

  it('keys answers by caller, body and Accept header: other callers and media types are not shared; no-cache requests and non-JSON bodies are not kept', () => {
    const key = keyOf();
    expect(key).not.toBeNull();
    expect(keyOf({}, { ...VIEWER, subject: 'viewer-2' })).not.toBe(key);
    expect(keyOf({}, { ...VIEWER, roles: ['admin'] })).not.toBe(key);
    expect(keyOf({}, VIEWER, Buffer.from(`${BODY} `))).not.toBe(key);
    expect(keyOf({ accept: 'application/graphql-response+json' })).not.toBe(key);
    expect(keyOf({ 'cache-control': 'no-cache' })).toBeNull();
    expect(keyOf({ 'cache-control': 'max-age=0, no-store' })).toBeNull();
    expect(keyOf({ 'content-type': 'text/plain' })).toBeNull();
    expect(cache.keyOf({ method: 'GET', headers: {} } as IncomingMessage, VIEWER, BODY)).toBeNull();
    expect(new ResponseCache(0, revisions).keyOf(request(), VIEWER, BODY)).toBeNull();
  });

  it('serves nothing kept under an old epoch: a new epoch retires it even at a lower number, and neither the old numbers coming round again in the new epoch nor the old epoch announced again revive anything', async () => {
    const first = keep('e1:7');
    const second = keep('e1:7', 'second');
    funding.send('e2:3');
    await expect.poll(() => revisions.current('funding')).toEqual(rev('e2:3'));
    expect(cache.get(first)).toBeUndefined();
    funding.send('e2:7');
    await expect.poll(() => revisions.current('funding')).toEqual(rev('e2:7'));
    expect(cache.get(second)).toBeUndefined();
    // A mutation's floor of another epoch replaces the known revision too, whatever its number.
    const third = keep('e2:7', 'third');
    revisions.raise('funding', rev('e3:1'));
    expect(revisions.current('funding')).toEqual(rev('e3:1'));
    expect(cache.get(third)).toBeUndefined();
    // Nor does an old epoch announced again (a late notification) revive what was kept in it.
    const fourth = keep('e3:1', 'fourth');
    funding.send('e2:7');
    await expect.poll(() => revisions.current('funding')).toEqual(rev('e2:7'));
    expect(cache.get(third)).toBeUndefined();
    funding.send('e3:1');
    await expect.poll(() => revisions.current('funding')).toEqual(rev('e3:1'));
    expect(cache.get(fourth)).toBeUndefined();
  });

  it('keeps an answer only when the subgraphs computed it for the date of its key, and serves it under that date only', () => {
    // The gateway's clock says 8 December, the subgraph's still 7 December (clocks apart, or midnight between).
    const early = cache.keyOf(request(), VIEWER, BODY);
    early?.labels.label('funding', 'e1:7', '2026-12-07');
    if (early) early.labels.operation = 'query';
    expect(early && cache.set(early.key, early.labels, 200, {}, '{}')).toBe(false);
    expect(cache.get(early?.key as string)).toBeUndefined();

    const key = keep('e1:7');
    expect(cache.get(key)).toBeDefined();
    today = '2026-12-09';
    const tomorrow = keyOf();
    expect(tomorrow).not.toBe(key);
    expect(cache.get(tomorrow as string)).toBeUndefined();
    expect(cache.keyOf(request(), VIEWER, BODY)?.labels.today).toBe('2026-12-09');
  });

  it('serves nothing kept before a subgraph restarted, though it comes back at the same revision (its new code may answer otherwise), and keeps no answer whose request started before', async () => {
    const key = keep('e1:7');
    const started = startLabels();
    started.operation = 'query';
    started.label('funding', 'e1:7', TODAY);
    // The subgraph stops (its stream ends) and starts again at the same revision.
    await funding.stop();
    await expect.poll(() => revisions.current('funding')).toBeNull();
    await funding.start(port);
    await expect.poll(() => funding.open.size, { timeout: 10_000 }).toBeGreaterThan(0);
    funding.send('e1:7');
    await expect.poll(() => revisions.current('funding')).toEqual(rev('e1:7'));
    expect(cache.get(key)).toBeUndefined();
    expect(cache.set('started-before', started, 200, {}, '{}')).toBe(false);
    // An answer to a request made since is kept and served.
    expect(cache.get(keep('e1:7', 'since'))).toBeDefined();
  });

  it('holds at most its number of entries, the least recently used dropped first', () => {
    const keys = Array.from({ length: 10 }, (_, i) => keep('e1:7', `key-${i}`));
    // Reading the oldest makes it the most recently used: the next two entries push out keys 1 and 2.
    expect(cache.get(keys[0] as string)).toBeDefined();
    keys.push(keep('e1:7', 'key-10'), keep('e1:7', 'key-11'));
    expect(cache.size).toBe(10);
    expect(cache.get(keys[0] as string)).toBeDefined();
    expect(cache.get(keys[1] as string)).toBeUndefined();
    expect(cache.get(keys[2] as string)).toBeUndefined();
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
      funding.send('e1:7');
      await expect.poll(() => quiet.current('funding')).toEqual(rev('e1:7'));
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
