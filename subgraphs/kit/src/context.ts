import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { SubgraphConfig } from './config';
import type { Identity } from './identity/identity';
import type { Logger } from './logger';

/**
 * A batch loader, declared once next to its service and instantiated per request by `Loaders`.
 * `batch` returns one value per key, in key order (DataLoader's contract).
 */
export interface LoaderDefinition<K, V, C = K> {
  readonly name: string;
  batch(em: EntityManager, keys: readonly K[]): Promise<ReadonlyArray<V | Error>>;
  cacheKey?: (key: K) => C;
}

export function defineLoader<K, V, C = K>(definition: LoaderDefinition<K, V, C>): LoaderDefinition<K, V, C> {
  return definition;
}

/** The per-request DataLoader factory: one loader per definition, created on first use. */
export class Loaders {
  private readonly loaders = new Map<LoaderDefinition<unknown, unknown, unknown>, DataLoader<unknown, unknown, unknown>>();
  constructor(private readonly em: EntityManager) {}

  get<K, V, C = K>(definition: LoaderDefinition<K, V, C>): DataLoader<K, V, C> {
    const key = definition as unknown as LoaderDefinition<unknown, unknown, unknown>;
    let loader = this.loaders.get(key);
    if (!loader) {
      const em = this.em;
      loader = new DataLoader<unknown, unknown, unknown>((keys) => key.batch(em, keys), {
        ...(definition.cacheKey ? { cacheKeyFn: key.cacheKey } : {}),
        maxBatchSize: 1000,
      });
      this.loaders.set(key, loader);
    }
    return loader as unknown as DataLoader<K, V, C>;
  }
}

/** What every resolver receives. */
export interface BaseContext {
  /** A fork of the ORM's EntityManager for this request only. */
  em: EntityManager;
  identity: Identity;
  loaders: Loaders;
  log: Logger;
  config: SubgraphConfig;
}

/** Groups rows by a key, in the order of `keys`; keys without rows get an empty list. */
export function groupByKeys<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return keys.map((k) => groups.get(k) ?? []);
}
