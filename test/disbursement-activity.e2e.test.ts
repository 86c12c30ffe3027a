/**
 * A disbursement links only to an activity that exists (docs/ARCHITECTURE.md, "Links to another
 * subgraph's entities"): funding asks the owner (training for a course, labs for the rest) with a
 * signed `_entities` query as its service identity when the payment is written. Unknown: NOT_FOUND
 * on `activity.id`; owner down: SERVICE_UNAVAILABLE; in both cases nothing is written.
 */
import { EXISTENCE_QUERY, serviceIdentity } from '@metrology/kit';
import type { Role } from '@metrology/kit/identity';
import { postSigned, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type GraphQLResponse, type Stack, startStack } from './harness';

const PLAN = '129/KH-UBND';
const CENTRE = '4900123456';
const RANDOM_IDS = {
  COURSE: '6f1c2d3e-4a5b-4c6d-8e7f-112233445566',
  LABORATORY: '7a1c2d3e-4a5b-4c6d-8e7f-112233445566',
  MEASUREMENT_STANDARD: '8b1c2d3e-4a5b-4c6d-8e7f-112233445566',
  ASSURANCE_ENGAGEMENT: '9c1c2d3e-4a5b-4c6d-8e7f-112233445566',
};

const CREATE_LINE = /* GraphQL */ `
  mutation ($input: CreateBudgetLineInput!) { createBudgetLine(input: $input) { id } }
`;
const RECORD_ALLOCATION = /* GraphQL */ `
  mutation ($input: RecordAllocationInput!) { recordAllocation(input: $input) { id } }
`;
const RECORD_DISBURSEMENT = /* GraphQL */ `
  mutation ($input: RecordDisbursementInput!) {
    recordDisbursement(input: $input) { id activityKind activity { __typename ... on Course { id code } ... on Laboratory { id code } } }
  }
`;
const CREATE_COURSE = /* GraphQL */ `
  mutation ($input: CourseInput!) { createCourse(input: $input) { id } }
`;
const REGISTER_ORGANIZATION = /* GraphQL */ `
  mutation ($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { taxCode } }
`;
const REGISTER_LABORATORY = /* GraphQL */ `
  mutation ($input: RegisterLaboratoryInput!) { registerLaboratory(input: $input) { id } }
`;

/** What these tests use of a stack, with or without training. */
type FundingStack = Pick<Stack, 'execute'> & { subgraphs: { funding: TestSubgraph } };

/** A line of 2026 with money allocated to it, ready to pay from. */
async function fundedLine(stack: FundingStack): Promise<string> {
  const finance = { role: 'finance' as Role };
  const line = await stack.execute<{ createBudgetLine: { id: string } }>(
    {
      query: CREATE_LINE,
      variables: { input: { planCode: PLAN, source: 'SCIENCE_OPERATING', taskGroup: 3, year: 2026, plannedAmount: '500000000' } },
    },
    finance,
  );
  const lineId = line.data?.createBudgetLine.id ?? '';
  await stack.execute(
    {
      query: RECORD_ALLOCATION,
      variables: { input: { lineId, decisionNumber: 'QĐ-ACT-1', decisionDate: '2026-02-01', amount: '400000000' } },
    },
    finance,
  );
  return lineId;
}

let voucher = 0;
function payment(lineId: string, activity: { kind: string; id: string }) {
  return {
    query: RECORD_DISBURSEMENT,
    variables: {
      input: {
        lineId,
        voucherNumber: `PC-ACT-${++voucher}`,
        date: '2026-03-01',
        amount: '1000000',
        payeeTaxCode: CENTRE,
        purpose: 'Chi cho hoạt động',
        activity,
      },
    },
  };
}

async function disbursementCount(stack: FundingStack): Promise<number> {
  const [row] = await stack.subgraphs.funding.database.orm.em
    .fork()
    .execute<{ count: number }[]>('select count(*)::int as count from disbursement');
  return row.count;
}

describe('a disbursement names an activity that exists, as its owner says', () => {
  let stack: Stack;
  let lineId = '';
  let courseId = '';
  let laboratoryId = '';

  async function data<T>(operation: { query: string; variables: Record<string, unknown> }, role: Role): Promise<T> {
    const result = await stack.execute<T>(operation, { role });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as T;
  }

  beforeAll(async () => {
    stack = await startStack();
    lineId = await fundedLine(stack);
    courseId = (
      await data<{ createCourse: { id: string } }>(
        {
          query: CREATE_COURSE,
          variables: {
            input: {
              code: 'KDV-ACT-01',
              title: 'Bồi dưỡng kiểm định viên',
              kind: 'VERIFIER_TRAINING',
              field: 'MASS',
              venue: 'Lạng Sơn',
              startDate: '2026-03-09',
              endDate: '2026-03-13',
              plannedHours: 40,
              capacity: 30,
              planCode: PLAN,
            },
          },
        },
        'admin',
      )
    ).createCourse.id;
    await data(
      {
        query: REGISTER_ORGANIZATION,
        variables: {
          input: { taxCode: CENTRE, name: 'Trung tâm Kỹ thuật', kind: 'SERVICE_PROVIDER', ownership: 'STATE', sector: 'OTHER' },
        },
      },
      'assessor',
    );
    laboratoryId = (
      await data<{ registerLaboratory: { id: string } }>(
        {
          query: REGISTER_LABORATORY,
          variables: {
            input: {
              code: 'PTN-ACT-01',
              name: 'Phòng thí nghiệm',
              organizationTaxCode: CENTRE,
              fields: ['MASS'],
              services: ['CALIBRATION'],
            },
          },
        },
        'assessor',
      )
    ).registerLaboratory.id;
  });
  afterAll(() => stack?.stop());

  it('accepts an existing course and an existing laboratory, and reads each back resolved by its owner', async () => {
    const course = await data<{ recordDisbursement: Record<string, unknown> }>(
      payment(lineId, { kind: 'COURSE', id: courseId }),
      'finance',
    );
    expect(course.recordDisbursement).toMatchObject({
      activityKind: 'COURSE',
      activity: { __typename: 'Course', id: courseId, code: 'KDV-ACT-01' },
    });
    const laboratory = await data<{ recordDisbursement: Record<string, unknown> }>(
      payment(lineId, { kind: 'LABORATORY', id: laboratoryId }),
      'finance',
    );
    expect(laboratory.recordDisbursement).toMatchObject({
      activityKind: 'LABORATORY',
      activity: { __typename: 'Laboratory', id: laboratoryId, code: 'PTN-ACT-01' },
    });
  });

  it('refuses a random id of every kind with NOT_FOUND on activity.id, writing nothing', async () => {
    const before = await disbursementCount(stack);
    for (const [kind, id] of Object.entries(RANDOM_IDS)) {
      const result = await stack.execute(payment(lineId, { kind, id }), { role: 'finance' });
      expect(result.data ?? null, kind).toBeNull();
      expect(result.errors?.[0]?.extensions, kind).toMatchObject({ code: 'NOT_FOUND', field: 'activity.id', key: id });
    }
    // A course id given as a laboratory names no laboratory.
    const crossed = await stack.execute(payment(lineId, { kind: 'LABORATORY', id: courseId }), { role: 'finance' });
    expect(crossed.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'activity.id' });
    expect(await disbursementCount(stack)).toBe(before);
  });

  it('grants funding’s service identity existence only: the existence query answers, any other query is refused', async () => {
    const secret = stack.gatewayConfig.gatewaySecret;
    const identity = serviceIdentity('funding');
    const exists: GraphQLResponse<{ _entities: unknown[] }> = await postSigned(
      stack.subgraphs.training.url,
      { query: EXISTENCE_QUERY, variables: { representations: [{ __typename: 'Course', id: courseId }] } },
      identity,
      secret,
    );
    expect(exists.data?._entities).toEqual([{ __typename: 'Course' }]);
    const refusedQueries = [
      {
        url: stack.subgraphs.training.url,
        query:
          'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Course { title venue } } }',
        representations: [{ __typename: 'Course', id: courseId }],
      },
      { url: stack.subgraphs.training.url, query: '{ courses { items { id title } } }', representations: [] },
      {
        url: stack.subgraphs.labs.url,
        query:
          'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Laboratory { name } } }',
        representations: [{ __typename: 'Laboratory', id: laboratoryId }],
      },
    ];
    for (const { url, query, representations } of refusedQueries) {
      const refused = await postSigned(url, { query, variables: { representations } }, identity, secret);
      expect(refused.status, query).toBe(403);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('a disbursement naming an activity whose owner is down', () => {
  let stack: Stack<'training'>;

  beforeAll(async () => {
    // Nothing listens on this port: training is down for funding and the gateway alike.
    stack = await startStack({ external: { training: `http://127.0.0.1:${await freePort()}/graphql` } });
  });
  afterAll(() => stack?.stop());

  it('is refused with SERVICE_UNAVAILABLE naming training, and nothing is written', async () => {
    const lineId = await fundedLine(stack);
    const result = await stack.execute(payment(lineId, { kind: 'COURSE', id: RANDOM_IDS.COURSE }), { role: 'finance' });
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'training' });
    expect(await disbursementCount(stack)).toBe(0);
  });
});
