/**
 * SQL for check constraints on enum arrays (text[] columns): MikroORM checks the items in code
 * only, the database must refuse them too (docs/RULES.md, "Errors and data safety": unique keys and
 * rules live in the database).
 */
export function enumArrayCheck(column: string, values: Record<string, string>, options: { nonEmpty: boolean }): string {
  const items = `array[${Object.values(values)
    .map((value) => `'${value}'`)
    .join(', ')}]::text[]`;
  return `${options.nonEmpty ? `cardinality(${column}) > 0 and ` : ''}${column} <@ ${items}`;
}
