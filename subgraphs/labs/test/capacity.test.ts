import { startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';
import { assessor, errorCode, registerOrganization, run, viewer } from './fixtures';

const REGISTER = /* GraphQL */ `
  mutation($input: RegisterCapacityProjectInput!) {
    registerCapacityProject(input: $input) { id title raised year completed completedOn version organization { taxCode } }
  }
`;
const COMPLETE = /* GraphQL */ `
  mutation($input: CompleteCapacityProjectInput!) { completeCapacityProject(input: $input) { id completed completedOn version } }
`;

describe('labs subgraph: capacity projects (plan II.2.a)', () => {
  let subgraph: TestSubgraph;
  let taxCode: string;

  const input = (overrides: Record<string, unknown> = {}) => ({
    organizationTaxCode: taxCode,
    title: 'Đầu tư chuẩn áp suất và đào tạo kiểm định viên',
    raised: ['EQUIPMENT', 'STAFF', 'EQUIPMENT'],
    year: 2024,
    ...overrides,
  });

  beforeAll(async () => {
    subgraph = await startTestSubgraph(labsSubgraph);
    taxCode = (await registerOrganization(subgraph, { kind: 'SERVICE_PROVIDER', ownership: 'STATE' })).taxCode;
  });
  afterAll(() => subgraph?.stop());

  it('registers a project not yet completed, with what it raises (each once)', async () => {
    const result = await subgraph.execute({ query: REGISTER, variables: { input: input() } }, assessor);
    expect(result.errors).toBeUndefined();
    expect(result.data?.registerCapacityProject).toMatchObject({
      raised: ['EQUIPMENT', 'STAFF'],
      year: 2024,
      completed: false,
      completedOn: null,
      organization: { taxCode },
    });
  });

  it('completes a project once: the date is set, a second completion is CONFLICT, a stale version is CONFLICT', async () => {
    const project = (await run<{ registerCapacityProject: { id: string } }>(subgraph, REGISTER, { input: input() }))
      .registerCapacityProject;
    const done = await subgraph.execute(
      { query: COMPLETE, variables: { input: { id: project.id, version: 1, completedOn: '2024-11-30' } } },
      assessor,
    );
    expect(done.data?.completeCapacityProject).toMatchObject({ completed: true, completedOn: '2024-11-30', version: 2 });
    const again = await subgraph.execute({ query: COMPLETE, variables: { input: { id: project.id, version: 2 } } }, assessor);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', completedOn: '2024-11-30' });
    const stale = await subgraph.execute({ query: COMPLETE, variables: { input: { id: project.id, version: 1 } } }, assessor);
    expect(errorCode(stale)).toBe('CONFLICT');
  });

  it.each([
    ['nothing raised', { raised: [] }, 'BAD_USER_INPUT', 'raised'],
    ['a year out of range', { year: 1999 }, 'BAD_USER_INPUT', 'year'],
    ['a completion before the project year', { completedOn: '2023-12-31' }, 'BAD_USER_INPUT', 'completedOn'],
    ['a completion in the future', { completedOn: '2999-01-01' }, 'BAD_USER_INPUT', 'completedOn'],
    ['an unknown organisation', { organizationTaxCode: '4999999995' }, 'NOT_FOUND', 'organizationTaxCode'],
  ])('refuses %s', async (_name, overrides, code, field) => {
    const result = await subgraph.execute({ query: REGISTER, variables: { input: input(overrides) } }, assessor);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
  });

  it('lists completed and open projects separately', async () => {
    await run(subgraph, REGISTER, { input: input({ completedOn: '2024-06-01' }) });
    const completed = await run<{ capacityProjects: { items: { completed: boolean }[] } }>(
      subgraph,
      `{ capacityProjects(completed: true) { items { completed } } }`,
      {},
      viewer,
    );
    const open = await run<{ capacityProjects: { items: { completed: boolean }[] } }>(
      subgraph,
      `{ capacityProjects(completed: false) { items { completed } } }`,
      {},
      viewer,
    );
    expect(completed.capacityProjects.items.length).toBeGreaterThan(0);
    expect(completed.capacityProjects.items.every((item) => item.completed)).toBe(true);
    expect(open.capacityProjects.items.every((item) => !item.completed)).toBe(true);
  });

  it('lets a viewer read but not register (FORBIDDEN)', async () => {
    expect(errorCode(await subgraph.execute({ query: REGISTER, variables: { input: input() } }, viewer))).toBe('FORBIDDEN');
  });
});
