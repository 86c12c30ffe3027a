import { AuditEvent } from '@metrology/kit';
import { startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundingSubgraph } from '../src';
import { admin, dataOf, errorOf, finance, PLAN, RECORD_CONTRIBUTION, trainer, viewer } from './fixtures';

describe('funding: contributions mobilised from enterprises and other lawful sources', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(fundingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const contribute = (input: Record<string, unknown>, identity = finance) =>
    subgraph.execute(
      {
        query: RECORD_CONTRIBUTION,
        variables: {
          input: {
            planCode: PLAN,
            contributorTaxCode: '4900888999',
            date: '2026-08-15',
            amount: '150000000',
            purpose: 'Đồng tài trợ phòng thử nghiệm',
            ...input,
          },
        },
      },
      identity,
    );

  it('records a contribution with the contributor tax code, date, amount and purpose', async () => {
    const contribution = dataOf(await contribute({ contributorTaxCode: ' 4900888999-002 ' }), 'recordContribution');
    expect(contribution).toMatchObject({
      contributorTaxCode: '4900888999-002',
      date: '2026-08-15',
      amount: 150000000,
      purpose: 'Đồng tài trợ phòng thử nghiệm',
    });
  });

  it('refuses a bad tax code, a zero or negative amount, a blank purpose (BAD_USER_INPUT) and an unknown plan (NOT_FOUND)', async () => {
    expect(errorOf(await contribute({ contributorTaxCode: '12345' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'contributorTaxCode',
    });
    expect(errorOf(await contribute({ amount: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(errorOf(await contribute({ amount: -10 })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await contribute({ purpose: '' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'purpose' });
    expect(errorOf(await contribute({ planCode: '1/KH-UBND' })).code).toBe('NOT_FOUND');
  });

  it('lists contributions by contributor and year, for finance and admin only', async () => {
    dataOf(await contribute({ contributorTaxCode: '4900111000', date: '2027-01-05', amount: 1 }), 'recordContribution');
    dataOf(await contribute({ contributorTaxCode: '4900111000', date: '2026-12-31', amount: 2 }), 'recordContribution');
    const query = `{ contributions(planCode: "${PLAN}", contributorTaxCode: "4900111000", year: 2027) { date amount } }`;
    expect(dataOf(await subgraph.execute({ query }, admin), 'contributions')).toEqual([{ date: '2027-01-05', amount: 1 }]);
    expect(errorOf(await subgraph.execute({ query }, viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await contribute({}, trainer)).code).toBe('FORBIDDEN');
    expect(errorOf(await contribute({}, viewer)).code).toBe('FORBIDDEN');
  });

  it('keeps an audit trail of who recorded a contribution', async () => {
    const contribution = dataOf<{ id: string }>(await contribute({}, admin), 'recordContribution');
    const [event] = await subgraph.database.orm.em
      .fork()
      .find(AuditEvent, { entityType: 'Contribution', entityId: contribution.id });
    expect(event).toMatchObject({
      action: 'create',
      actor: 'test-admin',
      changes: { amount: '150000000', contributorTaxCode: '4900888999' },
    });
  });
});
