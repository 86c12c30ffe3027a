import { AuditEvent, MetrologyField } from '@metrology/kit';
import { identityOf, StatementCounter, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';
import { AssuranceEngagement, AssuranceService, EngagementStatus } from '../src/modules/engagement/engagement.entity';
import { Laboratory, LaboratoryService } from '../src/modules/laboratory/laboratory.entity';
import { Organization, OrganizationKind, Ownership, PrioritySector } from '../src/modules/organization/organization.entity';
import { assessor, errorCode, newTaxCode, registerLaboratory, registerOrganization, run, viewer } from './fixtures';

const REGISTER = /* GraphQL */ `
  mutation($input: RegisterOrganizationInput!) {
    registerOrganization(input: $input) { taxCode name kind ownership sector address version }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { taxCode name ownership version } }
`;
const SEARCH = /* GraphQL */ `
  query($search: String, $ownership: Ownership, $kind: OrganizationKind, $limit: Int) {
    organizations(search: $search, ownership: $ownership, kind: $kind, limit: $limit) { total items { taxCode name } }
  }
`;
const ENTITIES = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Organization { taxCode name laboratories { code } assuranceEngagements { status } }
    }
  }
`;

function input(overrides: Record<string, unknown> = {}) {
  return {
    taxCode: newTaxCode(),
    name: 'Công ty Cổ phần Cân điện tử Kỳ Lừa',
    kind: 'ENTERPRISE',
    ownership: 'PRIVATE',
    sector: 'ELECTRONICS',
    ...overrides,
  };
}

describe('labs subgraph: the register of organisations', () => {
  let subgraph: TestSubgraph;
  const counter = new StatementCounter();

  beforeAll(async () => {
    subgraph = await startTestSubgraph(labsSubgraph, { onQuery: counter.onQuery });
  });
  afterAll(() => subgraph?.stop());

  it('registers an organisation, storing a decomposed name in NFC, and audits it', async () => {
    const decomposed = 'Công ty Đo lường Đồng Đăng'.normalize('NFD');
    const taxCode = newTaxCode();
    const result = await subgraph.execute(
      { query: REGISTER, variables: { input: input({ taxCode, name: decomposed }) } },
      assessor,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.registerOrganization).toEqual({
      taxCode,
      name: 'Công ty Đo lường Đồng Đăng'.normalize('NFC'),
      kind: 'ENTERPRISE',
      ownership: 'PRIVATE',
      sector: 'ELECTRONICS',
      address: null,
      version: 1,
    });
    const events = await subgraph.database.orm.em.fork().find(AuditEvent, { entityType: 'Organization', entityId: taxCode });
    expect(events.map((event) => [event.action, event.actor])).toEqual([['REGISTER', 'test-assessor']]);
  });

  it('accepts a branch tax code (10 digits, "-", 3 digits)', async () => {
    const taxCode = `${newTaxCode()}-001`;
    const result = await subgraph.execute({ query: REGISTER, variables: { input: input({ taxCode }) } }, assessor);
    expect(result.errors).toBeUndefined();
    expect(result.data?.registerOrganization).toMatchObject({ taxCode });
  });

  it.each(['490010000', '49001000011', '490010000A', '4900100001-12', '4900100001-0001', '4900100001_001', ''])(
    'refuses the invalid tax code "%s" with BAD_USER_INPUT on taxCode, writing nothing',
    async (taxCode) => {
      const before = await subgraph.database.orm.em.fork().count(Organization, {});
      const result = await subgraph.execute({ query: REGISTER, variables: { input: input({ taxCode }) } }, assessor);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'taxCode' });
      expect(result.errors?.[0]?.message).toContain('Mã số thuế');
      expect(await subgraph.database.orm.em.fork().count(Organization, {})).toBe(before);
    },
  );

  it('refuses a second registration of the same tax code with CONFLICT', async () => {
    const existing = await registerOrganization(subgraph);
    const result = await subgraph.execute(
      { query: REGISTER, variables: { input: input({ taxCode: existing.taxCode }) } },
      assessor,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'taxCode' });
  });

  it('refuses an empty name with BAD_USER_INPUT on name', async () => {
    const result = await subgraph.execute({ query: REGISTER, variables: { input: input({ name: '   ' }) } }, assessor);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('finds organisations by name without accents or case, and by the start of the tax code', async () => {
    const target = await registerOrganization(subgraph, {
      name: 'Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Lạng Sơn',
      kind: 'SERVICE_PROVIDER',
      ownership: 'STATE',
    });
    const byName = await run<{ organizations: { total: number; items: { taxCode: string }[] } }>(subgraph, SEARCH, {
      search: 'TIEU CHUAN do luong chat luong lang son',
    });
    expect(byName.organizations.items.map((item) => item.taxCode)).toEqual([target.taxCode]);
    const byTaxCode = await run<{ organizations: { items: { taxCode: string }[] } }>(subgraph, SEARCH, {
      search: target.taxCode,
    });
    expect(byTaxCode.organizations.items.map((item) => item.taxCode)).toEqual([target.taxCode]);
    const filtered = await run<{ organizations: { items: { taxCode: string }[] } }>(subgraph, SEARCH, {
      ownership: 'STATE',
      kind: 'SERVICE_PROVIDER',
    });
    expect(filtered.organizations.items.map((item) => item.taxCode)).toContain(target.taxCode);
    const none = await run<{ organizations: { total: number } }>(subgraph, SEARCH, { search: '100%_không có' });
    expect(none.organizations.total).toBe(0);
  });

  it('answers NOT_FOUND for an unknown tax code and BAD_USER_INPUT for a malformed one', async () => {
    const query = `query($t: ID!) { organization(taxCode: $t) { name } }`;
    const unknown = await subgraph.execute({ query, variables: { t: '4999999999' } }, viewer);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    const malformed = await subgraph.execute({ query, variables: { t: 'abc' } }, viewer);
    expect(unknown.errors?.[0]?.extensions?.messageEn).toContain('4999999999');
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'taxCode' });
  });

  it('updates with the current version and refuses a second update from the same stale version with CONFLICT', async () => {
    const organization = await registerOrganization(subgraph);
    const first = await subgraph.execute(
      { query: UPDATE, variables: { input: { taxCode: organization.taxCode, version: 1, ownership: 'FOREIGN_INVESTED' } } },
      assessor,
    );
    expect(first.data?.updateOrganization).toMatchObject({ ownership: 'FOREIGN_INVESTED', version: 2 });
    const stale = await subgraph.execute(
      { query: UPDATE, variables: { input: { taxCode: organization.taxCode, version: 1, name: 'Tên khác' } } },
      assessor,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const stored = await subgraph.database.orm.em.fork().findOneOrFail(Organization, { taxCode: organization.taxCode });
    expect(stored.name).toBe(organization.name);
  });

  it('lets exactly one of two concurrent updates from the same version win; the other gets CONFLICT', async () => {
    const organization = await registerOrganization(subgraph);
    const update = (name: string) =>
      subgraph.execute({ query: UPDATE, variables: { input: { taxCode: organization.taxCode, version: 1, name } } }, assessor);
    const results = await Promise.all([update('Tên thứ nhất'), update('Tên thứ hai')]);
    const codes = results.map((result) => errorCode(result) ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const stored = await subgraph.database.orm.em.fork().findOneOrFail(Organization, { taxCode: organization.taxCode });
    expect(stored.version).toBe(2);
  });

  it('lets only assessors and administrators register (viewer: FORBIDDEN, anonymous: UNAUTHENTICATED)', async () => {
    const asViewer = await subgraph.execute({ query: REGISTER, variables: { input: input() } }, viewer);
    expect(errorCode(asViewer)).toBe('FORBIDDEN');
    const anonymous = await subgraph.execute({ query: REGISTER, variables: { input: input() } });
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    const asAdmin = await subgraph.execute({ query: REGISTER, variables: { input: input() } }, identityOf('admin'));
    expect(asAdmin.errors).toBeUndefined();
  });

  it('keeps the register from trainees: organizations is FORBIDDEN to them', async () => {
    const result = await subgraph.execute({ query: SEARCH, variables: {} }, identityOf('trainee'));
    expect(errorCode(result)).toBe('FORBIDDEN');
  });

  it('resolves Organization entities by tax code (_entities), with laboratories and engagements; null for an unknown one', async () => {
    const organization = await registerOrganization(subgraph);
    const laboratory = await registerLaboratory(subgraph, organization.taxCode);
    const result = await subgraph.execute(
      {
        query: ENTITIES,
        variables: {
          r: [
            { __typename: 'Organization', taxCode: organization.taxCode },
            { __typename: 'Organization', taxCode: '4999999998' },
          ],
        },
      },
      assessor,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        taxCode: organization.taxCode,
        name: organization.name,
        laboratories: [{ code: laboratory.code }],
        assuranceEngagements: [],
      },
      null,
    ]);
  });

  it('resolves 100 Organization references with their laboratories and engagements in as many statements as 3', async () => {
    const em = subgraph.database.orm.em.fork();
    const organizations = Array.from({ length: 100 }, (_, index) =>
      em.create(Organization, {
        taxCode: `48000${String(index).padStart(5, '0')}`,
        name: `Doanh nghiệp ${index}`,
        searchName: `doanh nghiep ${index}`,
        kind: OrganizationKind.ENTERPRISE,
        ownership: index % 2 ? Ownership.STATE : Ownership.PRIVATE,
        sector: PrioritySector.OTHER,
        address: null,
        createdAt: new Date(),
        version: 1,
      }),
    );
    const provider = em.create(Laboratory, {
      code: 'PTN-N1',
      name: 'PTN',
      searchName: 'ptn',
      organization: organizations[0],
      fields: [MetrologyField.MASS],
      services: [LaboratoryService.CALIBRATION],
      registration: null,
      accreditation: null,
      createdAt: new Date(),
      version: 1,
    });
    for (const organization of organizations) {
      em.create(AssuranceEngagement, {
        enterprise: organization,
        provider,
        services: [AssuranceService.CALIBRATION],
        instrumentsCovered: 3,
        instrumentsDescription: null,
        plannedStart: '2024-01-10',
        plannedEnd: null,
        status: EngagementStatus.PLANNED,
        startedOn: null,
        completedOn: null,
        cancelledOn: null,
        cancellationReason: null,
        createdAt: new Date(),
        version: 1,
      });
    }
    await em.flush();
    const representations = organizations.map((organization) => ({ __typename: 'Organization', taxCode: organization.taxCode }));
    const cost = async (count: number) => {
      counter.reset();
      const result = await subgraph.execute({ query: ENTITIES, variables: { r: representations.slice(0, count) } }, assessor);
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toHaveLength(count);
      return counter.count;
    };
    const three = await cost(3);
    const hundred = await cost(100);
    expect(hundred).toBe(three);
    expect(three).toBeLessThanOrEqual(3);
  });
});
