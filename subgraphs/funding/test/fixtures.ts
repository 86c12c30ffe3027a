/**
 * Arrange helpers for the funding tests: the money records are written through the GraphQL
 * mutations under test (so that every fixture obeys the rules), as a finance officer by default.
 */
import type { Identity, StartOptions } from '@metrology/kit';
import { type GraphQLResponse, identityOf, startFakeOwner, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { expect } from 'vitest';
import { fundingSubgraph } from '../src';

export const PLAN = '129/KH-UBND';
export const finance = identityOf('finance');
export const admin = identityOf('admin');
export const viewer = identityOf('viewer');
export const trainer = identityOf('trainer');

export type Source = 'SCIENCE_OPERATING' | 'DEVELOPMENT_INVESTMENT' | 'ENTERPRISE_AND_OTHER';

export interface LineData {
  id: string;
  source: Source;
  taskGroup: number;
  year: number;
  plannedAmount: number;
  funding: 'NAMED' | 'UNNAMED';
  version: number;
}

export const LINE_FIELDS = 'id source taskGroup year plannedAmount funding note version';
export const DISBURSEMENT_FIELDS = 'id voucherNumber date amount payeeTaxCode purpose isReversal reversalReason';

export const CREATE_LINE = /* GraphQL */ `
  mutation CreateLine($input: CreateBudgetLineInput!) { createBudgetLine(input: $input) { ${LINE_FIELDS} } }
`;
export const UPDATE_LINE = /* GraphQL */ `
  mutation UpdateLine($input: UpdateBudgetLineInput!) { updateBudgetLine(input: $input) { ${LINE_FIELDS} } }
`;
export const RECORD_ALLOCATION = /* GraphQL */ `
  mutation Allocate($input: RecordAllocationInput!) {
    recordAllocation(input: $input) { id decisionNumber decisionDate amount line { id } }
  }
`;
export const RECORD_DISBURSEMENT = /* GraphQL */ `
  mutation Disburse($input: RecordDisbursementInput!) { recordDisbursement(input: $input) { ${DISBURSEMENT_FIELDS} } }
`;
export const REVERSE_DISBURSEMENT = /* GraphQL */ `
  mutation Reverse($id: ID!, $reason: String!, $date: LocalDate) {
    reverseDisbursement(id: $id, reason: $reason, date: $date) { ${DISBURSEMENT_FIELDS} reverses { id } }
  }
`;
export const RECORD_CONTRIBUTION = /* GraphQL */ `
  mutation Contribute($input: RecordContributionInput!) {
    recordContribution(input: $input) { id contributorTaxCode date amount purpose }
  }
`;

/**
 * Funding alone, its activity links checked against a stand-in owner that has every course,
 * laboratory, standard and engagement (the real owners are tried through the gateway harness).
 */
export async function startFundingWithOwners(options: StartOptions = {}): Promise<TestSubgraph> {
  const owner = await startFakeOwner();
  try {
    const subgraph = await startTestSubgraph(fundingSubgraph, options, { TRAINING_URL: owner.url, LABS_URL: owner.url });
    return {
      ...subgraph,
      async stop() {
        await subgraph.stop();
        await owner.stop();
      },
    };
  } catch (error) {
    await owner.stop();
    throw error;
  }
}

/** A readable UUID for the activities of other subgraphs (courses, laboratories…), e.g. uuidOf(7). */
export function uuidOf(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

let counter = 0;
/** A value no other test of the run uses (voucher and decision numbers). */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** The data of a successful call; fails the test with the errors otherwise. */
export function dataOf<T>(result: GraphQLResponse, field: string): T {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return (result.data as Record<string, T>)[field];
}

/** The first error's extensions, failing the test when the call succeeded. */
export function errorOf(result: GraphQLResponse): Record<string, unknown> & { code?: string } {
  expect(result.errors, 'expected an error').toBeDefined();
  return { ...(result.errors?.[0]?.extensions ?? {}), message: result.errors?.[0]?.message };
}

export async function createLine(
  subgraph: TestSubgraph,
  input: { source: Source; taskGroup: number; year: number; plannedAmount: number | string; note?: string },
  identity: Identity = finance,
): Promise<LineData> {
  const result = await subgraph.execute({ query: CREATE_LINE, variables: { input: { planCode: PLAN, ...input } } }, identity);
  return dataOf<LineData>(result, 'createBudgetLine');
}

export async function allocate(
  subgraph: TestSubgraph,
  lineId: string,
  amount: number | string,
  decisionDate = '2026-01-15',
): Promise<{ id: string; amount: number }> {
  const result = await subgraph.execute(
    { query: RECORD_ALLOCATION, variables: { input: { lineId, amount, decisionDate, decisionNumber: unique('QD') } } },
    finance,
  );
  return dataOf(result, 'recordAllocation');
}

export interface DisbursementInput {
  lineId: string;
  amount: number | string;
  date?: string;
  payeeTaxCode?: string;
  purpose?: string;
  voucherNumber?: string;
  activity?: { kind: string; id: string };
}

export function disburseCall(subgraph: TestSubgraph, input: DisbursementInput, identity: Identity = finance) {
  return subgraph.execute(
    {
      query: RECORD_DISBURSEMENT,
      variables: {
        input: {
          date: '2026-03-10',
          payeeTaxCode: '4900123456',
          purpose: 'Chi hội nghị Ngày Đo lường Việt Nam 20/01',
          voucherNumber: unique('PC'),
          ...input,
        },
      },
    },
    identity,
  );
}

export async function disburse(subgraph: TestSubgraph, input: DisbursementInput): Promise<{ id: string; amount: number }> {
  return dataOf(await disburseCall(subgraph, input), 'recordDisbursement');
}

/** A line planned, allocated in full, ready to pay from. */
export async function fundedLine(
  subgraph: TestSubgraph,
  input: { source: Source; taskGroup: number; year: number; amount: number },
): Promise<LineData> {
  const line = await createLine(subgraph, {
    source: input.source,
    taskGroup: input.taskGroup,
    year: input.year,
    plannedAmount: input.amount,
  });
  await allocate(subgraph, line.id, input.amount);
  return line;
}
