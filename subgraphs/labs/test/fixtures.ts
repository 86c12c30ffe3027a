/**
 * Arrange helpers for labs tests: records created through the GraphQL mutations (which other
 * tests prove), failing loudly when the arrangement itself is refused.
 */
import type { Identity } from '@metrology/kit';
import { identityOf, type TestSubgraph } from '@metrology/kit/testing';

export const assessor = identityOf('assessor');
export const admin = identityOf('admin');
export const viewer = identityOf('viewer');

let counter = 0;

/** A tax code not used before in this test process (10 digits). */
export function newTaxCode(): string {
  counter += 1;
  return `49${String(process.pid % 1000).padStart(3, '0')}${String(counter).padStart(5, '0')}`;
}

/** A code not used before in this test process. */
export function newCode(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Runs an operation that must succeed and returns its data. */
export async function run<T = Record<string, unknown>>(
  subgraph: TestSubgraph,
  query: string,
  variables: Record<string, unknown> = {},
  identity: Identity = assessor,
): Promise<T> {
  const result = await subgraph.execute<T>({ query, variables }, identity);
  if (result.errors?.length || !result.data) {
    throw new Error(`operation refused: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

export interface OrganizationData {
  taxCode: string;
  name: string;
  ownership: string;
  version: number;
}

export async function registerOrganization(
  subgraph: TestSubgraph,
  overrides: Record<string, unknown> = {},
): Promise<OrganizationData> {
  const data = await run<{ registerOrganization: OrganizationData }>(
    subgraph,
    `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { taxCode name ownership version } }`,
    {
      input: {
        taxCode: newTaxCode(),
        name: 'Công ty TNHH Đo lường Lạng Sơn',
        kind: 'ENTERPRISE',
        ownership: 'PRIVATE',
        sector: 'LOGISTICS',
        address: 'Thành phố Lạng Sơn',
        ...overrides,
      },
    },
  );
  return data.registerOrganization;
}

export interface LaboratoryData {
  id: string;
  code: string;
  version: number;
  fields: string[];
}

export async function registerLaboratory(
  subgraph: TestSubgraph,
  organizationTaxCode: string,
  overrides: Record<string, unknown> = {},
): Promise<LaboratoryData> {
  const data = await run<{ registerLaboratory: LaboratoryData }>(
    subgraph,
    `mutation($input: RegisterLaboratoryInput!) { registerLaboratory(input: $input) { id code version fields } }`,
    {
      input: {
        code: newCode('PTN'),
        name: 'Phòng thí nghiệm Đo lường Khối lượng',
        organizationTaxCode,
        fields: ['MASS'],
        services: ['VERIFICATION', 'CALIBRATION'],
        ...overrides,
      },
    },
  );
  return data.registerLaboratory;
}

/** The first error's code, or undefined when there is none. */
export function errorCode(result: { errors?: { extensions?: Record<string, unknown> }[] }): unknown {
  return result.errors?.[0]?.extensions?.code;
}
