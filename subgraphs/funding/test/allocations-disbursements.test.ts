import { AuditEvent } from '@metrology/kit';
import { type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocate,
  createLine,
  dataOf,
  disburse,
  disburseCall,
  errorOf,
  finance,
  fundedLine,
  RECORD_ALLOCATION,
  REVERSE_DISBURSEMENT,
  startFundingWithOwners,
  trainer,
  unique,
  uuidOf,
  viewer,
} from './fixtures';

interface DisbursementData {
  id: string;
  voucherNumber: string | null;
  date: string;
  amount: number;
  isReversal: boolean;
  reversalReason: string | null;
  reverses: { id: string } | null;
}

describe('funding: allocations and disbursements, never past the allocation; corrections by reversal', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startFundingWithOwners();
  });
  afterAll(() => subgraph?.stop());

  async function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
    return subgraph.database.orm.em.fork().execute<T[]>(query, params);
  }

  async function disbursementRows(lineId: string): Promise<{ count: number; net: bigint }> {
    const [row] = await sql<{ count: string; net: string }>(
      `select count(*)::text as count,
              coalesce(sum(case when reverses_id is null then amount else -amount end), 0)::text as net
         from disbursement where line_id = ?`,
      [Number(lineId)],
    );
    return { count: Number(row.count), net: BigInt(row.net) };
  }

  const lineMoney = async (lineId: string) =>
    dataOf<{ plannedAmount: number; allocated: number; disbursed: number; available: number }>(
      await subgraph.execute(
        { query: `{ budgetLine(id: "${lineId}") { plannedAmount allocated disbursed available } }` },
        finance,
      ),
      'budgetLine',
    );

  const allocateCall = (lineId: string, amount: number | string, decisionNumber = unique('QD')) =>
    subgraph.execute(
      { query: RECORD_ALLOCATION, variables: { input: { lineId, amount, decisionNumber, decisionDate: '2026-01-20' } } },
      finance,
    );

  const reverseCall = (id: string, reason: string, date?: string, identity = finance) =>
    subgraph.execute({ query: REVERSE_DISBURSEMENT, variables: { id, reason, date } }, identity);

  it('records an allocation decision against a line, up to its planned amount exactly', async () => {
    const line = await createLine(subgraph, {
      source: 'SCIENCE_OPERATING',
      taskGroup: 4,
      year: 2026,
      plannedAmount: 300_000_000,
    });
    const first = dataOf<{ decisionDate: string; amount: number; line: { id: string } }>(
      await allocateCall(line.id, 200_000_000, 'QĐ-123/QĐ-UBND'),
      'recordAllocation',
    );
    expect(first).toMatchObject({ decisionDate: '2026-01-20', amount: 200000000, line: { id: line.id } });
    await allocate(subgraph, line.id, 100_000_000);
    expect(await lineMoney(line.id)).toMatchObject({
      plannedAmount: 300000000,
      allocated: 300000000,
      disbursed: 0,
      available: 300000000,
    });
  });

  it("refuses an allocation past the line's planned amount with CONFLICT and the exact amount over, writing nothing", async () => {
    const line = await createLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 5, year: 2026, plannedAmount: 50_000_000 });
    await allocate(subgraph, line.id, 30_000_000);
    const error = errorOf(await allocateCall(line.id, 20_000_001));
    expect(error).toMatchObject({ code: 'CONFLICT', over: '1', limit: '50000000' });
    expect((await lineMoney(line.id)).allocated).toBe(30000000);
  });

  it('refuses a decision number already recorded, a zero amount and an unknown line', async () => {
    const line = await createLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 6, year: 2026, plannedAmount: 10_000_000 });
    const number = unique('QD');
    dataOf(await allocateCall(line.id, 1_000, number), 'recordAllocation');
    expect(errorOf(await allocateCall(line.id, 1_000, number))).toMatchObject({ code: 'CONFLICT', field: 'decisionNumber' });
    expect(errorOf(await allocateCall(line.id, 0))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(errorOf(await allocateCall(line.id, 1_000, '  '))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decisionNumber' });
    expect(errorOf(await allocateCall('987654', 1_000)).code).toBe('NOT_FOUND');
  });

  it('records a payment for a course, with the payee, purpose and the course as a federation reference', async () => {
    const line = await fundedLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 1, year: 2026, amount: 80_000_000 });
    const courseId = '5f0c9a1e-8d1b-4c1e-9a0e-0b8c7d6e5f41';
    const result = await subgraph.execute(
      {
        query: `mutation($input: RecordDisbursementInput!) {
          recordDisbursement(input: $input) {
            voucherNumber date amount payeeTaxCode purpose isReversal
            activity { __typename ... on Course { id } }
            line { id }
          }
        }`,
        variables: {
          input: {
            lineId: line.id,
            voucherNumber: 'PC-2026-0001',
            date: '2026-04-02',
            amount: '25000000',
            payeeTaxCode: '4900123456-001',
            purpose: 'Thù lao giảng viên lớp kiểm định viên đo lường',
            activity: { kind: 'COURSE', id: courseId },
          },
        },
      },
      finance,
    );
    expect(dataOf(result, 'recordDisbursement')).toEqual({
      voucherNumber: 'PC-2026-0001',
      date: '2026-04-02',
      amount: 25000000,
      payeeTaxCode: '4900123456-001',
      purpose: 'Thù lao giảng viên lớp kiểm định viên đo lường',
      isReversal: false,
      activity: { __typename: 'Course', id: courseId },
      line: { id: line.id },
    });
    expect(await lineMoney(line.id)).toMatchObject({ allocated: 80000000, disbursed: 25000000, available: 55000000 });
  });

  it('refuses a payment 1 đồng over the allocation with CONFLICT (over: "1") and writes nothing, not even an audit event', async () => {
    const line = await fundedLine(subgraph, {
      source: 'DEVELOPMENT_INVESTMENT',
      taskGroup: 2,
      year: 2026,
      amount: 2_500_000_000,
    });
    await disburse(subgraph, { lineId: line.id, amount: '2000000000' });
    const before = await disbursementRows(line.id);
    const [{ events }] = await sql<{ events: string }>('select count(*)::text as events from audit_event');
    const error = errorOf(await disburseCall(subgraph, { lineId: line.id, amount: '500000001' }));
    expect(error).toMatchObject({ code: 'CONFLICT', over: '1', limit: '2500000000' });
    expect(error.message).toContain('1 đồng');
    expect(await disbursementRows(line.id)).toEqual(before);
    expect((await sql<{ events: string }>('select count(*)::text as events from audit_event'))[0].events).toBe(events);
    dataOf(await disburseCall(subgraph, { lineId: line.id, amount: '500000000' }), 'recordDisbursement');
    expect((await lineMoney(line.id)).available).toBe(0);
  });

  it('refuses a payment from a line with no allocation yet', async () => {
    const line = await createLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 3, year: 2026, plannedAmount: 10_000_000 });
    expect(errorOf(await disburseCall(subgraph, { lineId: line.id, amount: 1 }))).toMatchObject({ code: 'CONFLICT', over: '1' });
  });

  it('never lets 10 concurrent payments take a line past its allocation: the refused ones get CONFLICT', async () => {
    const line = await fundedLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 1, year: 2027, amount: 10_000_000 });
    // 10 × 1,500,000 = 15,000,000 asked against 10,000,000 allocated: six fit, four cannot.
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        disburseCall(subgraph, { lineId: line.id, amount: 1_500_000, voucherNumber: unique(`PC-CONCURRENT-${index}`) }),
      ),
    );
    const accepted = results.filter((result) => !result.errors);
    const refused = results.filter((result) => result.errors);
    expect(accepted).toHaveLength(6);
    expect(refused).toHaveLength(4);
    for (const result of refused) expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', limit: '10000000' });
    const written = await disbursementRows(line.id);
    expect(written).toEqual({ count: 6, net: 9_000_000n });
    expect(written.net).toBeLessThanOrEqual(10_000_000n);
  });

  it('refuses a voucher number already recorded with CONFLICT, also when two arrive at once', async () => {
    const line = await fundedLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 3, year: 2027, amount: 10_000_000 });
    const voucherNumber = unique('PC-DUP');
    const results = await Promise.all(
      [1, 2].map(() => disburseCall(subgraph, { lineId: line.id, amount: 1_000, voucherNumber })),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(errorOf(results.find((result) => result.errors) ?? results[0])).toMatchObject({ code: 'CONFLICT' });
    expect(errorOf(await disburseCall(subgraph, { lineId: line.id, amount: 1_000, voucherNumber })).code).toBe('CONFLICT');
  });

  it('validates the payee tax code (10 digits or 10-3), the amount and the purpose with BAD_USER_INPUT', async () => {
    const line = await fundedLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 4, year: 2027, amount: 10_000_000 });
    for (const payeeTaxCode of ['490012345', '49001234567', '4900123456-12', '4900123456-0011', 'ABCDEFGHIJ', '']) {
      const error = errorOf(await disburseCall(subgraph, { lineId: line.id, amount: 1_000, payeeTaxCode }));
      expect(error, payeeTaxCode).toMatchObject({ code: 'BAD_USER_INPUT', field: 'payeeTaxCode' });
    }
    expect(errorOf(await disburseCall(subgraph, { lineId: line.id, amount: 0 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'amount',
    });
    for (const amount of [-1, 0.5, '99999999999999999']) {
      expect(errorOf(await disburseCall(subgraph, { lineId: line.id, amount })).code).toBe('BAD_USER_INPUT');
    }
    expect(errorOf(await disburseCall(subgraph, { lineId: line.id, amount: 1, purpose: ' ' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'purpose',
    });
    for (const id of [' ', 'lab-42', '5f0c9a1e-8d1b-4c1e-9a0e']) {
      const error = errorOf(await disburseCall(subgraph, { lineId: line.id, amount: 1, activity: { kind: 'LABORATORY', id } }));
      expect(error, id).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activity.id' });
    }
    expect((await disbursementRows(line.id)).count).toBe(0);
  });

  it('corrects a payment by a reversal linked to it: the payment stays, the net falls, the room comes back', async () => {
    const line = await fundedLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 5, year: 2027, amount: 10_000_000 });
    const payment = await disburse(subgraph, { lineId: line.id, amount: 10_000_000, date: '2026-05-01' });
    expect(errorOf(await disburseCall(subgraph, { lineId: line.id, amount: 1 })).code).toBe('CONFLICT');
    const reversal = dataOf<DisbursementData>(
      await reverseCall(payment.id, 'Ghi nhầm số tiền trên chứng từ', '2026-05-03'),
      'reverseDisbursement',
    );
    expect(reversal).toMatchObject({
      voucherNumber: null,
      date: '2026-05-03',
      amount: 10000000,
      isReversal: true,
      reversalReason: 'Ghi nhầm số tiền trên chứng từ',
      reverses: { id: payment.id },
    });
    expect(await disbursementRows(line.id)).toEqual({ count: 2, net: 0n });
    const original = dataOf<DisbursementData & { reversedBy: { id: string } }>(
      await subgraph.execute(
        { query: `{ disbursement(id: "${payment.id}") { id amount isReversal reversedBy { id } } }` },
        finance,
      ),
      'disbursement',
    );
    expect(original).toEqual({ id: payment.id, amount: 10000000, isReversal: false, reversedBy: { id: reversal.id } });
    dataOf(await disburseCall(subgraph, { lineId: line.id, amount: 9_000_000 }), 'recordDisbursement');
    expect(await lineMoney(line.id)).toMatchObject({ disbursed: 9000000, available: 1000000 });
  });

  it('refuses to reverse twice, to reverse a reversal, without a reason, before the payment date, or an unknown payment', async () => {
    const line = await fundedLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 6, year: 2027, amount: 10_000_000 });
    const payment = await disburse(subgraph, { lineId: line.id, amount: 1_000, date: '2026-06-10' });
    expect(errorOf(await reverseCall(payment.id, ''))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(errorOf(await reverseCall(payment.id, 'Sai ngày', '2026-06-09'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'date',
    });
    const reversal = dataOf<DisbursementData>(await reverseCall(payment.id, 'Chi trùng'), 'reverseDisbursement');
    expect(errorOf(await reverseCall(payment.id, 'Chi trùng lần hai')).code).toBe('CONFLICT');
    expect(errorOf(await reverseCall(reversal.id, 'Hủy bút toán hủy')).code).toBe('CONFLICT');
    expect(errorOf(await reverseCall('424242', 'Không có')).code).toBe('NOT_FOUND');
  });

  it('lets only one of two concurrent reversals of the same payment through', async () => {
    const line = await fundedLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 1, year: 2028, amount: 10_000_000 });
    const payment = await disburse(subgraph, { lineId: line.id, amount: 4_000_000 });
    const results = await Promise.all([1, 2].map(() => reverseCall(payment.id, 'Chi nhầm đơn vị')));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(errorOf(results.find((result) => result.errors) ?? results[0]).code).toBe('CONFLICT');
    expect(await disbursementRows(line.id)).toEqual({ count: 2, net: 0n });
  });

  it('keeps money records final in the database itself: a direct update or delete is refused', async () => {
    const line = await fundedLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 3, year: 2028, amount: 1_000_000 });
    const payment = await disburse(subgraph, { lineId: line.id, amount: 1_000 });
    await expect(sql('delete from disbursement where id = ?', [Number(payment.id)])).rejects.toThrow(/never changed or deleted/);
    await expect(sql('update disbursement set amount = 1 where id = ?', [Number(payment.id)])).rejects.toThrow(
      /never changed or deleted/,
    );
    await expect(sql('delete from allocation where line_id = ?', [Number(line.id)])).rejects.toThrow(/never changed or deleted/);
  });

  it('keeps an audit trail of allocations, payments and reversals: who, when, what', async () => {
    const line = await createLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 4, year: 2028, plannedAmount: 1_000_000 });
    const allocation = await allocate(subgraph, line.id, 1_000_000);
    const payment = await disburse(subgraph, {
      lineId: line.id,
      amount: 600_000,
      activity: { kind: 'LABORATORY', id: uuidOf(42) },
    });
    const reversal = dataOf<DisbursementData>(await reverseCall(payment.id, 'Sai đơn vị nhận'), 'reverseDisbursement');
    const em = subgraph.database.orm.em.fork();
    const [allocated] = await em.find(AuditEvent, { entityType: 'Allocation', entityId: allocation.id });
    expect(allocated).toMatchObject({
      action: 'create',
      actor: 'test-finance',
      changes: { amount: '1000000', line: Number(line.id) },
    });
    const paid = await em.find(AuditEvent, { entityType: 'Disbursement', entityId: payment.id }, { orderBy: { id: 'asc' } });
    expect(paid.map((event) => event.action)).toEqual(['create', 'reverse']);
    expect(paid[0].changes).toMatchObject({ amount: '600000', activity: `LABORATORY:${uuidOf(42)}`, payeeTaxCode: '4900123456' });
    const [reversed] = await em.find(AuditEvent, { entityType: 'Disbursement', entityId: reversal.id });
    expect(reversed).toMatchObject({ action: 'create-reversal', changes: { reverses: Number(payment.id), amount: '600000' } });
    expect(reversed.at).toBeInstanceOf(Date);
  });

  it('refuses money writes to viewers and trainers (FORBIDDEN) and records to viewers', async () => {
    const line = await fundedLine(subgraph, { source: 'SCIENCE_OPERATING', taskGroup: 5, year: 2028, amount: 1_000_000 });
    const payment = await disburse(subgraph, { lineId: line.id, amount: 1_000 });
    expect(errorOf(await disburseCall(subgraph, { lineId: line.id, amount: 1 }, viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await disburseCall(subgraph, { lineId: line.id, amount: 1 }, trainer)).code).toBe('FORBIDDEN');
    expect(errorOf(await reverseCall(payment.id, 'x', undefined, trainer)).code).toBe('FORBIDDEN');
    const read = await subgraph.execute({ query: `{ disbursement(id: "${payment.id}") { id } }` }, viewer);
    expect(errorOf(read).code).toBe('FORBIDDEN');
  });
});
