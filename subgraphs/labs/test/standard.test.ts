import { startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';
import { assessor, errorCode, newCode, registerOrganization, run, viewer } from './fixtures';

const REGISTER = /* GraphQL */ `
  mutation($input: RegisterMeasurementStandardInput!) {
    registerMeasurementStandard(input: $input) {
      id name field yearFirstSupported serial status version
      kind { code name }
      owner { taxCode }
      traceability { calibratedBy certificateNumber calibratedOn dueOn }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation($input: UpdateMeasurementStandardInput!) {
    updateMeasurementStandard(input: $input) { id status version traceability { dueOn } }
  }
`;
const OVERDUE = /* GraphQL */ `query($asOf: LocalDate) { overdueCalibrations(asOf: $asOf) { serial traceability { dueOn } } }`;

describe('labs subgraph: socialised measurement standards and instruments', () => {
  let subgraph: TestSubgraph;
  let ownerTaxCode: string;
  let kindCode: string;

  const traceability = (calibratedOn: string, dueOn: string) => ({
    calibratedBy: 'Viện Đo lường Việt Nam',
    certificateNumber: `HC-${calibratedOn}`,
    calibratedOn,
    dueOn,
  });
  const input = (overrides: Record<string, unknown> = {}) => ({
    kindCode,
    name: 'Bộ quả cân chuẩn 1 mg – 20 kg',
    field: 'MASS',
    ownerTaxCode,
    yearFirstSupported: 2022,
    serial: newCode('SN'),
    traceability: traceability('2024-05-01', '2025-05-01'),
    ...overrides,
  });
  const register = async (overrides: Record<string, unknown> = {}) =>
    (
      await run<{ registerMeasurementStandard: { id: string; serial: string; version: number } }>(subgraph, REGISTER, {
        input: input(overrides),
      })
    ).registerMeasurementStandard;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(labsSubgraph);
    ownerTaxCode = (await registerOrganization(subgraph, { kind: 'SERVICE_PROVIDER' })).taxCode;
    kindCode = 'QC-F1';
    await run(
      subgraph,
      `mutation { registerStandardKind(input: { code: "QC-F1", name: "Quả cân chuẩn cấp chính xác F1" }) { code } }`,
    );
  });
  afterAll(() => subgraph?.stop());

  it('registers a kind once; the same code again is CONFLICT', async () => {
    const again = await subgraph.execute(
      { query: `mutation { registerStandardKind(input: { code: "QC-F1", name: "Khác" }) { code } }` },
      assessor,
    );
    expect(errorCode(again)).toBe('CONFLICT');
    const kinds = await run<{ standardKinds: { code: string; name: string }[] }>(
      subgraph,
      `{ standardKinds { code name } }`,
      {},
      viewer,
    );
    expect(kinds.standardKinds).toEqual([{ code: 'QC-F1', name: 'Quả cân chuẩn cấp chính xác F1' }]);
  });

  it('registers a standard with its kind, owner, year first supported and traceability', async () => {
    const values = input();
    const result = await subgraph.execute({ query: REGISTER, variables: { input: values } }, assessor);
    expect(result.errors).toBeUndefined();
    expect(result.data?.registerMeasurementStandard).toMatchObject({
      field: 'MASS',
      yearFirstSupported: 2022,
      serial: values.serial,
      status: 'IN_SERVICE',
      version: 1,
      kind: { code: 'QC-F1' },
      owner: { taxCode: ownerTaxCode },
      traceability: values.traceability,
    });
    const owned = await run<{ organization: { measurementStandards: { serial: string }[] } }>(
      subgraph,
      `query($t: ID!) { organization(taxCode: $t) { measurementStandards { serial } } }`,
      { t: ownerTaxCode },
      viewer,
    );
    expect(owned.organization.measurementStandards.map((standard) => standard.serial)).toContain(values.serial);
  });

  it.each([
    ['an unknown kind', { kindCode: 'NOPE' }, 'NOT_FOUND', 'kindCode'],
    ['an unknown owner', { ownerTaxCode: '4999999997' }, 'NOT_FOUND', 'ownerTaxCode'],
    ['a year first supported in the future', { yearFirstSupported: 2999 }, 'BAD_USER_INPUT', 'yearFirstSupported'],
    ['a year before 1990', { yearFirstSupported: 1989 }, 'BAD_USER_INPUT', 'yearFirstSupported'],
    [
      'a due date not after the calibration',
      { traceability: traceability('2024-05-01', '2024-05-01') },
      'BAD_USER_INPUT',
      'traceability.dueOn',
    ],
    [
      'a calibration in the future',
      { traceability: traceability('2999-01-01', '2999-06-01') },
      'BAD_USER_INPUT',
      'traceability.calibratedOn',
    ],
  ])('refuses %s', async (_name, overrides, code, field) => {
    const result = await subgraph.execute({ query: REGISTER, variables: { input: input(overrides) } }, assessor);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
  });

  it('refuses a serial already registered in the same kind with CONFLICT', async () => {
    const existing = await register();
    const result = await subgraph.execute(
      { query: REGISTER, variables: { input: input({ serial: existing.serial }) } },
      assessor,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'serial' });
  });

  it('lists overdue calibrations at a date, most overdue first, leaving out retired standards and those not yet due', async () => {
    const early = await register({ traceability: traceability('2023-01-10', '2024-01-10') });
    const late = await register({ traceability: traceability('2023-06-01', '2024-06-01') });
    const retired = await register({ traceability: traceability('2023-01-01', '2024-01-01'), status: 'RETIRED' });
    const notDue = await register({ traceability: traceability('2024-01-01', '2024-07-01') });
    const dueToday = await register({ traceability: traceability('2023-06-30', '2024-06-30') });
    const data = await run<{ overdueCalibrations: { serial: string }[] }>(subgraph, OVERDUE, { asOf: '2024-06-30' }, viewer);
    const serials = data.overdueCalibrations.map((row) => row.serial);
    expect(
      serials.filter((serial) => [early.serial, late.serial, retired.serial, notDue.serial, dueToday.serial].includes(serial)),
    ).toEqual([early.serial, late.serial]);
  });

  it('records a new calibration with the current version (no longer overdue) and refuses a stale version with CONFLICT', async () => {
    const standard = await register({ traceability: traceability('2022-01-01', '2023-01-01') });
    const updated = await subgraph.execute(
      {
        query: UPDATE,
        variables: { input: { id: standard.id, version: 1, traceability: traceability('2023-01-02', '2024-01-02') } },
      },
      assessor,
    );
    expect(updated.data?.updateMeasurementStandard).toMatchObject({ version: 2, traceability: { dueOn: '2024-01-02' } });
    const overdue = await run<{ overdueCalibrations: { serial: string }[] }>(subgraph, OVERDUE, { asOf: '2023-06-01' }, viewer);
    expect(overdue.overdueCalibrations.map((row) => row.serial)).not.toContain(standard.serial);
    const stale = await subgraph.execute(
      { query: UPDATE, variables: { input: { id: standard.id, version: 1, status: 'RETIRED' } } },
      assessor,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('resolves MeasurementStandard entities by id (_entities); an unknown id gives null', async () => {
    const standard = await register();
    const result = await subgraph.execute(
      {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on MeasurementStandard { id serial kind { code } } } }`,
        variables: {
          r: [
            { __typename: 'MeasurementStandard', id: standard.id },
            { __typename: 'MeasurementStandard', id: '00000000-0000-4000-8000-000000000000' },
          ],
        },
      },
      viewer,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: standard.id, serial: standard.serial, kind: { code: 'QC-F1' } }, null]);
  });

  it('lists standards by kind with their year first supported, the data STANDARDS counts', async () => {
    const data = await run<{ measurementStandards: { total: number; items: { yearFirstSupported: number }[] } }>(
      subgraph,
      `{ measurementStandards(kindCode: "QC-F1", limit: 200) { total items { yearFirstSupported } } }`,
      {},
      viewer,
    );
    expect(data.measurementStandards.total).toBeGreaterThan(0);
    expect(new Set(data.measurementStandards.items.map((item) => item.yearFirstSupported))).toEqual(new Set([2022]));
  });

  it('lets a viewer read but not register (FORBIDDEN)', async () => {
    const result = await subgraph.execute({ query: REGISTER, variables: { input: input() } }, viewer);
    expect(errorCode(result)).toBe('FORBIDDEN');
  });
});
