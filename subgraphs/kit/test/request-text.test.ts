import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { requestTextRefusals } from '../src/input/request';

const schema = buildSchema(`
  input Assessor { name: String! role: String }
  input CreateInput { title: String! assessors: [Assessor!] tags: [String!] }
  type Query { search(text: String, id: ID): Int }
  type Mutation { create(input: CreateInput!, note: String): Int }
`);

const refusals = (query: string, variables?: Record<string, unknown>) => requestTextRefusals(schema, parse(query), variables);

describe('strings of a request that no field accepts', () => {
  it('names a plain argument by its name, in literals and in variables', () => {
    expect(refusals('{ search(text: "a\\u0000b") }')).toEqual([{ field: 'text', reason: 'CONTROL_CHARACTER' }]);
    expect(refusals('query($t: String, $i: ID) { search(text: $t, id: $i) }', { t: 'ok', i: 'x\u202Ey' })).toEqual([
      { field: 'id', reason: 'BIDI_CONTROL' },
    ]);
  });

  it('names a value inside an input-object argument by its path, through lists and nested variables', () => {
    const query = 'mutation($n: String!) { create(input: { title: "t", assessors: [{ name: "A" }, { name: $n }] }) }';
    expect(refusals(query, { n: 'La\u200Dn' })).toEqual([{ field: 'assessors[1].name', reason: 'INVISIBLE_CHARACTER' }]);
    expect(
      refusals('mutation($i: CreateInput!) { create(input: $i, note: "x") }', {
        i: { title: 'Lan\uD800', tags: ['ok', 'b\u0007'] },
      }),
    ).toEqual([
      { field: 'title', reason: 'LONE_SURROGATE' },
      { field: 'tags[1]', reason: 'CONTROL_CHARACTER' },
    ]);
  });

  it('finds arguments inside fragments', () => {
    expect(refusals('query { ...F } fragment F on Query { search(text: "\\u202E") }')).toEqual([
      { field: 'text', reason: 'BIDI_CONTROL' },
    ]);
  });

  it('lets through what some kind of text accepts: line feeds, tabs, a leading byte order mark, SQL and wildcards', () => {
    expect(
      refusals('mutation($n: String) { create(input: { title: "\\uFEFFa\\r\\nb\\tc" }, note: $n) }', {
        n: "'; DROP TABLE x; -- %_\\",
      }),
    ).toEqual([]);
  });
});
