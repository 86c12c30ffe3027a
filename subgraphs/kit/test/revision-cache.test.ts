/**
 * `RevisionCache` reads the data revision before each computation it serves, so a value is never
 * older than the revision a caller saw; the cached loaders of one query request share one read
 * (`readRevisionOncePerRequest`), and any other request (a mutation's) reads afresh each time.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { RevisionCache, readRevisionOncePerRequest } from '../src/revision';

/** A stand-in EntityManager whose data revision the test moves; counts the revision reads. */
function fakeDatabase() {
  const driver = {};
  const state = { revision: 1, reads: 0 };
  const em = () =>
    ({
      getDriver: () => driver,
      execute: async () => {
        state.reads++;
        return [{ revision: String(state.revision) }];
      },
    }) as unknown as EntityManager;
  return { state, em };
}

describe('RevisionCache', () => {
  it('computes once per revision and again after the revision moves', async () => {
    const { state, em } = fakeDatabase();
    const cache = new RevisionCache<number>(10);
    let computations = 0;
    const compute = async (keys: string[]) => new Map(keys.map((key) => [key, ++computations]));
    expect(await cache.getMany(em(), ['a'], compute, 0)).toEqual([1]);
    expect(await cache.getMany(em(), ['a'], compute, 0)).toEqual([1]);
    state.revision = 2;
    expect(await cache.getMany(em(), ['a'], compute, 0)).toEqual([2]);
    expect(state.reads).toBe(3);
  });

  it('lets the loaders of one query request share one read of the revision', async () => {
    const { state, em } = fakeDatabase();
    const first = new RevisionCache<string>(10);
    const second = new RevisionCache<string>(10);
    const compute = async (keys: string[]) => new Map(keys.map((key) => [key, `${key}@${state.revision}`]));
    const request = em();
    readRevisionOncePerRequest(request);
    await first.getMany(request, ['a'], compute, '');
    await second.getMany(request, ['b'], compute, '');
    expect(state.reads).toBe(1);
  });

  it('reads the revision afresh for each computation of a request that does not share it (a mutation sees its own writes)', async () => {
    const { state, em } = fakeDatabase();
    const cache = new RevisionCache<string>(10);
    const compute = async (keys: string[]) => new Map(keys.map((key) => [key, `${key}@${state.revision}`]));
    const request = em();
    expect(await cache.getMany(request, ['a'], compute, '')).toEqual(['a@1']);
    state.revision = 2;
    expect(await cache.getMany(request, ['a'], compute, '')).toEqual(['a@2']);
    expect(state.reads).toBe(2);
  });
});
