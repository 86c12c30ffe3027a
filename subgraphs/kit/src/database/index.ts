import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { type Constructor, DefaultLogger, type EntityClass, type LoggerOptions } from '@mikro-orm/core';
import { type Migration, Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { type Seeder, SeedManager } from '@mikro-orm/seeder';
import type { Logger } from '../logger';

export type { MikroORM };

/** Everything a subgraph tells the kit about its persistence. */
export interface PersistenceDefinition {
  // biome-ignore lint/suspicious/noExplicitAny: MikroORM's own entity list type
  entities: EntityClass<any>[];
  /** Committed migrations, in order. Listed explicitly so compiled and source runs agree. */
  migrations: { name: string; class: Constructor<Migration> }[];
  /** Idempotent seeders run at every start: they add what is missing and change nothing else. */
  seeders: Constructor<Seeder>[];
  /** The clearly labelled demo data set, added at start when SEED_DEMO=true (development). */
  demoSeeders?: Constructor<Seeder>[];
}

export interface DatabaseOptions {
  /** Real PostgreSQL when set. Otherwise an embedded PGlite database in `dataDir`. */
  url: string | undefined;
  dataDir: string;
  poolSize: number;
  logger: Logger;
  /** Called for every SQL statement (statement-count tests and benchmarks). */
  onQuery?: (sql: string) => void;
  seedDemo?: boolean;
}

export interface Database {
  orm: MikroORM;
  /** `embedded` when PGlite serves the data. */
  kind: 'postgres' | 'embedded';
  close(): Promise<void>;
}

class StatementLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly onQuery: (sql: string) => void,
  ) {
    super(options);
  }

  override log(): void {}

  override logQuery(context: { query: string }): void {
    this.onQuery(context.query);
  }

  override isEnabled(): boolean {
    return true;
  }
}

/** Starts PGlite file-backed in `dataDir`, served over a loopback socket that `pg` can use. */
async function startEmbedded(dataDir: string, poolSize: number): Promise<{ url: string; stop(): Promise<void> }> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  // pglite-socket allows one connection unless told otherwise; the pool needs `poolSize`.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: poolSize + 2 });
  await server.start();
  const port = server.getServerConn().split(':').pop();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * Connects the ORM, runs the committed migrations (never a schema update), then the seeders.
 * The same path serves real PostgreSQL and the embedded database.
 */
export async function openDatabase(definition: PersistenceDefinition, options: DatabaseOptions): Promise<Database> {
  const embedded = options.url ? undefined : await startEmbedded(options.dataDir, options.poolSize);
  const clientUrl = options.url ?? embedded?.url;
  const onQuery = options.onQuery;
  let orm: MikroORM;
  try {
    orm = await MikroORM.init({
      driver: PostgreSqlDriver,
      clientUrl,
      entities: definition.entities,
      discovery: { requireEntitiesArray: true, disableDynamicFileAccess: true },
      extensions: [Migrator, SeedManager],
      migrations: {
        migrationsList: definition.migrations,
        transactional: true,
        allOrNothing: true,
        snapshot: false,
        silent: true,
        tableName: 'mikro_orm_migrations',
      },
      pool: { min: 0, max: options.poolSize },
      allowGlobalContext: false,
      forceUtcTimezone: true,
      ...(onQuery ? { debug: ['query'], loggerFactory: (o: LoggerOptions) => new StatementLogger(o, onQuery) } : {}),
    });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  try {
    const applied = await orm.getMigrator().up();
    if (applied.length > 0) options.logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    const seeders = [...definition.seeders, ...(options.seedDemo ? (definition.demoSeeders ?? []) : [])];
    for (const seeder of seeders) await orm.getSeeder().seed(seeder);
  } catch (error) {
    await orm.close(true);
    await embedded?.stop();
    throw error;
  }
  return {
    orm,
    kind: embedded ? 'embedded' : 'postgres',
    async close() {
      await orm.close(true);
      await embedded?.stop();
    },
  };
}

/** True when the database answers a trivial query (readiness). */
export async function isDatabaseReady(orm: MikroORM): Promise<boolean> {
  try {
    await orm.em.getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}
