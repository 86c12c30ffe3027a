import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateClient } from '../scripts/codegen';

const SDK_ROOT = path.resolve(__dirname, '..');
// Generated once, in memory, from gateway/supergraph.graphql and src/operations/*.graphql.
const generated = generateClient();

describe('the committed typed client', () => {
  it('matches what the current supergraph and operations produce (run `npm run codegen` when this fails)', async () => {
    const expected = await generated;
    expect([...expected.keys()]).toContain('schema.graphql');
    for (const [file, content] of expected) {
      expect(readFileSync(path.join(SDK_ROOT, file), 'utf8'), `${file} is stale: run npm run codegen`).toBe(content);
    }
    const committed = readdirSync(GENERATED_DIR).map((name) => path.relative(SDK_ROOT, path.join(GENERATED_DIR, name)));
    const produced = [...expected.keys()].filter((file) => file !== 'schema.graphql');
    expect(committed.sort(), 'src/generated holds files the generator no longer produces').toEqual(produced.sort());
  });

  it('derives the API schema without the federation internals', async () => {
    const schema = (await generated).get('schema.graphql') ?? '';
    expect(schema).toContain('importAttendanceCsv(');
    expect(schema).not.toMatch(/join__|link__|@join|@link|@inaccessible/);
  });
});
