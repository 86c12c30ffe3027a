/**
 * A criteria set sent as JSON can spell any character as an escape ("\u0000", "\u202e"), which
 * the input policy cannot see in the document's text: each string read from the document is held
 * to the policy itself (docs/INPUT.md).
 */
import { startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';
import { assessor, newCode } from './fixtures';

const IMPORT = `mutation($content: String!) { importCriteriaSet(format: JSON, content: $content) { code criteria { title } } }`;

/** The document as JSON text, with `title` of the first criterion written as the raw JSON string given. */
function documentWithTitle(rawTitle: string): string {
  const document = {
    code: newCode('TEXT-SET'),
    version: 1,
    title: 'Bộ tiêu chí thử',
    effectiveDate: '2020-01-01',
    passThreshold: 1,
    criteria: [{ code: '1', group: 'Chung', title: 'PLACEHOLDER', maxScore: 5, mandatory: true }],
  };
  return JSON.stringify(document).replace('"PLACEHOLDER"', rawTitle);
}

describe('labs subgraph: strings inside a JSON criteria set', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(labsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it.each([
    ['NUL', String.raw`"Ph\u00e1p l\u00fd\u0000"`, 'CONTROL_CHARACTER'],
    ['a right-to-left override', String.raw`"Ph\u00e1p \u202el\u00fd"`, 'BIDI_CONTROL'],
    ['a zero-width joiner', String.raw`"Ph\u200d\u00e1p l\u00fd"`, 'INVISIBLE_CHARACTER'],
    ['a lone surrogate', String.raw`"Ph\ud800\u00e1p"`, 'LONE_SURROGATE'],
  ])('refuses %s spelled as a JSON escape with BAD_USER_INPUT on content, naming the criterion', async (_what, raw, reason) => {
    const content = documentWithTitle(raw);
    expect(content).toContain('\\u');
    const result = await subgraph.execute({ query: IMPORT, variables: { content } }, assessor);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'content',
      property: 'title',
      index: 1,
      reason,
    });
    expect(result.data).toBeNull();
  });

  it('imports escaped Vietnamese letters, stored in NFC', async () => {
    const content = documentWithTitle(String.raw`"Pha\u0301p ly\u0301"`);
    const result = await subgraph.execute<{ importCriteriaSet: { criteria: { title: string }[] } }>(
      { query: IMPORT, variables: { content } },
      assessor,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.importCriteriaSet.criteria[0]?.title).toBe('Pháp lý');
  });
});
