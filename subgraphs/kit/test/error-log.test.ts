/**
 * An unexpected database error is logged without its statement or values, whichever layer raised
 * it: MikroORM's entity manager, or the `pg` driver under a raw statement (its message carries the
 * SQL with the values inlined), also when wrapped as another error's cause.
 */
import { Writable } from 'node:stream';
import { MikroORM } from '@mikro-orm/postgresql';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGraphQLError } from '../src/errors';
import { createTestDatabase, type TestDatabase } from '../src/testing';

const PERSONAL = 'Nguyễn Văn Hải 001099012345';

function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), text: () => lines.join('') };
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('the statement did not fail');
}

describe('database errors in the error log', () => {
  let database: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    database = await createTestDatabase('error_log');
    orm = await MikroORM.init({ clientUrl: database.url, entities: [], discovery: { warnWhenNoEntities: false } });
  });
  afterAll(async () => {
    await orm?.close(true);
    await database?.drop();
  });

  it.each([
    [
      'a raw statement through the connection',
      () => orm.em.getConnection().execute('select ?::text as x', [`${PERSONAL}\u0000`]),
    ],
    ['a raw statement through knex', () => orm.em.getKnex().raw('select ?::date as x', [PERSONAL])],
    ['a statement on a missing table', () => orm.em.getConnection().execute(`select * from missing where name = '${PERSONAL}'`)],
  ])('logs %s as its class and SQLSTATE only, answering a generic INTERNAL_SERVER_ERROR', async (_label, run) => {
    const error = await failure(run);
    const { logger, text } = capturingLogger();
    const answer = toGraphQLError(error, logger);
    expect(answer.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(answer.message).not.toContain('select');
    const logged = text();
    expect(logged).toContain('unexpected error');
    expect(logged).toMatch(/"sqlState":"[0-9A-Z]{5}"/);
    expect(logged).not.toMatch(/select/i);
    expect(logged).not.toContain('Nguyễn');
    expect(logged).not.toContain('001099012345');
  });

  it('logs a database error wrapped as the cause of another error without its statement', async () => {
    const cause = await failure(() => orm.em.getConnection().execute('select ?::int as x', [PERSONAL]));
    const { logger, text } = capturingLogger();
    toGraphQLError(new Error('loading failed', { cause }), logger);
    expect(text()).toMatch(/"sqlState":"22P02"/);
    expect(text()).not.toMatch(/select|Nguyễn/i);
  });
});
