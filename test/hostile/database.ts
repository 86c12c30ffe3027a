/**
 * An exact fingerprint of every row of every table of the test stack's databases: per table, the
 * row count and an md5 of its rows' text, in a fixed order. Any insert, update or delete changes it.
 */
import type { Stack } from '../harness';

type Connection = { execute(sql: string): Promise<Record<string, unknown>[]> };

async function tableFingerprints(connection: Connection): Promise<Record<string, string>> {
  const tables = await connection.execute(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  const prints: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    const [row] = await connection.execute(
      `select count(*)::text || ':' || coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '') as print from public."${String(table)}" t`,
    );
    prints[String(table)] = String(row?.print);
  }
  return prints;
}

/** `{ 'training.trainee': '12:3f…', … }` for the three subgraphs' databases. */
export async function databaseFingerprint(stack: Stack): Promise<Record<string, string>> {
  const all: Record<string, string> = {};
  for (const [name, subgraph] of Object.entries(stack.subgraphs)) {
    const connection = subgraph.database.orm.em.getConnection() as unknown as Connection;
    for (const [table, print] of Object.entries(await tableFingerprints(connection))) all[`${name}.${table}`] = print;
  }
  return all;
}
