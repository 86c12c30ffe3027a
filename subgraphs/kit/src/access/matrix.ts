import { type GraphQLSchema, isObjectType } from 'graphql';
import { ROLES, type Role } from '../identity/identity';
import type { Bilingual } from '../vocabulary/language';

/**
 * The role matrix (docs/ROLES.md): who may call each root field of a subgraph, written once as
 * data. Resolvers carry their own entry (`@Authorized(ACCESS.Mutation.createCourse)`), the kit's
 * auth checker enforces it, `buildFederatedSchema` refuses a schema whose root fields and matrix
 * differ, and docs/ROLES.md is printed from it.
 */

export type { Bilingual } from '../vocabulary/language';

/**
 * Who passes the role gate: these roles, any signed-in caller (`'signed-in'`), or anyone,
 * anonymous callers included (`'public'`).
 */
export type Admitted = readonly Role[] | 'signed-in' | 'public';

export interface AccessRuleSpec {
  roles: Admitted;
  /**
   * Roles the gate admits only on a condition the service checks (the trainer of this course,
   * the holder of this certificate…): the condition's text. The service refuses the others with
   * FORBIDDEN; a role listed here may get that FORBIDDEN, a role admitted without condition never.
   */
  when?: Partial<Record<Role, Bilingual>>;
}

/** A matrix entry, knowing the root field it belongs to (`Mutation.createCourse`). */
export interface AccessRule extends AccessRuleSpec {
  readonly field: string;
}

export type RootKind = 'Query' | 'Mutation';

/** How much of a personal field a caller sees. */
export type Visibility = 'full' | 'masked' | 'hidden';

/**
 * A personal field (Decree 13/2023/NĐ-CP): what each relation of the caller to the person sees.
 * Relations are the subgraph's own (e.g. OWNER, ADMIN, COURSE_TRAINER); hidden reads as null.
 */
export interface PersonalFieldRule<Relation extends string = string> {
  sees: Readonly<Record<Relation, Visibility>>;
}

export interface PersonalFields<Relation extends string = string> {
  /** Each relation: who holds it, in both languages (in the order they are decided). */
  relations: Readonly<Record<Relation, Bilingual>>;
  /** `Type.field` → its rule. */
  fields: Readonly<Record<string, PersonalFieldRule<Relation>>>;
  /** Who reaches the record at all, and by which paths. */
  records?: Bilingual;
}

/** Every root field of one subgraph, and its personal fields. */
export interface AccessMatrix {
  subgraph: string;
  Query: Readonly<Record<string, AccessRule>>;
  Mutation: Readonly<Record<string, AccessRule>>;
  /** Fields of entity types that roles restrict (`Plan.budgetSummary`), reached by references too. */
  fields: Readonly<Record<string, AccessRule>>;
  personal?: PersonalFields;
  /** Separation-of-duties rules enforced or considered for this subgraph's operations. */
  fourEyes?: readonly FourEyesRule[];
}

/** A separation-of-duties rule (four eyes): enforced, or considered and left out, with why. */
export interface FourEyesRule {
  field: string;
  enforced: boolean;
  rule: Bilingual;
  why: string;
}

type Rules<T> = { readonly [K in keyof T]: AccessRule };

/**
 * The matrix of a subgraph. Every Query and Mutation field of its schema has an entry (queries
 * open to any signed-in caller too: `'signed-in'`), so that nothing is open by omission.
 */
export function defineAccess<
  Q extends Record<string, AccessRuleSpec>,
  M extends Record<string, AccessRuleSpec>,
  F extends Record<string, AccessRuleSpec> = Record<never, AccessRuleSpec>,
  Relation extends string = never,
>(
  subgraph: string,
  spec: { Query: Q; Mutation: M; fields?: F; personal?: PersonalFields<Relation>; fourEyes?: readonly FourEyesRule[] },
): {
  subgraph: string;
  Query: Rules<Q>;
  Mutation: Rules<M>;
  fields: Rules<F>;
  personal?: PersonalFields<Relation>;
  fourEyes?: readonly FourEyesRule[];
} {
  const rules = <T extends Record<string, AccessRuleSpec>>(kind: RootKind | null, specs: T): Rules<T> =>
    Object.fromEntries(
      Object.entries(specs).map(([name, rule]) => [name, Object.freeze({ ...rule, field: kind ? `${kind}.${name}` : name })]),
    ) as Rules<T>;
  return {
    subgraph,
    Query: rules('Query', spec.Query),
    Mutation: rules('Mutation', spec.Mutation),
    fields: rules(null, spec.fields ?? ({} as F)),
    personal: spec.personal,
    fourEyes: spec.fourEyes,
  };
}

/** The same condition for each of these roles. */
export function whenFor(roles: readonly Role[], condition: Bilingual): Partial<Record<Role, Bilingual>> {
  return Object.fromEntries(roles.map((role) => [role, condition]));
}

/** Whether the role gate admits a caller of these roles (anonymous: no subject). */
export function admits(rule: AccessRuleSpec, roles: readonly Role[], signedIn: boolean): boolean {
  if (rule.roles === 'public') return true;
  if (!signedIn) return false;
  if (rule.roles === 'signed-in') return true;
  const admitted = rule.roles;
  return roles.some((role) => admitted.includes(role));
}

/** The roles a rule admits (every role for signed-in and public rules). */
export function admittedRoles(rule: AccessRuleSpec): readonly Role[] {
  return typeof rule.roles === 'string' ? ROLES : rule.roles;
}

/** Federation's own root fields: answered by @apollo/subgraph, not part of any matrix. */
const FEDERATION_FIELDS = new Set(['_entities', '_service']);

/** Root fields of the schema without an entry, and entries without a field. */
export function accessDrift(schema: GraphQLSchema, matrix: AccessMatrix): { unlisted: string[]; unknown: string[] } {
  const unlisted: string[] = [];
  const unknown: string[] = [];
  for (const kind of ['Query', 'Mutation'] as const) {
    const type = kind === 'Query' ? schema.getQueryType() : schema.getMutationType();
    const fields = type && isObjectType(type) ? Object.keys(type.getFields()).filter((name) => !FEDERATION_FIELDS.has(name)) : [];
    for (const name of fields) if (!matrix[kind][name]) unlisted.push(`${kind}.${name}`);
    for (const name of Object.keys(matrix[kind])) if (!fields.includes(name)) unknown.push(`${kind}.${name}`);
  }
  for (const key of Object.keys(matrix.fields)) {
    const [typeName = '', fieldName = ''] = key.split('.');
    const type = schema.getType(typeName);
    if (!type || !isObjectType(type) || !type.getFields()[fieldName]) unknown.push(key);
  }
  return { unlisted, unknown };
}

/** Throws when the schema and the matrix differ: a new root field must be given its roles. */
export function assertAccessCoversSchema(schema: GraphQLSchema, matrix: AccessMatrix): void {
  const { unlisted, unknown } = accessDrift(schema, matrix);
  if (unlisted.length === 0 && unknown.length === 0) return;
  throw new Error(
    `The ${matrix.subgraph} role matrix and schema differ (docs/ROLES.md).` +
      (unlisted.length ? ` Fields without roles: ${unlisted.join(', ')}.` : '') +
      (unknown.length ? ` Entries without a field: ${unknown.join(', ')}.` : ''),
  );
}

/** What a personal field answers for a relation: the value, its masked form, or null. */
export function reveal<Relation extends string>(
  rule: PersonalFieldRule<Relation>,
  relation: Relation,
  value: string | null,
  mask: (value: string) => string,
): string | null {
  if (value === null) return null;
  const visibility = rule.sees[relation];
  if (visibility === 'full') return value;
  if (visibility === 'masked') return mask(value);
  return null;
}
