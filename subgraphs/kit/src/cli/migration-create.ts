/**
 * Creates a migration for a subgraph from the difference between its entities and its committed
 * migrations, using a scratch database on the test server, then rewrites the migrations index.
 *
 *   node subgraphs/kit/dist/cli/migration-create.js <subgraph folder> [name]
 *
 * The subgraph must be built first (`pnpm build`): its compiled definition is loaded.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { createTestDatabase } from '../testing';
import { loadCompiledDefinition, runCli } from './definition';

async function main(): Promise<void> {
  const [folder, name] = process.argv.slice(2);
  if (!folder) throw new Error('usage: migration-create <subgraph folder> [name]');
  const root = path.resolve(folder);
  const definition = await loadCompiledDefinition(folder);
  const migrationsDir = path.join(root, 'src/migrations');
  const scratch = await createTestDatabase(`migrate_${definition.name}`);
  try {
    const orm = await MikroORM.init({
      driver: PostgreSqlDriver,
      clientUrl: scratch.url,
      entities: definition.persistence.entities,
      discovery: { requireEntitiesArray: true, disableDynamicFileAccess: true },
      extensions: [Migrator],
      migrations: {
        migrationsList: definition.persistence.migrations,
        path: migrationsDir,
        pathTs: migrationsDir,
        emit: 'ts',
        snapshot: false,
      },
    });
    try {
      const migrator = orm.getMigrator();
      await migrator.up();
      const initial = definition.persistence.migrations.length === 0;
      const result = await migrator.createMigration(migrationsDir, false, initial, name);
      if (!result.fileName) {
        process.stdout.write('No changes: no migration created.\n');
        return;
      }
      process.stdout.write(`Created ${path.join('src/migrations', result.fileName)}\n`);
    } finally {
      await orm.close(true);
    }
  } finally {
    await scratch.drop();
  }
  await writeIndex(migrationsDir);
}

async function writeIndex(dir: string): Promise<void> {
  const files = (await readdir(dir)).filter((file) => /^Migration\d+.*\.ts$/.test(file)).sort();
  const names = files.map((file) => file.replace(/\.ts$/, ''));
  const lines = [
    "import type { Constructor } from '@mikro-orm/core';",
    "import type { Migration } from '@mikro-orm/migrations';",
    ...names.map((n) => `import { ${n} } from './${n}';`),
    '',
    '/** Committed migrations, oldest first. Rewritten by `pnpm migration:create <subgraph>`. */',
    'export const migrations: { name: string; class: Constructor<Migration> }[] = [',
    ...names.map((n) => `  { name: '${n}', class: ${n} },`),
    '];',
    '',
  ];
  await writeFile(path.join(dir, 'index.ts'), lines.join('\n'));
}

runCli(main);
