/**
 * The gateway's API schema (what clients may query), derived from the committed supergraph with
 * the federation internals (join__*, link__*, @inaccessible) removed, as the gateway itself does.
 * `clients/sdk/schema.graphql` holds it (written by `npm run codegen`); run directly, this prints it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printSchema, Supergraph } from '@apollo/federation-internals';

const SDK_ROOT = path.resolve(__dirname, '..', __dirname.endsWith(`${path.sep}dist`) ? '..' : '.');

export const SUPERGRAPH_FILE = path.resolve(SDK_ROOT, '../../gateway/supergraph.graphql');
export const API_SCHEMA_FILE = path.join(SDK_ROOT, 'schema.graphql');

/** Prints the API schema of a supergraph (SDL with descriptions, in the supergraph's order). */
export function apiSchemaOf(supergraphSdl: string): string {
  return `${printSchema(Supergraph.build(supergraphSdl).apiSchema())}\n`;
}

/** The API schema of the committed supergraph. */
export function currentApiSchema(): string {
  return apiSchemaOf(readFileSync(SUPERGRAPH_FILE, 'utf8'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) process.stdout.write(currentApiSchema());
