import { buildSchema, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { accessDrift, assertAccessCoversSchema, defineAccess, renderRolesDocument } from '../src/access';
import { roleAuthChecker } from '../src/auth';
import type { BaseContext } from '../src/context';
import { DomainError } from '../src/errors';
import { ANONYMOUS, type Identity } from '../src/identity/identity';

const SCHEMA = buildSchema(`
  type Query { listed: Int open: Int }
  type Mutation { write: Int unlisted: Int }
  type Plan { code: ID total: Int }
`);

const MATRIX = defineAccess('sample', {
  Query: { listed: { roles: ['admin'] }, open: { roles: 'signed-in' }, vanished: { roles: 'public' } },
  Mutation: { write: { roles: ['admin', 'trainer'], when: { trainer: { en: 'teaches it', vi: 'dạy khóa này' } } } },
  fields: { 'Plan.total': { roles: ['viewer'] }, 'Plan.missing': { roles: ['viewer'] } },
});

/** Runs the auth checker for a field as a caller; the thrown coded error or true. */
function check(parent: string, field: string, identity: Identity, roles: unknown[]): unknown {
  const info = { parentType: { name: parent }, fieldName: field } as unknown as GraphQLResolveInfo;
  try {
    return roleAuthChecker({ root: {}, args: {}, context: { identity } as BaseContext, info }, roles as never);
  } catch (error) {
    return error instanceof DomainError ? { code: error.code, ...error.details } : (error as Error).message;
  }
}

describe('the role matrix (kit)', () => {
  it('names the root fields without an entry and the entries without a field', () => {
    expect(accessDrift(SCHEMA, MATRIX)).toEqual({
      unlisted: ['Mutation.unlisted'],
      unknown: ['Query.vanished', 'Plan.missing'],
    });
    expect(() => assertAccessCoversSchema(SCHEMA, MATRIX)).toThrow(/Fields without roles: Mutation\.unlisted/);
  });

  it('lets the gate admit a listed role, refuse another with FORBIDDEN (reason ROLE) and an anonymous caller with UNAUTHENTICATED', () => {
    const rule = MATRIX.Mutation.write;
    expect(check('Mutation', 'write', { subject: 's', roles: ['trainer'], name: null }, [rule])).toBe(true);
    expect(check('Mutation', 'write', { subject: 's', roles: ['viewer'], name: null }, [rule])).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ROLE',
      roles: ['admin', 'trainer'],
    });
    expect(check('Mutation', 'write', ANONYMOUS, [rule])).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(check('Query', 'vanished', ANONYMOUS, [MATRIX.Query.vanished])).toBe(true);
  });

  it('refuses to decide a field with the entry of another field (a copied decorator)', () => {
    expect(check('Mutation', 'unlisted', { subject: 's', roles: ['admin'], name: null }, [MATRIX.Mutation.write])).toBe(
      'Mutation.unlisted carries the access rule of Mutation.write',
    );
  });

  it('prints each entry with its condition and the Vietnamese role names', () => {
    const document = renderRolesDocument([MATRIX]);
    expect(document).toContain('| `write` | ✓ | ✓ if ¹ | — | — | — | — | — | trainer: teaches it (dạy khóa này) |');
    expect(document).toContain('| `vanished` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |  |');
    expect(document).toContain('| `trainer` | Giảng viên |');
  });
});
