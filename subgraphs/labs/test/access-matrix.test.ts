import { accessDrift } from '@metrology/kit';
import {
  identityOf,
  type Operation,
  startTestSubgraph,
  sweepAccessMatrix,
  sweepFieldAccess,
  type TestSubgraph,
} from '@metrology/kit/testing';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';
import { ACCESS } from '../src/access';
import { admin, registerLaboratory, registerOrganization, run } from './fixtures';

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

  /** A laboratory with a recognition from a decided assessment, and its organisation. */
  async function recognisedLaboratory(): Promise<{ laboratoryId: string; taxCode: string }> {
    const set = {
      code: 'TEST-ACCESS',
      version: 1,
      title: 'Bộ tiêu chí thử phân quyền',
      effectiveDate: '2020-01-01',
      passThreshold: 1,
      criteria: [{ code: 'A', group: 'Chung', title: 'Pháp lý', maxScore: 5, mandatory: true }],
    };
    await run(subgraph, `mutation($c: String!) { importCriteriaSet(format: JSON, content: $c) { id } }`, {
      c: JSON.stringify(set),
    });
    const organization = await registerOrganization(subgraph, { kind: 'SERVICE_PROVIDER', ownership: 'STATE' });
    const laboratoryId = (await registerLaboratory(subgraph, organization.taxCode)).id;
    const scorer = identityOf('assessor', 'access-scorer');
    type Step = { id: string; version: number };
    const draft = (
      await run<{ createAssessment: Step }>(
        subgraph,
        `mutation($input: CreateAssessmentInput!) { createAssessment(input: $input) { id version } }`,
        {
          input: {
            laboratoryId,
            criteriaSetCode: set.code,
            criteriaSetVersion: 1,
            kind: 'INITIAL',
            startDate: '2025-03-01',
            assessors: [{ subject: scorer.subject, name: 'Chuyên gia' }],
          },
        },
        scorer,
      )
    ).createAssessment;
    const scored = (
      await run<{ recordAssessmentScores: Step }>(
        subgraph,
        `mutation($input: RecordAssessmentScoresInput!) { recordAssessmentScores(input: $input) { id version } }`,
        { input: { assessmentId: draft.id, version: draft.version, scores: [{ criterionCode: 'A', score: 5 }] } },
        scorer,
      )
    ).recordAssessmentScores;
    const submitted = (
      await run<{ submitAssessment: Step }>(
        subgraph,
        `mutation($id: ID!, $version: Int!) { submitAssessment(id: $id, version: $version) { id version } }`,
        { id: scored.id, version: scored.version },
        scorer,
      )
    ).submitAssessment;
    await run(
      subgraph,
      `mutation($input: DecideAssessmentInput!) { decideAssessment(input: $input) { id } }`,
      { input: { id: submitted.id, version: submitted.version, decidedOn: '2025-03-10' } },
      admin,
    );
    return { laboratoryId, taxCode: organization.taxCode };
  }

  it('every role-restricted field of an entity as every role and anonymously, reached by a reference', async () => {
    const { laboratoryId, taxCode } = await recognisedLaboratory();
    const entity = (typeName: string, key: Record<string, string>, selection: string): Operation => ({
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${selection} } } }`,
      variables: { r: [{ __typename: typeName, ...key }] },
    });
    const laboratory = { id: laboratoryId };
    const organization = { taxCode };
    const reach: Record<string, Operation> = {
      'Laboratory.assessments': entity('Laboratory', laboratory, 'assessments { id }'),
      'Laboratory.recognitions': entity('Laboratory', laboratory, 'recognitions { id }'),
      'Organization.assuranceEngagements': entity('Organization', organization, 'assuranceEngagements { id }'),
      'Organization.laboratories': entity('Organization', organization, 'laboratories { id }'),
      'Organization.measurementStandards': entity('Organization', organization, 'measurementStandards { id }'),
      // A recognition is no entity: reached through its laboratory (open to the same roles and more).
      'Recognition.assessment': entity('Laboratory', laboratory, 'recognitions { assessment { id } }'),
    };
    expect(Object.keys(reach).sort()).toEqual(Object.keys(ACCESS.fields).sort());
    const { calls, violations } = await sweepFieldAccess(ACCESS, reach, (operation, identity) =>
      subgraph.execute(operation, identity),
    );
    expect(calls).toBe(Object.keys(ACCESS.fields).length * 7);
    expect(violations).toEqual([]);
  });
});
