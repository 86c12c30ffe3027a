/**
 * A subgraph's side of the response cache (kit `revisions/`), on the funding subgraph and its
 * real database: the revision stream is the gateway's alone and follows every committed change,
 * whoever writes; covered query answers carry the revision they reflect, other answers none, and
 * a mutation's answer carries the revision after its commit. A labelled answer names the date it
 * was computed for, and one during whose computation midnight passed is not labelled.
 */

import { fundingSubgraph } from '@metrology/funding';
import { DEV_GATEWAY_SECRET } from '@metrology/kit/config';
import { ANONYMOUS, type Identity, signIdentity } from '@metrology/kit/identity';
import { parseRevision, type Revision } from '@metrology/kit/revisions';
import { identityOf, requestTarget, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const PLAN = '129/KH-UBND';
let subgraph: TestSubgraph;
let streamUrl: string;

/** A revision as the stream and labels write it, `epoch:number`. */
const revisionOf = (value: string | null | undefined) => parseRevision(value) as Revision;

/** Called at every SQL statement of the subgraph (a test moves the clock there). */
let onStatement: () => void = () => undefined;

beforeAll(async () => {
  subgraph = await startTestSubgraph(fundingSubgraph, { onQuery: () => onStatement() });
  streamUrl = new URL('/revisions', subgraph.url).toString();
});
afterAll(() => subgraph?.stop());

/** Reads the revisions a stream sends, as they come. */
async function openStream(): Promise<{ revisions: string[]; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(streamUrl, {
    headers: signIdentity(ANONYMOUS, { method: 'GET', target: '/revisions', body: '' }, DEV_GATEWAY_SECRET),
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const revisions: string[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffered = '';
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      for (const match of buffered.matchAll(/^data: (.*)$/gm)) revisions.push(match[1] as string);
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    }
  })();
  return { revisions, close: () => controller.abort() };
}

async function post(query: string, identity: Identity, variables: Record<string, unknown> = {}) {
  const body = JSON.stringify({ query, variables });
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signIdentity(identity, { method: 'POST', target: requestTarget(subgraph.url), body }, DEV_GATEWAY_SECRET),
    },
    body,
  });
  const json = (await response.json()) as { errors?: unknown[] };
  return {
    json,
    label: response.headers.get('x-data-revision'),
    date: response.headers.get('x-data-date'),
    floor: response.headers.get('x-data-revision-floor'),
  };
}

describe('the revision stream and answer labels of a subgraph', () => {
  it('refuses the stream without the gateway signature (401 UNAUTHENTICATED) and over another method, even signed (405)', async () => {
    const unsigned = await fetch(streamUrl);
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    const posted = await fetch(streamUrl, {
      method: 'POST',
      headers: signIdentity(ANONYMOUS, { method: 'POST', target: '/revisions', body: '' }, DEV_GATEWAY_SECRET),
    });
    expect(posted.status).toBe(405);
  });

  it('sends the current revision at once, then every change committed straight in the database', async () => {
    const stream = await openStream();
    try {
      await expect.poll(() => stream.revisions.length).toBeGreaterThan(0);
      const first = revisionOf(stream.revisions[0]);
      await subgraph.database.orm.em.fork().execute(
        `insert into contribution (plan_id, contributor_tax_code, date, amount, purpose)
         select id, '4900654321', '2026-05-06', 1000000, 'Nhập trực tiếp' from plan where code = ?`,
        [PLAN],
      );
      await expect
        .poll(() => stream.revisions.map(revisionOf).some((r) => r.epoch === first.epoch && r.number > first.number))
        .toBe(true);
    } finally {
      stream.close();
    }
  });

  it('labels a covered query with the revision it reflects, and an uncovered one not at all', async () => {
    const stream = await openStream();
    try {
      await expect.poll(() => stream.revisions.length).toBeGreaterThan(0);
      const covered = await post(
        `{ plan(code: "${PLAN}") { code budgetTotal budgetSummary { contributions } } }`,
        identityOf('viewer'),
      );
      expect(covered.json.errors).toBeUndefined();
      expect(covered.label).toBe(stream.revisions.at(-1));
      const uncovered = await post(`{ budgetLines(planCode: "${PLAN}") { id } }`, identityOf('finance'));
      expect(uncovered.json.errors).toBeUndefined();
      expect(uncovered.label).toBeNull();
      const refused = await post(`{ plan(code: "${PLAN}") { budgetSummary { contributions } } }`, ANONYMOUS);
      expect(refused.json.errors).toBeDefined();
      expect(refused.label).toBeNull();
    } finally {
      stream.close();
    }
  });

  it("gives a mutation's answer the revision after its commit, which the stream then reaches", async () => {
    const stream = await openStream();
    try {
      await expect.poll(() => stream.revisions.length).toBeGreaterThan(0);
      const before = revisionOf(stream.revisions.at(-1));
      const recorded = await post(
        'mutation($input: RecordContributionInput!) { recordContribution(input: $input) { id } }',
        identityOf('finance'),
        {
          input: { planCode: PLAN, contributorTaxCode: '4900654321', date: '2026-05-07', amount: '5000000', purpose: 'Đối ứng' },
        },
      );
      expect(recorded.json.errors).toBeUndefined();
      const floor = revisionOf(recorded.floor);
      expect(floor.epoch).toBe(before.epoch);
      expect(floor.number).toBeGreaterThan(before.number);
      await expect.poll(() => stream.revisions.includes(recorded.floor as string)).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('labels a covered answer with the date it took as today, and leaves unlabelled one during which midnight passed', async () => {
    const query = `{ plan(code: "${PLAN}") { code budgetTotal budgetSummary { contributions } } }`;
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // 23:59:59 on 8 December in Vietnam.
      vi.setSystemTime(new Date('2026-12-08T16:59:59.000Z'));
      const before = await post(query, identityOf('viewer'));
      expect(before.json.errors).toBeUndefined();
      expect(before.label).not.toBeNull();
      expect(before.date).toBe('2026-12-08');

      // Midnight passes while the answer is computed (at its first SQL statement).
      onStatement = () => vi.setSystemTime(new Date('2026-12-08T17:00:01.000Z'));
      const across = await post(query, identityOf('viewer'));
      onStatement = () => undefined;
      expect(across.json.errors).toBeUndefined();
      expect([across.label, across.date]).toEqual([null, null]);

      const after = await post(query, identityOf('viewer'));
      expect(after.label).not.toBeNull();
      expect(after.date).toBe('2026-12-09');
    } finally {
      onStatement = () => undefined;
      vi.useRealTimers();
    }
  });
});
