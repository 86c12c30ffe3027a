import { startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';
import { assessor, errorCode, newCode, registerLaboratory, registerOrganization, run, viewer } from './fixtures';

const REGISTER = /* GraphQL */ `
  mutation($input: RegisterLaboratoryInput!) {
    registerLaboratory(input: $input) {
      id code name fields services version
      organization { taxCode }
      registration { number issuer issuedOn validUntil }
      accreditation { scheme number validUntil }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation($input: UpdateLaboratoryInput!) {
    updateLaboratory(input: $input) { id code fields version registration { number } }
  }
`;
const EXPIRING = /* GraphQL */ `
  query($within: Int, $asOf: LocalDate) {
    expiringRegistrations(withinDays: $within, asOf: $asOf) { laboratory { code } kind number validUntil daysRemaining expired }
  }
`;

describe('labs subgraph: the register of laboratories', () => {
  let subgraph: TestSubgraph;
  let taxCode: string;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(labsSubgraph);
    taxCode = (await registerOrganization(subgraph, { kind: 'SERVICE_PROVIDER', ownership: 'STATE' })).taxCode;
  });
  afterAll(() => subgraph?.stop());

  function input(overrides: Record<string, unknown> = {}) {
    return {
      code: newCode('PTN-LS'),
      name: 'Phòng thí nghiệm Đo lường Nhiệt độ',
      organizationTaxCode: taxCode,
      fields: ['TEMPERATURE', 'HUMIDITY', 'TEMPERATURE'],
      services: ['CALIBRATION'],
      registration: {
        number: 'ĐK-123/TĐC',
        issuer: 'Tổng cục Tiêu chuẩn Đo lường Chất lượng',
        issuedOn: '2023-03-01',
        validUntil: '2028-02-28',
      },
      accreditation: { scheme: 'VILAS', number: 'VILAS 999', validUntil: '2027-12-31' },
      ...overrides,
    };
  }

  it('registers a laboratory of an organisation with its fields (each once), services, registration and accreditation', async () => {
    const values = input();
    const result = await subgraph.execute({ query: REGISTER, variables: { input: values } }, assessor);
    expect(result.errors).toBeUndefined();
    expect(result.data?.registerLaboratory).toMatchObject({
      code: values.code,
      fields: ['TEMPERATURE', 'HUMIDITY'],
      services: ['CALIBRATION'],
      version: 1,
      organization: { taxCode },
      registration: values.registration,
      accreditation: values.accreditation,
    });
    const byOrganization = await run<{ organization: { laboratories: { code: string }[] } }>(
      subgraph,
      `query($t: ID!) { organization(taxCode: $t) { laboratories { code } } }`,
      { t: taxCode },
      viewer,
    );
    expect(byOrganization.organization.laboratories.map((lab) => lab.code)).toContain(values.code);
  });

  it('refuses an unknown organisation with NOT_FOUND and a malformed tax code with BAD_USER_INPUT', async () => {
    const unknown = await subgraph.execute(
      { query: REGISTER, variables: { input: input({ organizationTaxCode: '4999999990' }) } },
      assessor,
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'organizationTaxCode' });
    const malformed = await subgraph.execute(
      { query: REGISTER, variables: { input: input({ organizationTaxCode: '49-1' }) } },
      assessor,
    );
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationTaxCode' });
  });

  it('refuses a code already in use with CONFLICT', async () => {
    const existing = await registerLaboratory(subgraph, taxCode);
    const result = await subgraph.execute({ query: REGISTER, variables: { input: input({ code: existing.code }) } }, assessor);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'code' });
  });

  it('refuses a laboratory without fields, and a registration valid until before its issue, with BAD_USER_INPUT naming the field', async () => {
    const noFields = await subgraph.execute({ query: REGISTER, variables: { input: input({ fields: [] }) } }, assessor);
    expect(noFields.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fields' });
    const registration = { number: 'ĐK-1', issuer: 'TĐC', issuedOn: '2024-05-01', validUntil: '2024-04-30' };
    const backwards = await subgraph.execute({ query: REGISTER, variables: { input: input({ registration }) } }, assessor);
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registration.validUntil' });
  });

  it('updates with the current version (null removes the registration) and refuses a stale version with CONFLICT', async () => {
    const created = await subgraph.execute({ query: REGISTER, variables: { input: input() } }, assessor);
    const laboratory = created.data?.registerLaboratory as { id: string };
    const first = await subgraph.execute(
      { query: UPDATE, variables: { input: { id: laboratory.id, version: 1, fields: ['MASS'], registration: null } } },
      assessor,
    );
    expect(first.data?.updateLaboratory).toMatchObject({ fields: ['MASS'], registration: null, version: 2 });
    const stale = await subgraph.execute(
      { query: UPDATE, variables: { input: { id: laboratory.id, version: 1, name: 'Khác' } } },
      assessor,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('lists registrations and accreditations ending within the window and those expired, soonest first, with days remaining', async () => {
    const soon = await registerLaboratory(subgraph, taxCode, {
      registration: { number: 'ĐK-SOON', issuer: 'TĐC', issuedOn: '2022-07-01', validUntil: '2025-07-01' },
    });
    const expired = await registerLaboratory(subgraph, taxCode, {
      accreditation: { scheme: 'VILAS', number: 'VILAS 042', validUntil: '2025-05-22' },
    });
    const later = await registerLaboratory(subgraph, taxCode, {
      registration: { number: 'ĐK-LATER', issuer: 'TĐC', issuedOn: '2024-06-01', validUntil: '2027-06-01' },
    });
    const codes = [soon.code, expired.code, later.code];
    const within90 = await run<{ expiringRegistrations: { laboratory: { code: string } }[] }>(
      subgraph,
      EXPIRING,
      { asOf: '2025-06-01' },
      viewer,
    );
    expect(within90.expiringRegistrations.filter((row) => codes.includes(row.laboratory.code))).toEqual([
      {
        laboratory: { code: expired.code },
        kind: 'ACCREDITATION',
        number: 'VILAS 042',
        validUntil: '2025-05-22',
        daysRemaining: -10,
        expired: true,
      },
      {
        laboratory: { code: soon.code },
        kind: 'REGISTRATION',
        number: 'ĐK-SOON',
        validUntil: '2025-07-01',
        daysRemaining: 30,
        expired: false,
      },
    ]);
    const within10 = await run<{ expiringRegistrations: { laboratory: { code: string } }[] }>(
      subgraph,
      EXPIRING,
      { asOf: '2025-06-01', within: 10 },
      viewer,
    );
    expect(within10.expiringRegistrations.map((row) => row.laboratory.code).filter((code) => codes.includes(code))).toEqual([
      expired.code,
    ]);
    const negative = await subgraph.execute({ query: EXPIRING, variables: { within: -1 } }, viewer);
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'withinDays' });
  });

  it('finds laboratories by field and by name without accents', async () => {
    const laboratory = await registerLaboratory(subgraph, taxCode, {
      name: 'Phòng Hiệu chuẩn Áp suất Đồng Đăng',
      fields: ['PRESSURE'],
    });
    const found = await run<{ laboratories: { items: { code: string }[] } }>(
      subgraph,
      `{ laboratories(search: "ap suat dong dang", field: PRESSURE) { items { code } } }`,
      {},
      viewer,
    );
    expect(found.laboratories.items.map((item) => item.code)).toEqual([laboratory.code]);
  });

  it('resolves Laboratory entities by id (_entities); an unknown or malformed id gives null', async () => {
    const laboratory = await registerLaboratory(subgraph, taxCode);
    const result = await subgraph.execute(
      {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Laboratory { id code organization { taxCode } } } }`,
        variables: {
          r: [
            { __typename: 'Laboratory', id: laboratory.id },
            { __typename: 'Laboratory', id: '00000000-0000-4000-8000-000000000000' },
            { __typename: 'Laboratory', id: 'not-a-uuid' },
          ],
        },
      },
      viewer,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: laboratory.id, code: laboratory.code, organization: { taxCode } }, null, null]);
  });

  it('answers NOT_FOUND for an unknown laboratory id, even a malformed one', async () => {
    const result = await subgraph.execute({ query: `{ laboratory(id: "x") { code } }` }, viewer);
    expect(errorCode(result)).toBe('NOT_FOUND');
  });

  it('lets a viewer read but not register a laboratory (FORBIDDEN)', async () => {
    const result = await subgraph.execute({ query: REGISTER, variables: { input: input() } }, viewer);
    expect(errorCode(result)).toBe('FORBIDDEN');
  });
});
