import { randomUUID } from 'node:crypto';
import { accessDrift } from '@metrology/kit';
import {
  type Operation,
  startTestSubgraph,
  sweepAccessMatrix,
  sweepFieldAccess,
  type TestSubgraph,
} from '@metrology/kit/testing';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundingSubgraph } from '../src';
import { ACCESS } from '../src/access';

describe('funding role matrix (docs/ROLES.md)', () => {
  let subgraph: TestSubgraph;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await fundingSubgraph.buildSchema();
    subgraph = await startTestSubgraph(fundingSubgraph);
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

  it('every role-restricted field of an entity as every role and anonymously, reached by a reference', async () => {
    const entity = (typeName: string, key: Record<string, string>, selection: string): Operation => ({
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${selection} } } }`,
      variables: { r: [{ __typename: typeName, ...key }] },
    });
    const activity = (typeName: string) => entity(typeName, { id: randomUUID() }, 'moneySpent');
    const plan = { code: '129/KH-UBND' };
    const reach: Record<string, Operation> = {
      'AssuranceEngagement.moneySpent': activity('AssuranceEngagement'),
      'Course.moneySpent': activity('Course'),
      'Laboratory.moneySpent': activity('Laboratory'),
      'MeasurementStandard.moneySpent': activity('MeasurementStandard'),
      'Organization.contributions': entity('Organization', { taxCode: '0100109106' }, 'contributions'),
      'Organization.paymentsReceived': entity('Organization', { taxCode: '0100109106' }, 'paymentsReceived'),
      'Plan.annualReportUrl': entity('Plan', plan, 'annualReportUrl(year: 2026)'),
      'Plan.budgetSummary': entity('Plan', plan, 'budgetSummary(asOf: "2026-06-30") { __typename }'),
    };
    expect(Object.keys(reach).sort()).toEqual(Object.keys(ACCESS.fields).sort());
    const { calls, violations } = await sweepFieldAccess(ACCESS, reach, (operation, identity) =>
      subgraph.execute(operation, identity),
    );
    expect(calls).toBe(Object.keys(ACCESS.fields).length * 7);
    expect(violations).toEqual([]);
  });
});
