/**
 * The gateway's response cache (docs/CACHING.md), through the gateway only: a repeated scorecard
 * is answered without calling any subgraph; answers are kept per caller; a mutation through the
 * gateway retires what it changes before its own answer is sent; a change made straight in a
 * database retires it as soon as the subgraph announces the new revision, and so does a restore of
 * a database or its making anew, whose revision numbers start again in a new epoch; answers that read
 * data the revision does not cover, or that carry errors, are never kept.
 */
import { fundingSubgraph } from '@metrology/funding';
import { SCORECARD_QUERY } from '@metrology/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Stack, startStack, statementCounters } from './harness';

const PLAN = '129/KH-UBND';
const VIEWER: Caller = { role: 'viewer', subject: 'cache-viewer' };
const ADMIN: Caller = { role: 'admin', subject: 'cache-admin' };
const FINANCE: Caller = { role: 'finance', subject: 'cache-finance' };
const SCORECARD = { query: SCORECARD_QUERY, variables: { plan: PLAN, year: 2026, phase: null, asOf: '2026-11-27' } };

interface Answer {
  cache: string | null;
  text: string;
  body: { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
}

const { statements, subgraphOptions } = statementCounters();
const counters = Object.values(statements);
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ subgraphOptions });
  // The gateway opens the revision streams in the background: wait until a scorecard is kept.
  const deadline = Date.now() + 20_000;
  while ((await post(SCORECARD, VIEWER)).cache !== 'hit') {
    if (Date.now() > deadline) throw new Error('the gateway never kept a scorecard');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});
afterAll(() => stack?.stop());

async function post(operation: object, caller: Caller, headers: Record<string, string> = {}): Promise<Answer> {
  const token = caller.role ? await stack.token(caller.role, caller.subject) : undefined;
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(operation),
  });
  const text = await response.text();
  return { cache: response.headers.get('x-response-cache'), text, body: JSON.parse(text) };
}

function resetCounters(): void {
  for (const counter of counters) counter.reset();
}

function statementCount(): number {
  return counters.reduce((sum, counter) => sum + counter.statements.length, 0);
}

type ScorecardBody = { data: { plan: { budgetToDate: { contributions: number } } } };
const contributionsOf = (answer: Answer) => (answer.body as ScorecardBody).data.plan.budgetToDate.contributions;

describe('the gateway response cache', () => {
  it('answers a repeated scorecard from the gateway, byte for byte, without calling any subgraph', async () => {
    const first = await post(SCORECARD, VIEWER);
    expect(first.body.errors).toBeUndefined();
    resetCounters();
    const second = await post(SCORECARD, VIEWER);
    expect(second.cache).toBe('hit');
    expect(second.text).toBe(first.text);
    expect(statementCount()).toBe(0);
  });

  it('keeps answers per caller: another identity gets an answer computed for it', async () => {
    const first = await post(SCORECARD, ADMIN);
    expect(first.cache).toBe('miss');
    expect(first.body.errors).toBeUndefined();
    expect((await post(SCORECARD, ADMIN)).cache).toBe('hit');
  });

  it('computes afresh for a caller asking Cache-Control: no-cache, and does not keep it', async () => {
    resetCounters();
    const fresh = await post(SCORECARD, VIEWER, { 'cache-control': 'no-cache' });
    expect(fresh.cache).toBe('bypass');
    expect(fresh.body.errors).toBeUndefined();
    expect(statements.funding.statements.length).toBeGreaterThan(0);
  });

  it('retires the scorecard on a mutation through the gateway before the mutation answers (read your writes)', async () => {
    const before = await post(SCORECARD, VIEWER);
    expect((await post(SCORECARD, VIEWER)).cache).toBe('hit');
    const recorded = await post(
      {
        query: 'mutation($input: RecordContributionInput!) { recordContribution(input: $input) { id } }',
        variables: {
          input: {
            planCode: PLAN,
            contributorTaxCode: '4900654321',
            date: '2026-05-05',
            amount: '2500000',
            purpose: 'Đối ứng kinh phí (kiểm tra bộ nhớ đệm của cổng API)',
          },
        },
      },
      FINANCE,
    );
    expect(recorded.body.errors).toBeUndefined();
    expect(recorded.cache).toBe('miss');
    const after = await post(SCORECARD, VIEWER);
    expect(after.cache).toBe('miss');
    expect(contributionsOf(after)).toBe(contributionsOf(before) + 2_500_000);
    expect((await post(SCORECARD, VIEWER)).cache).toBe('hit');
  });

  it('retires the scorecard when a change is made straight in a database, once the subgraph announces it', async () => {
    const before = contributionsOf(await post(SCORECARD, VIEWER));
    expect((await post(SCORECARD, VIEWER)).cache).toBe('hit');
    await stack.subgraphs.funding.database.orm.em.fork().execute(
      `insert into contribution (plan_id, contributor_tax_code, date, amount, purpose)
       select id, '4900654321', '2026-05-06', 1000000, 'Nhập trực tiếp' from plan where code = ?`,
      [PLAN],
    );
    await expect.poll(async () => contributionsOf(await post(SCORECARD, VIEWER))).toBe(before + 1_000_000);
  });

  it("serves no answer kept before a restore of a subgraph's database, though the restored revision, with the dump's own epoch UUID, reaches the kept answer's number again", async () => {
    const funding = () => stack.subgraphs.funding.database.orm.em.fork();
    // The dump: the revision row as it is now.
    const [dump] = (await funding().execute('select revision::text as revision, epoch::text as epoch from data_revision')) as {
      revision: string;
      epoch: string;
    }[];
    const before = contributionsOf(await post(SCORECARD, VIEWER));
    // One write after the dump (its revision + 1): the kept scorecard counts it.
    await funding().execute(
      `insert into contribution (plan_id, contributor_tax_code, date, amount, purpose)
       select id, '4900654321', '2026-05-09', 7000000, 'Sau bản sao lưu' from plan where code = ?`,
      [PLAN],
    );
    await expect.poll(async () => contributionsOf(await post(SCORECARD, VIEWER))).toBe(before + 7_000_000);
    expect((await post(SCORECARD, VIEWER)).cache).toBe('hit');
    // The restore: the data as at the dump (the later contribution gone, no trigger firing, as
    // when tables are loaded), and the revision table made again from the dump's row.
    await funding().execute('alter table contribution disable trigger user');
    await funding().execute("delete from contribution where purpose = 'Sau bản sao lưu'");
    await funding().execute('alter table contribution enable trigger user');
    await funding().execute('drop table data_revision');
    await funding().execute(`create table data_revision (id smallint not null primary key, revision bigint not null,
      epoch uuid not null default gen_random_uuid(), constraint data_revision_single_row check (id = 1))`);
    await funding().execute('insert into data_revision (id, revision, epoch) values (1, ?, ?)', [dump?.revision, dump?.epoch]);
    // One write after the restore brings the revision to the kept answer's number again.
    await funding().execute(
      `insert into contribution (plan_id, contributor_tax_code, date, amount, purpose)
       select id, '4900654321', '2026-05-10', 3000000, 'Sau khi khôi phục' from plan where code = ?`,
      [PLAN],
    );
    const [restored] = (await funding().execute('select revision::text as revision from data_revision')) as {
      revision: string;
    }[];
    expect(BigInt(restored?.revision as string)).toBe(BigInt(dump?.revision as string) + 1n);
    await expect.poll(async () => contributionsOf(await post(SCORECARD, VIEWER))).toBe(before + 3_000_000);
  });

  it("serves no answer kept before a subgraph's database is dropped and made again with the gateway running, though the new database's revision reaches the kept answer's number", async () => {
    const orm = stack.subgraphs.funding.database.orm;
    const funding = () => orm.em.fork();
    // A contribution the new database will not have, in the kept scorecard.
    const before = contributionsOf(await post(SCORECARD, VIEWER));
    await funding().execute(
      `insert into contribution (plan_id, contributor_tax_code, date, amount, purpose)
       select id, '4900654321', '2026-05-11', 4000000, 'Trước khi làm lại' from plan where code = ?`,
      [PLAN],
    );
    await expect.poll(async () => contributionsOf(await post(SCORECARD, VIEWER))).toBe(before + 4_000_000);
    const kept = await post(SCORECARD, VIEWER);
    expect(kept.cache).toBe('hit');
    const [{ revision }] = (await funding().execute('select revision::text as revision from data_revision')) as [
      { revision: string },
    ];
    // The database made anew: empty, migrated and seeded as at a first start.
    await funding().execute('drop schema public cascade');
    await funding().execute('create schema public');
    await orm.getMigrator().up();
    for (const seeder of fundingSubgraph.persistence.seeders) await orm.getSeeder().seed(seeder);
    // Its revision reaches the kept answer's number, and is announced.
    await funding().execute('update data_revision set revision = ? where id = 1', [revision]);
    await funding().execute(`select pg_notify('data_revision', data_revision_now())`);
    const fresh = await post(SCORECARD, VIEWER, { 'cache-control': 'no-cache' });
    expect(fresh.body.errors).toBeUndefined();
    expect(contributionsOf(fresh)).not.toBe(contributionsOf(kept));
    await expect.poll(async () => (await post(SCORECARD, VIEWER)).text).toBe(fresh.text);
  });

  it('never keeps an answer that reads data the revision does not cover (a course list)', async () => {
    const courses = { query: 'query { courses(limit: 5) { total items { code } } }' };
    const first = await post(courses, ADMIN);
    expect(first.body.errors).toBeUndefined();
    expect(first.cache).toBe('miss');
    expect((await post(courses, ADMIN)).cache).toBe('miss');
    // Covered and uncovered fields together: the whole answer is not kept either.
    const mixed = { query: `query { plan(code: "${PLAN}") { code budgetTotal } budgetLines(planCode: "${PLAN}") { id } }` };
    const mixedFirst = await post(mixed, FINANCE);
    expect(mixedFirst.body.errors).toBeUndefined();
    expect((await post(mixed, FINANCE)).cache).toBe('miss');
  });

  it('never keeps an answer with errors (an unknown plan)', async () => {
    const unknown = { query: SCORECARD_QUERY, variables: { ...SCORECARD.variables, plan: '999/KH-UBND' } };
    const first = await post(unknown, VIEWER);
    expect(first.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await post(unknown, VIEWER)).cache).toBe('miss');
  });

  it('keeps a query only: the same successful mutation sent twice is carried out twice', async () => {
    const contribution = {
      query: 'mutation($input: RecordContributionInput!) { recordContribution(input: $input) { id } }',
      variables: {
        input: {
          planCode: PLAN,
          contributorTaxCode: '4900654321',
          date: '2026-05-08',
          amount: '1000',
          purpose: 'Đối ứng (gửi hai lần)',
        },
      },
    };
    const first = await post(contribution, FINANCE);
    const second = await post(contribution, FINANCE);
    expect([first.body.errors, second.body.errors]).toEqual([undefined, undefined]);
    expect([first.cache, second.cache]).toEqual(['miss', 'miss']);
    const idOf = (answer: Answer) => (answer.body.data as { recordContribution: { id: string } }).recordContribution.id;
    expect(idOf(second)).not.toBe(idOf(first));
  });
});
