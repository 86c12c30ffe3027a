import { accessDrift } from '@metrology/kit';
import { startTestSubgraph, sweepAccessMatrix, type TestSubgraph } from '@metrology/kit/testing';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';
import { ACCESS } from '../src/access';

describe('labs role matrix (docs/ROLES.md)', () => {
  let subgraph: TestSubgraph;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await labsSubgraph.buildSchema();
    subgraph = await startTestSubgraph(labsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('lists every query and mutation of the schema, and nothing else', () => {
    expect(accessDrift(schema, ACCESS)).toEqual({ unlisted: [], unknown: [] });
  });

  it('every operation as every role and anonymously: refused by the role gate exactly outside the matrix', async () => {
    const { calls, violations } = await sweepAccessMatrix(schema, ACCESS, (operation, identity) =>
      subgraph.execute(operation, identity),
    );
    expect(calls).toBe((Object.keys(ACCESS.Query).length + Object.keys(ACCESS.Mutation).length) * 7);
    expect(violations).toEqual([]);
  });
});
