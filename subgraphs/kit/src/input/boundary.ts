import {
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLInputField,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLSchema,
  isInputObjectType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { Extensions } from 'type-graphql';
import { BadInputError } from '../errors';
import { describeViolation, normalizeText, type TextKind, textViolation } from './policy';

/** The extension key a text kind is kept under, on an input field or on a resolver's field. */
const KIND_KEY = 'inputText';

/**
 * Marks an input type's field as a kind of text other than a single line (docs/INPUT.md):
 * `@TextInput('personName') @Field() fullName!: string`.
 */
export function TextInput(kind: TextKind): PropertyDecorator {
  return Extensions({ [KIND_KEY]: kind }) as PropertyDecorator;
}

/**
 * Marks a resolver's plain arguments, by name: `@TextArgs({ name: 'personName' })` next to
 * `@Mutation`. (type-graphql keeps extensions on fields, not on `@Arg` parameters.)
 */
export function TextArgs(kinds: Record<string, TextKind>): MethodDecorator {
  return Extensions({ [KIND_KEY]: kinds }) as MethodDecorator;
}

/** Checks one received value and gives it back as it is passed on (NFC strings). */
type Check = (value: unknown, path: string) => unknown;

function kindOf(extensions: Readonly<Record<string, unknown>> | null | undefined): TextKind | undefined {
  const kind = extensions?.[KIND_KEY];
  return typeof kind === 'string' ? (kind as TextKind) : undefined;
}

function textCheck(kind: TextKind): Check {
  return (value, path) => {
    if (typeof value !== 'string') return value;
    const violation = textViolation(value, kind);
    if (violation) {
      const [vi, en] = describeViolation(violation, kind, path);
      throw new BadInputError(path, vi, en, { reason: violation });
    }
    return normalizeText(value);
  };
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

/** The check for values of `type`, or null when the type holds no text anywhere. */
function checkFor(type: GraphQLInputType, kind: TextKind, seen: Map<string, Check | null>): Check | null {
  if (type instanceof GraphQLNonNull) return checkFor(type.ofType, kind, seen);
  if (type instanceof GraphQLList) {
    const item = checkFor(type.ofType, kind, seen);
    if (!item) return null;
    return (value, path) =>
      Array.isArray(value) ? value.map((entry, index) => item(entry, `${path}[${index}]`)) : item(value, path);
  }
  // ID and String carry text; custom scalars (Money, LocalDate) and enums check themselves.
  if (isScalarType(type)) return type.name === 'String' || type.name === 'ID' ? textCheck(kind) : null;
  if (!isInputObjectType(type)) return null;
  if (seen.has(type.name)) {
    // A recursive input type: resolved on use, once the whole type is planned.
    return (value, path) => (seen.get(type.name) ?? ((v: unknown) => v))(value, path);
  }
  seen.set(type.name, null);
  const fields = Object.values(type.getFields())
    .map((field: GraphQLInputField) => [field.name, checkFor(field.type, kindOf(field.extensions) ?? 'line', seen)] as const)
    .filter((entry): entry is readonly [string, Check] => entry[1] !== null);
  const check: Check | null =
    fields.length === 0
      ? null
      : (value, path) => {
          if (value === null || typeof value !== 'object') return value;
          const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
          for (const [name, fieldCheck] of fields) {
            if (copy[name] !== undefined && copy[name] !== null) copy[name] = fieldCheck(copy[name], join(path, name));
          }
          return copy;
        };
  seen.set(type.name, check);
  return check;
}

/**
 * The check of a field's arguments. An argument of an input type is named by the path inside it
 * (`assessors[0].name`, as services name fields); a plain argument by its name.
 */
function argumentsCheck(
  args: readonly GraphQLArgument[],
  argKinds: Record<string, TextKind>,
  seen: Map<string, Check | null>,
): ((args: Record<string, unknown>) => Record<string, unknown>) | null {
  const checks = args
    .map((arg) => {
      const check = checkFor(arg.type, argKinds[arg.name] ?? 'line', seen);
      const root = isInputObjectType(arg.type instanceof GraphQLNonNull ? arg.type.ofType : arg.type) ? '' : arg.name;
      return check ? ([arg.name, check, root] as const) : null;
    })
    .filter((entry) => entry !== null);
  if (checks.length === 0) return null;
  return (received) => {
    const checked: Record<string, unknown> = { ...received };
    for (const [name, check, root] of checks) {
      if (checked[name] !== undefined && checked[name] !== null) checked[name] = check(checked[name], root);
    }
    return checked;
  };
}

/** A resolver map as type-graphql's `createResolversMap` gives it. */
type ResolverMap = Record<string, unknown>;

/**
 * Applies the input policy to every argument of every field of the schema, before its resolver:
 * each resolver of a field with text in its arguments is wrapped in a check that refuses a value
 * breaking the policy (BAD_USER_INPUT naming the field) and passes the values on in NFC. Kinds
 * are read from the code-first schema (`@TextInput`, `@TextArgs`); unmarked text is one line.
 */
export function applyInputPolicy(codeFirst: GraphQLSchema, resolvers: ResolverMap): void {
  const seen = new Map<string, Check | null>();
  for (const type of Object.values(codeFirst.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeResolvers = resolvers[type.name] as Record<string, unknown> | undefined;
    if (!typeResolvers) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = typeResolvers[field.name];
      if (typeof resolve !== 'function' || field.args.length === 0) continue;
      const argKinds = (field.extensions?.[KIND_KEY] ?? {}) as Record<string, TextKind>;
      const check = argumentsCheck(field.args, argKinds, seen);
      if (!check) continue;
      const original = resolve as GraphQLFieldResolver<unknown, unknown>;
      typeResolvers[field.name] = ((source, args, context, info) =>
        original(source, check(args), context, info)) as GraphQLFieldResolver<unknown, unknown>;
    }
  }
}
