/**
 * Which queries a subgraph may label with its data revision (kit `isRevisionCovered`): every
 * selected field must be covered, directly or under a covered subtree, through fragments and
 * `_entities` alike; anything else makes the answer unkeepable.
 */
import { buildSchema, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isRevisionCovered, type RevisionCoverage } from '../src/revisions';

const schema = buildSchema(/* GraphQL */ `
  type Query {
    plan(code: ID!): Plan
    courses: [Course!]!
    _entities(representations: [String!]!): [_Entity]!
  }
  union _Entity = Plan | Course
  type Plan {
    code: ID!
    indicator(year: Int!): Indicator!
    estimates: [String!]!
  }
  type Indicator {
    actual: Int!
    series: [Point!]!
  }
  type Point {
    year: Int!
    actual: Int!
  }
  type Course {
    code: ID!
  }
`);

const COVERAGE: RevisionCoverage = {
  'Query.plan': 'field',
  'Query._entities': 'field',
  'Plan.code': 'subtree',
  'Plan.indicator': 'subtree',
};

function covered(source: string): boolean {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition) => definition.kind === 'OperationDefinition',
  ) as OperationDefinitionNode;
  return isRevisionCovered(schema, document, operation, COVERAGE);
}

describe('isRevisionCovered', () => {
  it('accepts a query of covered fields, with everything under a covered subtree', () => {
    expect(covered('{ plan(code: "1") { code __typename indicator(year: 2026) { actual series { year actual } } } }')).toBe(true);
  });

  it('accepts covered fields through named and inline fragments and _entities', () => {
    expect(
      covered(`query Q { plan(code: "1") { ...P } }
        fragment P on Plan { code ... on Plan { indicator(year: 1) { actual } } }`),
    ).toBe(true);
    expect(covered('{ _entities(representations: ["x"]) { ... on Plan { indicator(year: 1) { actual } } } }')).toBe(true);
  });

  it('refuses a query that selects any uncovered field, however deep or wherever it is spread', () => {
    expect(covered('{ plan(code: "1") { code estimates } }')).toBe(false);
    expect(covered('{ plan(code: "1") { code } courses { code } }')).toBe(false);
    expect(covered('query Q { plan(code: "1") { ...P } } fragment P on Plan { estimates }')).toBe(false);
    expect(covered('{ _entities(representations: ["x"]) { ... on Course { code } } }')).toBe(false);
    expect(covered('query Q { plan(code: "1") { ...Missing } }')).toBe(false);
  });

  it('refuses mutations', () => {
    expect(covered('mutation { plan(code: "1") { code } }')).toBe(false);
  });
});
