import { once } from 'node:events';
import { createServer } from 'node:http';

/** A stand-in for the subgraph that owns linked entities, for tests of one subgraph alone. */
export interface FakeOwner {
  /** Its GraphQL URL, for `TRAINING_URL` / `LABS_URL`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Answers the kit's existence query (`missingEntities`) like an owner that has exactly the
 * entities `knows` accepts (default: every one): `_entities` with `{ __typename }` or null.
 */
export async function startFakeOwner(knows: (typename: string, id: string) => boolean = () => true): Promise<FakeOwner> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
      variables?: { representations?: { __typename: string; id: string }[] };
    };
    const entities = (body.variables?.representations ?? []).map((representation) =>
      knows(representation.__typename, representation.id) ? { __typename: representation.__typename } : null,
    );
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: { _entities: entities } }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/graphql`,
    async stop() {
      server.close();
      await once(server, 'close');
    },
  };
}
