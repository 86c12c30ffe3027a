import { buildSchema, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { accessDrift, assertAccessCoversSchema, defineAccess, renderRolesDocument } from '../src/access';
import { roleAuthChecker } from '../src/auth';
import type { BaseContext } from '../src/context';
import { DomainError } from '../src/errors';
import { ANONYMOUS, type Identity } from '../src/identity/identity';
import { cellViolation } from '../src/testing/access';

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

  it('judges each cell of the sweep: every way a call can break the matrix is a violation', () => {
    const rule = { roles: ['admin', 'trainer'], when: { trainer: { en: 'teaches it', vi: 'dạy khóa' } } } as never;
    const cell = (caller: string, codes: string[], reasons: unknown[] = codes.map(() => undefined)) =>
      cellViolation(rule, { field: 'Mutation.x', caller: caller as never, codes, reasons });
    // As the matrix says.
    expect(cell('admin', ['NOT_FOUND'])).toBeNull();
    expect(cell('trainer', ['FORBIDDEN'])).toBeNull();
    expect(cell('viewer', ['FORBIDDEN'], ['ROLE'])).toBeNull();
    expect(cell('anonymous', ['UNAUTHENTICATED'])).toBeNull();
    // Against it.
    expect(cell('viewer', [])).toMatch(/expected FORBIDDEN/);
    expect(cell('viewer', ['FORBIDDEN'])).toMatch(/expected FORBIDDEN \(reason ROLE\)/);
    expect(cell('anonymous', ['NOT_FOUND'])).toMatch(/expected UNAUTHENTICATED/);
    expect(cell('admin', ['FORBIDDEN'], ['ROLE'])).toMatch(/refused by the role gate/);
    expect(cell('admin', ['FORBIDDEN'])).toMatch(/without condition, yet FORBIDDEN/);
    expect(cell('admin', ['UNAUTHENTICATED'])).toMatch(/UNAUTHENTICATED/);
    expect(cell('admin', ['INTERNAL_SERVER_ERROR'])).toMatch(/INTERNAL_SERVER_ERROR/);
    expect(cell('admin', ['GRAPHQL_VALIDATION_FAILED'])).toMatch(/not valid/);
  });
});
