import { randomUUID } from 'node:crypto';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { type AccessMatrix, type AccessRule, admits, type RootKind } from '../access/matrix';
import { ANONYMOUS, type Identity, ROLES, type Role } from '../identity/identity';
import type { GraphQLResponse, Operation } from './operation';

/**
 * Every cell of a role matrix, called through the real server: each root field with well-formed
 * arguments generated from the schema, as each role and anonymously (docs/ROLES.md).
 */

/** A value the field's argument type accepts: random uuids for ids, valid dates and amounts, first enum values. */
export function sampleValue(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, name);
  if (isListType(type)) return [sampleValue(type.ofType, name)];
  if (isEnumType(type)) return type.getValues()[0]?.value === undefined ? null : type.getValues()[0]?.name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = sampleValue(field.type, field.name);
    }
    return value;
  }
  if (!isScalarType(type)) throw new Error(`No sample for ${String(type)}`);
  switch (type.name) {
    case 'ID':
      return randomUUID();
    case 'Int':
      return /year/i.test(name) ? 2026 : 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'LocalDate':
      return '2026-01-15';
    case 'DateTimeISO':
    case 'DateTime':
      return '2026-01-15T08:00:00.000Z';
    case 'Money':
      return '1000';
    default:
      return sampleString(name);
  }
}

/** Strings by what the argument is: tax codes and times have their formats. */
function sampleString(name: string): string {
  if (/taxCode$/i.test(name)) return '0100109106';
  if (/time$/i.test(name)) return '08:00';
  if (/email$/i.test(name)) return 'kiem.tra@example.vn';
  return 'Kiểm tra quyền';
}

function requiredArgs(field: GraphQLField<unknown, unknown>): GraphQLArgument[] {
  return field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
}

/** The operation calling one root field with sample arguments, selecting `__typename` of an object. */
export function sampleOperation(schema: GraphQLSchema, kind: RootKind, name: string): Operation {
  const root = kind === 'Query' ? schema.getQueryType() : schema.getMutationType();
  const field = root?.getFields()[name];
  if (!field) throw new Error(`${kind}.${name} is not in the schema`);
  const args = requiredArgs(field);
  const declarations = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return {
    query: `${kind === 'Query' ? 'query' : 'mutation'}${declarations ? `(${declarations})` : ''} { ${name}${call ? `(${call})` : ''}${selection} }`,
    variables: Object.fromEntries(args.map((arg) => [arg.name, sampleValue(arg.type, arg.name)])),
  };
}

/** One call of the sweep and what it answered. */
export interface AccessCell {
  field: string;
  caller: Role | 'anonymous';
  codes: string[];
  reasons: unknown[];
}

/** What the matrix says a caller must get, or null when the call is as it should be. */
export function cellViolation(rule: AccessRule, cell: AccessCell): string | null {
  const anonymous = cell.caller === 'anonymous';
  const admitted = anonymous ? admits(rule, [], false) : admits(rule, [cell.caller as Role], true);
  const roleRefusal = cell.codes.some((code, index) => code === 'FORBIDDEN' && cell.reasons[index] === 'ROLE');
  if (cell.codes.includes('INTERNAL_SERVER_ERROR')) return 'answered INTERNAL_SERVER_ERROR';
  // A generated operation the schema refuses reaches no gate: the cell would prove nothing.
  if (cell.codes.some((code) => code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED')) {
    return `the generated operation is not valid: [${cell.codes}]`;
  }
  if (!admitted) {
    if (anonymous) return cell.codes.includes('UNAUTHENTICATED') ? null : `expected UNAUTHENTICATED, got [${cell.codes}]`;
    return roleRefusal ? null : `expected FORBIDDEN (reason ROLE), got [${cell.codes}]`;
  }
  if (cell.codes.includes('UNAUTHENTICATED')) return 'admitted, yet UNAUTHENTICATED';
  if (roleRefusal) return 'admitted, yet refused by the role gate';
  if (cell.codes.includes('FORBIDDEN') && (anonymous || !rule.when?.[cell.caller as Role])) {
    return 'admitted without condition, yet FORBIDDEN by the service';
  }
  return null;
}

/** The identity of a sweep's caller: one role, or anonymous. */
export function callerIdentity(caller: Role | 'anonymous'): Identity {
  return caller === 'anonymous' ? ANONYMOUS : { subject: `access-${caller}`, roles: [caller], name: `Access ${caller}` };
}

/**
 * Calls every root field of the matrix as every role and anonymously, and lists the cells whose
 * answer the matrix does not allow (empty: every cell holds).
 */
export async function sweepAccessMatrix(
  schema: GraphQLSchema,
  matrix: AccessMatrix,
  execute: (operation: Operation, identity: Identity) => Promise<GraphQLResponse>,
): Promise<{ calls: number; violations: string[] }> {
  const violations: string[] = [];
  let calls = 0;
  for (const kind of ['Mutation', 'Query'] as const) {
    for (const [name, rule] of Object.entries(matrix[kind])) {
      const operation = sampleOperation(schema, kind, name);
      for (const caller of [...ROLES, 'anonymous'] as const) {
        const response = await execute(operation, callerIdentity(caller));
        calls += 1;
        const errors = response.errors ?? [];
        const cell: AccessCell = {
          field: rule.field,
          caller,
          codes: errors.map((error) => String(error.extensions?.code)),
          reasons: errors.map((error) => error.extensions?.reason),
        };
        const violation = cellViolation(rule, cell);
        if (violation) violations.push(`${rule.field} as ${caller}: ${violation} (${errors[0]?.message ?? 'no error'})`);
      }
    }
  }
  return { calls, violations };
}

/**
 * Every role-restricted field of an entity (`matrix.fields`), read as every role and anonymously
 * through the operation `reach` gives for it (a reference, or a path open to every signed-in
 * caller), and the cells whose answer the matrix does not allow.
 */
export async function sweepFieldAccess(
  matrix: AccessMatrix,
  reach: Readonly<Record<string, Operation>>,
  execute: (operation: Operation, identity: Identity) => Promise<GraphQLResponse>,
): Promise<{ calls: number; violations: string[] }> {
  const violations: string[] = [];
  let calls = 0;
  for (const [key, rule] of Object.entries(matrix.fields)) {
    const operation = reach[key];
    if (!operation) {
      violations.push(`${key}: no operation reaches it`);
      continue;
    }
    const fieldName = key.split('.')[1];
    for (const caller of [...ROLES, 'anonymous'] as const) {
      const response = await execute(operation, callerIdentity(caller));
      calls += 1;
      const errors = response.errors ?? [];
      const cell: AccessCell = {
        field: key,
        caller,
        codes: errors.map((error) => String(error.extensions?.code)),
        reasons: errors.map((error) => error.extensions?.reason),
      };
      const violation = cellViolation(rule, cell);
      if (violation) violations.push(`${key} as ${caller}: ${violation} (${errors[0]?.message ?? 'no error'})`);
      // An admitted caller must really get the field: the operation reaches it for them.
      if (!violation && admits(rule, caller === 'anonymous' ? [] : [caller], caller !== 'anonymous') && errors.length === 0) {
        if (!JSON.stringify(response.data ?? {}).includes(`"${fieldName}":`)) violations.push(`${key} as ${caller}: not reached`);
      }
    }
  }
  return { calls, violations };
}
