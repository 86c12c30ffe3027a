/**
 * Revision coverage established from what the fields really read (docs/CACHING.md, "Coverage
 * checked against the statements"): each subgraph runs, through its real server and on its real
 * database, one query per field its `revisionCoverage` declares, with everything below it
 * selected and its aggregate caches cold, and records the SQL statements it runs. Every table
 * those statements name must have the revision trigger (`raise_data_revision`): a field added
 * under a covered entry that reads an uncovered table fails here, naming the field and the table.
 */
import { fundingSubgraph } from '@metrology/funding';
import type { SubgraphDefinition } from '@metrology/kit';
import { identityOf, StatementCounter, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { labsSubgraph } from '@metrology/labs';
import { trainingSubgraph } from '@metrology/training';
import {
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { describe, expect, it } from 'vitest';

const PLAN = '129/KH-UBND';

/** Values for the required arguments of covered root fields; a new required argument must be given one here. */
const SAMPLE_ARGUMENTS: Record<string, string> = { code: JSON.stringify(PLAN), year: '2026' };

/** Every field below `type`, recursively, required arguments given sample values (a type is not entered twice on one path). */
function selectAll(type: GraphQLNamedType, path: ReadonlySet<string> = new Set()): string {
  if (isUnionType(type)) {
    return `{ __typename ${type
      .getTypes()
      .map((member) => `... on ${member.name} ${selectAll(member, path)}`)
      .join(' ')} }`;
  }
  if (!isObjectType(type) && !isInterfaceType(type)) return '';
  if (path.has(type.name)) return '{ __typename }';
  const inner = new Set(path).add(type.name);
  const fields = Object.values(type.getFields() as Record<string, GraphQLField<unknown, unknown>>).map(
    (field) => `${field.name}${argumentsOf(field, `${type.name}.${field.name}`)} ${selectAll(getNamedType(field.type), inner)}`,
  );
  return `{ __typename ${fields.join(' ')} }`;
}

function argumentsOf(field: GraphQLField<unknown, unknown>, coordinate: string): string {
  const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  if (required.length === 0) return '';
  const values = required.map((arg) => {
    const value = SAMPLE_ARGUMENTS[arg.name];
    if (value === undefined) throw new Error(`no sample value for the argument ${arg.name} of ${coordinate}`);
    return `${arg.name}: ${value}`;
  });
  return `(${values.join(', ')})`;
}

/**
 * One query per covered coordinate: a root field, or a field of the plan
 * (the entity the coverage is about) through `plan(code:)` where the subgraph has it, else as an
 * entity reference through `_entities`.
 */
function queriesOf(schema: GraphQLSchema, definition: SubgraphDefinition): [string, string][] {
  const queries: [string, string][] = [];
  const hasPlanQuery = !!schema.getQueryType()?.getFields().plan;
  for (const coordinate of Object.keys(definition.revisionCoverage ?? {})) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    if (coordinate === 'Query._entities') {
      // Resolving a plan's reference (the only entity coverage is about).
      queries.push([
        coordinate,
        `{ _entities(representations: [{ __typename: "Plan", code: ${JSON.stringify(PLAN)} }]) { __typename } }`,
      ]);
      continue;
    }
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${coordinate}: not a field of an object type`);
    const field = type.getFields()[fieldName];
    if (!field) throw new Error(`${coordinate}: no such field`);
    // A `field` entry covers the field itself (what is below is checked by its own entries); a `subtree`, all below it.
    const below =
      definition.revisionCoverage?.[coordinate] === 'subtree' ? selectAll(getNamedType(field.type)) : '{ __typename }';
    const selection = `${fieldName}${argumentsOf(field, coordinate)} ${below}`;
    if (typeName === 'Query') queries.push([coordinate, `{ ${selection} }`]);
    else if (typeName !== 'Plan')
      throw new Error(`${coordinate}: only root and Plan fields are covered; teach this test the new type`);
    else if (hasPlanQuery) queries.push([coordinate, `{ plan(code: ${JSON.stringify(PLAN)}) { ${selection} } }`]);
    else {
      queries.push([
        coordinate,
        `{ _entities(representations: [{ __typename: "Plan", code: ${JSON.stringify(PLAN)} }]) { ... on Plan { ${selection} } } }`,
      ]);
    }
  }
  return queries;
}

/** The tables of the database, and those whose changes raise the data revision. */
async function tablesOf(subgraph: TestSubgraph): Promise<{ all: Set<string>; watched: Set<string> }> {
  const em = subgraph.database.orm.em.fork();
  const all = (await em.execute(`select tablename as name from pg_tables where schemaname = current_schema()`)) as {
    name: string;
  }[];
  const watched = (await em.execute(
    `select distinct c.relname as name from pg_trigger t
     join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
     where p.proname = 'raise_data_revision' and not t.tgisinternal`,
  )) as { name: string }[];
  return { all: new Set(all.map((row) => row.name)), watched: new Set([...watched.map((row) => row.name), 'data_revision']) };
}

/**
 * The tables each covered coordinate's statements read (named after `from` or `join`, in the
 * statement or any of its subqueries and common table expressions) that the revision does not
 * watch. The subgraphs' SQL never lists tables with commas.
 */
async function uncoveredReads(
  subgraph: TestSubgraph,
  statements: StatementCounter,
  queries: [string, string][],
): Promise<Record<string, string[]>> {
  const { all, watched } = await tablesOf(subgraph);
  const found: Record<string, string[]> = {};
  let recorded = 0;
  for (const [coordinate, query] of queries) {
    // A new revision: the aggregate caches compute again, so their statements run.
    await subgraph.database.orm.em.fork().execute('update data_revision set revision = revision + 1 where id = 1');
    statements.reset();
    const answer = await subgraph.execute({ query }, identityOf('admin'));
    expect(answer.errors, `${coordinate}: ${query}`).toBeUndefined();
    recorded += statements.count;
    const named = new Set(
      statements.statements.flatMap((sql) =>
        [...sql.matchAll(/\b(?:from|join)\s+(?:only\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?/gi)].map((match) => match[1] as string),
      ),
    );
    const uncovered = [...named].filter((name) => all.has(name) && !watched.has(name)).sort();
    if (uncovered.length > 0) found[coordinate] = uncovered;
  }
  // A key alone (Plan.code of an entity reference) reads nothing; the covered fields together do.
  expect(recorded, 'no statement recorded: the check would see nothing').toBeGreaterThan(0);
  return found;
}

describe('revision coverage derived from the statements each covered field runs', () => {
  for (const definition of [trainingSubgraph, labsSubgraph, fundingSubgraph]) {
    it(`${definition.name}: every table a covered field's statements read raises the data revision`, async () => {
      const statements = new StatementCounter();
      const subgraph = await startTestSubgraph(definition, { onQuery: statements.onQuery });
      try {
        const queries = queriesOf(await definition.buildSchema(), definition);
        expect(queries.length).toBeGreaterThan(0);
        expect(await uncoveredReads(subgraph, statements, queries)).toEqual({});
      } finally {
        await subgraph.stop();
      }
    });
  }

  it('names the field and the table when a covered field reads a table whose changes do not raise the revision', async () => {
    const statements = new StatementCounter();
    const subgraph = await startTestSubgraph(trainingSubgraph, { onQuery: statements.onQuery });
    try {
      // What a new field reading an unwatched table amounts to: the plan's targets no longer raise the revision.
      await subgraph.database.orm.em.fork().execute('drop trigger plan_target_data_revision on plan_target');
      const queries = queriesOf(await trainingSubgraph.buildSchema(), trainingSubgraph);
      const found = await uncoveredReads(subgraph, statements, queries);
      expect(found['Plan.trainingTargets']).toEqual(['plan_target']);
    } finally {
      await subgraph.stop();
    }
  });
});
