import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSubgraphConfig } from '../src/config';
import { DomainError } from '../src/errors';
import { verifyIdentity } from '../src/identity/signature';
import { EXISTENCE_QUERY, isExistenceRequest, isServiceIdentity, missingEntities, serviceIdentity } from '../src/peers';

const SECRET = 'peers-test-secret-of-at-least-32-characters';

/** A stand-in owner: answers each request with `answer(body)` after checking the signature. */
async function owner(answer: (body: string) => { status: number; json: unknown }): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const check = verifyIdentity(req.headers, { method: req.method ?? '', target: req.url ?? '', body }, SECRET);
    const { status, json } = check.ok && isServiceIdentity(check.identity) ? answer(body.toString()) : { status: 401, json: {} };
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(json));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/graphql`, server };
}

describe('peers: one subgraph asking another whether entities exist', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('reads the other subgraphs’ URLs from TRAINING_URL and LABS_URL, defaulting to the local ports', () => {
    expect(loadSubgraphConfig('funding', { NODE_ENV: 'test' }).peers).toEqual({
      training: 'http://127.0.0.1:4001/graphql',
      labs: 'http://127.0.0.1:4002/graphql',
      funding: 'http://127.0.0.1:4003/graphql',
    });
    const config = loadSubgraphConfig('funding', { NODE_ENV: 'test', TRAINING_URL: 'http://training:4001/graphql' });
    expect(config.peers.training).toBe('http://training:4001/graphql');
    expect(() => loadSubgraphConfig('funding', { NODE_ENV: 'test', LABS_URL: 'ftp://labs' })).toThrow(/LABS_URL/);
  });

  it('recognises only the exact existence query as what a service identity may send', () => {
    const representations = [{ __typename: 'Course', id: 'x' }];
    expect(isExistenceRequest(JSON.stringify({ query: EXISTENCE_QUERY, variables: { representations } }))).toBe(true);
    expect(isExistenceRequest(JSON.stringify({ query: `${EXISTENCE_QUERY} `, variables: { representations } }))).toBe(false);
    expect(isExistenceRequest(JSON.stringify({ query: '{ courses { items { id } } }', variables: { representations } }))).toBe(
      false,
    );
    expect(isExistenceRequest(JSON.stringify({ query: EXISTENCE_QUERY }))).toBe(false);
    expect(isExistenceRequest('not json')).toBe(false);
    expect(isServiceIdentity(serviceIdentity('funding'))).toBe(true);
    expect(isServiceIdentity({ subject: 'service:funding', roles: ['admin'], name: null })).toBe(false);
    expect(isServiceIdentity({ subject: 'someone', roles: [], name: null })).toBe(false);
  });

  it('returns the ids the owner answers null for, asking with a signed existence query', async () => {
    const asked: unknown[] = [];
    const { url, server } = await owner((body) => {
      const parsed = JSON.parse(body) as { query: string; variables: { representations: { id: string }[] } };
      asked.push(parsed.query);
      const entities = parsed.variables.representations.map((r) => (r.id === 'known' ? { __typename: 'Course' } : null));
      return { status: 200, json: { data: { _entities: entities } } };
    });
    servers.push(server);
    const options = { from: 'funding' as const, owner: 'training' as const, url, secret: SECRET };
    expect(await missingEntities(options, 'Course', ['known', 'unknown'])).toEqual(['unknown']);
    expect(asked).toEqual([EXISTENCE_QUERY]);
  });

  it('throws SERVICE_UNAVAILABLE naming the owner when it refuses, errs, answers out of shape or is not there', async () => {
    const answers = [
      { status: 500, json: {} },
      { status: 200, json: { data: null, errors: [{ message: 'boom' }] } },
      { status: 200, json: { data: { _entities: [] } } },
    ];
    for (const answer of answers) {
      const { url, server } = await owner(() => answer);
      servers.push(server);
      const error = await missingEntities({ from: 'funding', owner: 'labs', url, secret: SECRET }, 'Laboratory', ['a']).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { service: 'labs' } });
    }
    const { url, server } = await owner(() => answers[0]);
    server.close();
    await once(server, 'close');
    const unreachable = await missingEntities({ from: 'funding', owner: 'labs', url, secret: SECRET }, 'Laboratory', ['a']).catch(
      (e: unknown) => e,
    );
    expect(unreachable).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('throws SERVICE_UNAVAILABLE when the owner accepts the call and never answers, after its time limit', async () => {
    const silent = createServer(() => {
      // Holds the request open: a hung owner.
    });
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}/graphql`;
    try {
      const error = await missingEntities({ from: 'funding', owner: 'training', url, secret: SECRET, timeoutMs: 100 }, 'Course', [
        'a',
      ]).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { service: 'training' } });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
