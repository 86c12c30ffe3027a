/**
 * Generates the typed client: the API schema (`schema.graphql`) from the committed supergraph,
 * then, with GraphQL Code Generator's client preset, typed documents for every operation in
 * `src/operations/*.graphql` into `src/generated/`. All of it is committed; `test/stale.test.ts`
 * fails when it differs from what this produces. Run with `npm run codegen` at the root.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { preset } from '@graphql-codegen/client-preset';
import { API_SCHEMA_FILE, currentApiSchema } from './api-schema';

const SDK_ROOT = path.dirname(API_SCHEMA_FILE);
export const OPERATIONS_DIR = path.join(SDK_ROOT, 'src/operations');
export const GENERATED_DIR = path.join(SDK_ROOT, 'src/generated');

/** Every generated file, by path relative to the SDK's folder (`schema.graphql`, `src/generated/…`). */
export type GeneratedFiles = Map<string, string>;

/**
 * The files the generator produces now, in memory. Documents are plain strings
 * (`TypedDocumentString`), so that the client needs no GraphQL library at run time, in the
 * browser as in Node; enums are string unions; each scalar has the type it has on the wire.
 */
export async function generateClient(): Promise<GeneratedFiles> {
  const schema = currentApiSchema();
  const outputs = (await generate(
    {
      schema,
      documents: path.join(OPERATIONS_DIR, '*.graphql'),
      silent: true,
      errorsOnly: true,
      generates: {
        [`${GENERATED_DIR}/`]: {
          preset,
          presetConfig: { fragmentMasking: false },
          config: {
            documentMode: 'string',
            enumsAsTypes: true,
            useTypeImports: true,
            strictScalars: true,
            scalars: {
              DateTimeISO: 'string',
              LocalDate: 'string',
              Money: { input: 'number | string', output: 'number' },
            },
          },
        },
      },
    },
    false,
  )) as { filename: string; content: string }[];
  const files: GeneratedFiles = new Map([[path.relative(SDK_ROOT, API_SCHEMA_FILE), schema]]);
  for (const output of outputs) files.set(path.relative(SDK_ROOT, output.filename), output.content);
  return files;
}

async function main(): Promise<void> {
  const files = await generateClient();
  // Files of operations that no longer exist must not linger.
  rmSync(GENERATED_DIR, { recursive: true, force: true });
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const [file, content] of files) writeFileSync(path.join(SDK_ROOT, file), content);
  const generated = readdirSync(GENERATED_DIR).length;
  process.stdout.write(`Wrote clients/sdk/schema.graphql and ${generated} files in clients/sdk/src/generated/\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
