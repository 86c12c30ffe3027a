import { AuditEvent } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';
import { assessor, errorCode, registerLaboratory, registerOrganization, run, viewer } from './fixtures';

const PLAN = /* GraphQL */ `
  mutation($input: PlanAssuranceEngagementInput!) {
    planAssuranceEngagement(input: $input) {
      id status version services instrumentsCovered instrumentsDescription plannedStart plannedEnd
      enterprise { taxCode } provider { id }
    }
  }
`;
const MOVE = /* GraphQL */ `
  mutation($input: ChangeAssuranceEngagementStatusInput!) {
    changeAssuranceEngagementStatus(input: $input) { id status version startedOn completedOn cancelledOn cancellationReason }
  }
`;
const BY_OWNERSHIP = /* GraphQL */ `
  query($asOf: LocalDate, $from: LocalDate) { assuranceEngagementsByOwnership(asOf: $asOf, from: $from) { ownership completed } }
`;

interface EngagementData {
  id: string;
  status: string;
  version: number;
  completedOn?: string | null;
}

describe('labs subgraph: Measurement Assurance Programme engagements', () => {
  let subgraph: TestSubgraph;
  let providerId: string;
  let privateTaxCode: string;
  let stateTaxCode: string;

  const input = (overrides: Record<string, unknown> = {}) => ({
    enterpriseTaxCode: privateTaxCode,
    providerLaboratoryId: providerId,
    services: ['CALIBRATION', 'VERIFICATION'],
    instrumentsCovered: 12,
    instrumentsDescription: 'Cân bàn điện tử, đồng hồ áp suất',
    plannedStart: '2024-03-01',
    plannedEnd: '2024-04-30',
    ...overrides,
  });
  const plan = async (overrides: Record<string, unknown> = {}) =>
    (await run<{ planAssuranceEngagement: EngagementData }>(subgraph, PLAN, { input: input(overrides) })).planAssuranceEngagement;
  const move = (engagement: { id: string; version: number }, status: string, extra: Record<string, unknown> = {}) =>
    subgraph.execute<{ changeAssuranceEngagementStatus: EngagementData }>(
      { query: MOVE, variables: { input: { id: engagement.id, version: engagement.version, status, ...extra } } },
      assessor,
    );
  const complete = async (overrides: Record<string, unknown>, startedOn: string, completedOn: string) => {
    const planned = await plan(overrides);
    const started = (await move(planned, 'IN_PROGRESS', { on: startedOn })).data
      ?.changeAssuranceEngagementStatus as EngagementData;
    return (await move(started, 'COMPLETED', { on: completedOn })).data?.changeAssuranceEngagementStatus as EngagementData;
  };

  beforeAll(async () => {
    subgraph = await startTestSubgraph(labsSubgraph);
    const providerOrganization = await registerOrganization(subgraph, { kind: 'SERVICE_PROVIDER', ownership: 'STATE' });
    providerId = (await registerLaboratory(subgraph, providerOrganization.taxCode)).id;
    privateTaxCode = (await registerOrganization(subgraph, { ownership: 'PRIVATE' })).taxCode;
    stateTaxCode = (
      await registerOrganization(subgraph, { ownership: 'STATE', name: 'Công ty TNHH MTV Xuất nhập khẩu Lạng Sơn' })
    ).taxCode;
  });
  afterAll(() => subgraph?.stop());

  it('plans an engagement (PLANNED) for a registered enterprise with a provider laboratory', async () => {
    const result = await subgraph.execute({ query: PLAN, variables: { input: input() } }, assessor);
    expect(result.errors).toBeUndefined();
    expect(result.data?.planAssuranceEngagement).toMatchObject({
      status: 'PLANNED',
      version: 1,
      services: ['CALIBRATION', 'VERIFICATION'],
      instrumentsCovered: 12,
      enterprise: { taxCode: privateTaxCode },
      provider: { id: providerId },
    });
  });

  it.each([
    ['an enterprise that is not registered', { enterpriseTaxCode: '4999999996' }, 'NOT_FOUND', 'enterpriseTaxCode'],
    ['a malformed enterprise tax code', { enterpriseTaxCode: '123' }, 'BAD_USER_INPUT', 'enterpriseTaxCode'],
    [
      'an unknown provider laboratory',
      { providerLaboratoryId: '00000000-0000-4000-8000-000000000000' },
      'NOT_FOUND',
      'providerLaboratoryId',
    ],
    ['no service', { services: [] }, 'BAD_USER_INPUT', 'services'],
    ['a negative number of instruments', { instrumentsCovered: -1 }, 'BAD_USER_INPUT', 'instrumentsCovered'],
    ['a planned end before the start', { plannedEnd: '2024-02-01' }, 'BAD_USER_INPUT', 'plannedEnd'],
  ])('refuses %s', async (_name, overrides, code, field) => {
    const result = await subgraph.execute({ query: PLAN, variables: { input: input(overrides) } }, assessor);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
  });

  it('moves PLANNED → IN_PROGRESS → COMPLETED, setting the dates, and audits each move', async () => {
    const planned = await plan();
    const started = await move(planned, 'IN_PROGRESS', { on: '2024-03-04' });
    expect(started.data?.changeAssuranceEngagementStatus).toMatchObject({
      status: 'IN_PROGRESS',
      startedOn: '2024-03-04',
      completedOn: null,
      version: 2,
    });
    const completed = await move({ id: planned.id, version: 2 }, 'COMPLETED', { on: '2024-04-20' });
    expect(completed.data?.changeAssuranceEngagementStatus).toMatchObject({
      status: 'COMPLETED',
      completedOn: '2024-04-20',
      version: 3,
    });
    const events = await subgraph.database.orm.em
      .fork()
      .find(AuditEvent, { entityType: 'AssuranceEngagement', entityId: planned.id }, { orderBy: { id: 'asc' } });
    expect(events.map((event) => [event.action, event.changes?.to ?? null])).toEqual([
      ['PLAN', null],
      ['STATUS', 'IN_PROGRESS'],
      ['STATUS', 'COMPLETED'],
    ]);
  });

  it.each([
    ['PLANNED', 'COMPLETED'],
    ['PLANNED', 'PLANNED'],
    ['COMPLETED', 'IN_PROGRESS'],
    ['COMPLETED', 'CANCELLED'],
    ['CANCELLED', 'IN_PROGRESS'],
  ])('refuses the illegal transition %s → %s with CONFLICT, changing nothing', async (from, to) => {
    let engagement: EngagementData = await plan();
    if (from === 'COMPLETED') engagement = await complete({}, '2024-03-02', '2024-03-20');
    if (from === 'CANCELLED') {
      engagement = (await move(engagement, 'CANCELLED', { reason: 'Doanh nghiệp rút đăng ký' })).data
        ?.changeAssuranceEngagementStatus as EngagementData;
    }
    const result = await move(engagement, to);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', from, to });
    const stored = await run<{ assuranceEngagement: EngagementData }>(
      subgraph,
      `query($id: ID!) { assuranceEngagement(id: $id) { id status version } }`,
      { id: engagement.id },
      viewer,
    );
    expect(stored.assuranceEngagement).toEqual({ id: engagement.id, status: from, version: engagement.version });
  });

  it('cancels a planned engagement with its date and reason', async () => {
    const planned = await plan();
    const result = await move(planned, 'CANCELLED', { on: '2024-02-20', reason: 'Doanh nghiệp hoãn' });
    expect(result.data?.changeAssuranceEngagementStatus).toMatchObject({
      status: 'CANCELLED',
      cancelledOn: '2024-02-20',
      cancellationReason: 'Doanh nghiệp hoãn',
      completedOn: null,
    });
  });

  it('refuses a completion dated before the start, or in the future, with BAD_USER_INPUT', async () => {
    const planned = await plan();
    const started = (await move(planned, 'IN_PROGRESS', { on: '2024-03-10' })).data
      ?.changeAssuranceEngagementStatus as EngagementData;
    expect((await move(started, 'COMPLETED', { on: '2024-03-09' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'on',
    });
    expect((await move(started, 'COMPLETED', { on: '2999-01-01' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'on',
    });
  });

  it('refuses a status change or an update based on a stale version with CONFLICT', async () => {
    const planned = await plan();
    await move(planned, 'IN_PROGRESS', { on: '2024-03-05' });
    const stale = await move(planned, 'CANCELLED');
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const update = await subgraph.execute(
      {
        query: `mutation($input: UpdateAssuranceEngagementInput!) { updateAssuranceEngagement(input: $input) { id } }`,
        variables: { input: { id: planned.id, version: 1, instrumentsCovered: 20 } },
      },
      assessor,
    );
    expect(update.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('refuses to change a completed engagement with CONFLICT', async () => {
    const completed = await complete({}, '2024-05-01', '2024-05-02');
    const update = await subgraph.execute(
      {
        query: `mutation($input: UpdateAssuranceEngagementInput!) { updateAssuranceEngagement(input: $input) { id } }`,
        variables: { input: { id: completed.id, version: completed.version, instrumentsCovered: 20 } },
      },
      assessor,
    );
    expect(update.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'COMPLETED' });
  });

  it('counts completed engagements per ownership of the enterprise up to a date, every ownership listed', async () => {
    const base = await run<{ assuranceEngagementsByOwnership: { ownership: string; completed: number }[] }>(
      subgraph,
      BY_OWNERSHIP,
      { asOf: '2023-12-31' },
      identityOf('viewer'),
    );
    expect(base.assuranceEngagementsByOwnership).toEqual([
      { ownership: 'STATE', completed: 0 },
      { ownership: 'PRIVATE', completed: 0 },
      { ownership: 'FOREIGN_INVESTED', completed: 0 },
      { ownership: 'COLLECTIVE', completed: 0 },
    ]);
    await complete({ enterpriseTaxCode: stateTaxCode }, '2023-06-01', '2023-06-10');
    await complete({ enterpriseTaxCode: privateTaxCode }, '2023-08-01', '2023-08-15');
    await complete({ enterpriseTaxCode: privateTaxCode }, '2023-09-01', '2024-01-15');
    const atYearEnd = await run<{ assuranceEngagementsByOwnership: { ownership: string; completed: number }[] }>(
      subgraph,
      BY_OWNERSHIP,
      { asOf: '2023-12-31' },
      viewer,
    );
    expect(atYearEnd.assuranceEngagementsByOwnership.filter((row) => row.completed > 0)).toEqual([
      { ownership: 'STATE', completed: 1 },
      { ownership: 'PRIVATE', completed: 1 },
    ]);
    const within = await run<{ assuranceEngagementsByOwnership: { ownership: string; completed: number }[] }>(
      subgraph,
      BY_OWNERSHIP,
      { from: '2023-07-01', asOf: '2023-12-31' },
      viewer,
    );
    expect(within.assuranceEngagementsByOwnership.filter((row) => row.completed > 0)).toEqual([
      { ownership: 'PRIVATE', completed: 1 },
    ]);
  });

  it("shows an enterprise's engagements on the organisation", async () => {
    const enterprise = await registerOrganization(subgraph, { ownership: 'COLLECTIVE' });
    const engagement = await plan({ enterpriseTaxCode: enterprise.taxCode });
    const data = await run<{ organization: { assuranceEngagements: { id: string }[] } }>(
      subgraph,
      `query($t: ID!) { organization(taxCode: $t) { assuranceEngagements { id } } }`,
      { t: enterprise.taxCode },
      viewer,
    );
    expect(data.organization.assuranceEngagements).toEqual([{ id: engagement.id }]);
  });

  it('resolves AssuranceEngagement entities by id (_entities); an unknown id gives null', async () => {
    const engagement = await plan();
    const result = await subgraph.execute(
      {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on AssuranceEngagement { id status enterprise { taxCode } } } }`,
        variables: {
          r: [
            { __typename: 'AssuranceEngagement', id: engagement.id },
            { __typename: 'AssuranceEngagement', id: '00000000-0000-4000-8000-000000000000' },
          ],
        },
      },
      viewer,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: engagement.id, status: 'PLANNED', enterprise: { taxCode: privateTaxCode } },
      null,
    ]);
  });

  it('lets viewers read the aggregate but not plan engagements (FORBIDDEN); anonymous callers get nothing', async () => {
    expect(errorCode(await subgraph.execute({ query: PLAN, variables: { input: input() } }, viewer))).toBe('FORBIDDEN');
    expect(errorCode(await subgraph.execute({ query: BY_OWNERSHIP, variables: {} }))).toBe('UNAUTHENTICATED');
  });
});
