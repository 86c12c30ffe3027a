import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { printFederatedSchema } from '@metrology/kit';
import { describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src/definition';

describe('subgraphs/labs/schema.graphql', () => {
  it('is what the code prints (run `npm run compose` after a schema change)', async () => {
    const committed = await readFile(path.join(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(committed, 'subgraphs/labs/schema.graphql is stale').toBe(printFederatedSchema(await labsSubgraph.buildSchema()));
  });
});
