import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The revision of the data a subgraph's cached aggregates are computed from: one row (id 1)
 * whose `revision` statement-level triggers raise, in the writing transaction, whenever one of
 * those tables changes (each subgraph's migration names its tables). The new revision becomes
 * visible exactly when the change does, whoever wrote it: any instance of the subgraph, an
 * import, a fix by hand. Add it to the entities of a subgraph that uses `RevisionCache`.
 * `epoch` is made with the row; with the table's oid and the server's start it makes the
 * revision's epoch (`data_revision_now()`, kit `revisionEpochMigration`, docs/CACHING.md).
 */
@Entity({ tableName: 'data_revision' })
@Check({ name: 'data_revision_single_row', expression: 'id = 1' })
export class DataRevision {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id!: number;

  @Property({ type: 'bigint' })
  revision!: string;

  @Property({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  epoch!: string;
}

interface Entry<V> {
  revision: string;
  value: Promise<V>;
}

/**
 * The data revision now, `epoch:number` (one primary-key read): values kept under a revision of
 * another epoch are never taken for current, even when the number comes round again.
 */
export async function currentRevision(em: EntityManager): Promise<string> {
  const rows: { revision: string | null }[] = await em.execute('select data_revision_now() as revision');
  const revision = rows[0]?.revision;
  if (!revision) throw new Error('the data_revision row is missing');
  return revision;
}

/**
 * Request EntityManagers (forks) of query operations, with the revision their request read, once
 * it has read it. Every cached loader of such a request uses that one read instead of its own.
 */
const requestRevisions = new WeakMap<object, { revision: Promise<string> | null }>();

/**
 * Lets the cached loaders of one query request share one read of the data revision. Safe for a
 * query: the read happens during the request, after every change committed before it, so the
 * request still sees all of them. Not for a mutation: its own writes would come after the read,
 * and the fields of its answer must see them.
 */
export function readRevisionOncePerRequest(em: object): void {
  if (!requestRevisions.has(em)) requestRevisions.set(em, { revision: null });
}

/**
 * The revision for a computation: the request's one read when it shares it, a fresh read otherwise.
 * Also the revision a covered query's answer is labelled with (kit `revisionLabelPlugin`).
 */
export function revisionFor(em: EntityManager): Promise<string> {
  const shared = requestRevisions.get(em);
  if (!shared) return currentRevision(em);
  if (!shared.revision) {
    const revision = currentRevision(em);
    shared.revision = revision;
    // A failed read is not shared: the next loader reads again.
    revision.catch(() => {
      if (shared.revision === revision) shared.revision = null;
    });
  }
  return shared.revision;
}

/**
 * Values computed from a subgraph's data, kept in the process while its `DataRevision` is
 * unchanged, so that read-heavy aggregates (the scorecard, the annual report) are computed once
 * per change instead of once per request.
 *
 * Why it is never stale: the revision is read before the value is computed, and any change
 * committed after that read raises the revision in its own transaction; so a value filed under
 * revision R reflects at least every change that R stands for, and a caller that read R may be
 * given it. A caller that reads a newer revision computes again.
 *
 * Entries are per database (keyed by the ORM's driver, which every fork shares), so two
 * subgraphs in one process (tests) never share them; concurrent callers of one key and revision
 * share one computation; a failed computation is not kept. At most `maxEntries` keys per
 * database, the least recently used dropped first.
 */
export class RevisionCache<V> {
  private readonly databases = new WeakMap<object, Map<string, Entry<V>>>();

  constructor(private readonly maxEntries: number) {}

  /** The values of `keys`, computing the missing or outdated ones with one call of `compute`. */
  async getMany(
    em: EntityManager,
    keys: readonly string[],
    compute: (keys: string[]) => Promise<Map<string, V>>,
    empty: V,
  ): Promise<V[]> {
    const revision = await revisionFor(em);
    const cache = this.entriesOf(em);
    const missing = [...new Set(keys)].filter((key) => cache.get(key)?.revision !== revision);
    if (missing.length > 0) {
      const computed = compute(missing);
      for (const key of missing) {
        const value = computed.then((values) => values.get(key) ?? empty);
        cache.set(key, { revision, value });
        value.catch(() => {
          if (cache.get(key)?.value === value) cache.delete(key);
        });
      }
    }
    // Taken before any await and before trimming: every key has its entry now.
    const pending = keys.map((key) => {
      const entry = cache.get(key) as Entry<V>;
      // Most recently used last, so that trimming drops the least recently used.
      cache.delete(key);
      cache.set(key, entry);
      return entry.value;
    });
    for (const key of cache.keys()) {
      if (cache.size <= this.maxEntries) break;
      cache.delete(key);
    }
    return Promise.all(pending);
  }

  private entriesOf(em: EntityManager): Map<string, Entry<V>> {
    const driver = em.getDriver();
    let entries = this.databases.get(driver);
    if (!entries) {
      entries = new Map();
      this.databases.set(driver, entries);
    }
    return entries;
  }
}
