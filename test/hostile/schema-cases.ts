/**
 * Reads the API schema (the SDK's copy of the gateway's schema) and builds, for every Query and
 * Mutation field, a well-formed operation and every location in its arguments where a value of
 * one of the swept scalars goes. New fields and arguments are covered without anyone listing them.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
} from 'graphql';

export const API_SCHEMA_PATH = path.resolve(__dirname, '../../clients/sdk/schema.graphql');

export function readApiSchema(): GraphQLSchema {
  return buildSchema(readFileSync(API_SCHEMA_PATH, 'utf8'));
}

/** The scalars swept: text (String, ID), dates and money. */
export type SweptScalar = 'String' | 'ID' | 'LocalDate' | 'Money';
const SWEPT = new Set<string>(['String', 'ID', 'LocalDate', 'Money']);

/** One place a swept value goes: a path of keys into the variables. */
export interface Location {
  /** e.g. ['input', 'assessors', 0, 'name']. */
  keys: (string | number)[];
  scalar: SweptScalar;
  /** The name of the argument or input field at the end (`name`, `fullName`, `search`). */
  leaf: string;
  /** The input type holding it, or null for an argument. */
  parentType: string | null;
  /** How the input policy names it in `extensions.field`: the path inside an input object argument. */
  fieldPath: string;
}

export interface FieldCase {
  operation: 'query' | 'mutation';
  /** `Mutation.registerTrainee`. */
  coordinate: string;
  field: string;
  document: string;
  /** The document with the given arguments written as literals (GraphQL text) instead of variables. */
  documentWith(literals: Record<string, string>): string;
  /** Well-formed variables: random ids, valid dates and amounts, enums at their first value. */
  variables: () => Record<string, unknown>;
  locations: Location[];
}

const SAMPLE: Record<string, () => unknown> = {
  ID: () => randomUUID(),
  // Letters only: passes every kind of text of the input policy, so a refusal names the swept one.
  String: () => 'Lan',
  LocalDate: () => '2026-03-16',
  Money: () => 1000,
  Int: () => 1,
  Float: () => 1,
  Boolean: () => false,
};

/** A well-formed value of `type`: required fields and input objects filled recursively, lists of one. */
function sampleValue(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, depth);
  if (isListType(type)) return [sampleValue(type.ofType as GraphQLInputType, depth)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    if (depth > 5) return value;
    for (const field of Object.values(type.getFields())) {
      // Required fields, and optional input objects (so that any location inside one has its parents).
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required || isInputObjectType(getNamedType(field.type))) value[field.name] = sampleValue(field.type, depth + 1);
    }
    return value;
  }
  const sample = SAMPLE[getNamedType(type).name];
  if (!sample) throw new Error(`no sample value for scalar ${getNamedType(type).name}: add one to test/hostile/schema-cases.ts`);
  return sample();
}

/** Every swept location under a value of `type` at `keys`, optional fields included. */
function locationsOf(
  type: GraphQLInputType,
  keys: (string | number)[],
  fieldPath: string,
  leaf: string,
  parentType: string | null,
  seen: string[],
): Location[] {
  if (type instanceof GraphQLNonNull) return locationsOf(type.ofType, keys, fieldPath, leaf, parentType, seen);
  if (type instanceof GraphQLList) return locationsOf(type.ofType, [...keys, 0], `${fieldPath}[0]`, leaf, parentType, seen);
  if (isInputObjectType(type)) {
    if (seen.includes(type.name)) return [];
    return Object.values(type.getFields()).flatMap((field) =>
      locationsOf(
        field.type,
        [...keys, field.name],
        fieldPath ? `${fieldPath}.${field.name}` : field.name,
        field.name,
        type.name,
        [...seen, type.name],
      ),
    );
  }
  const name = getNamedType(type).name;
  return SWEPT.has(name) ? [{ keys, scalar: name as SweptScalar, leaf, parentType, fieldPath }] : [];
}

/** The selection that makes any return type a valid query: `__typename` for composite types. */
function selectionFor(field: GraphQLField<unknown, unknown>): string {
  return isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
}

export function fieldCases(schema: GraphQLSchema): FieldCase[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  return roots.flatMap(([operation, root]) =>
    Object.values(root?.getFields() ?? {}).map((field): FieldCase => {
      const documentWith = (literals: Record<string, string>) => {
        const variables = field.args.filter((arg) => !(arg.name in literals));
        const declarations = variables.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
        const passing = field.args.map((arg) => `${arg.name}: ${literals[arg.name] ?? `$${arg.name}`}`).join(', ');
        return `${operation} Sweep${declarations ? `(${declarations})` : ''} { ${field.name}${passing ? `(${passing})` : ''}${selectionFor(field)} }`;
      };
      const locations = field.args.flatMap((arg) => {
        const named = getNamedType(arg.type);
        // An input object argument is named by the path inside it, as services name fields.
        return locationsOf(arg.type, [arg.name], isInputObjectType(named) ? '' : arg.name, arg.name, null, []);
      });
      return {
        operation,
        coordinate: `${root?.name}.${field.name}`,
        field: field.name,
        document: documentWith({}),
        documentWith,
        variables: () => Object.fromEntries(field.args.map((arg) => [arg.name, sampleValue(arg.type)])),
        locations,
      };
    }),
  );
}

/**
 * `variables` with `value` at `location`: missing objects and lists on the way are created (an
 * optional input object or field is then present).
 */
export function withValueAt(variables: Record<string, unknown>, location: Location, value: unknown): Record<string, unknown> {
  const copy = structuredClone(variables);
  let holder: Record<string | number, unknown> = copy;
  location.keys.forEach((key, index) => {
    if (index === location.keys.length - 1) {
      holder[key] = value;
      return;
    }
    const next = location.keys[index + 1];
    if (holder[key] === undefined || holder[key] === null) holder[key] = typeof next === 'number' ? [] : {};
    holder = holder[key] as Record<string | number, unknown>;
  });
  return copy;
}
