import type { AuthCheckerFn } from 'type-graphql';
import { type AccessRule, admits, admittedRoles } from './access/matrix';
import type { BaseContext } from './context';
import { DomainError, UnauthenticatedError } from './errors';
import type { Role } from './identity/identity';
import { ROLE_NAMES } from './vocabulary/roles';

/**
 * The role gate refused the caller: FORBIDDEN with `extensions.reason: 'ROLE'` and the roles
 * admitted, told apart from a service's refusal (not the trainer of this course…), which has none.
 */
export class RoleForbiddenError extends DomainError {
  constructor(roles: readonly Role[]) {
    super(
      'FORBIDDEN',
      `Vai trò của bạn không được phép thực hiện thao tác này (dành cho: ${roles.map((role) => ROLE_NAMES[role].vi).join(', ')}).`,
      `Your role may not do this (admitted: ${roles.join(', ')}).`,
      { reason: 'ROLE', roles },
    );
  }
}

function isRule(value: Role | AccessRule): value is AccessRule {
  return typeof value === 'object' && value !== null && 'field' in value;
}

/**
 * type-graphql's `@Authorized(...)`. With an entry of the role matrix (`@Authorized(ACCESS.Mutation.x)`,
 * docs/ROLES.md): that entry decides, and it must be the entry of the field it decorates. With
 * roles (`@Authorized('admin')`, fields of entities): one of them. `@Authorized()`: any signed-in
 * caller. Anonymous callers of anything but a public entry get UNAUTHENTICATED, others outside
 * the roles FORBIDDEN (reason ROLE). Conditions (a trainee sees only their own records) live in
 * services.
 */
export const roleAuthChecker: AuthCheckerFn<BaseContext, Role | AccessRule> = ({ context, info }, roles) => {
  const rule = roles.find(isRule);
  if (rule) {
    const field = `${info.parentType.name}.${info.fieldName}`;
    if (rule.field !== field) throw new Error(`${field} carries the access rule of ${rule.field}`);
    if (rule.roles === 'public') return true;
    if (!context.identity.subject) throw new UnauthenticatedError();
    if (admits(rule, context.identity.roles, true)) return true;
    throw new RoleForbiddenError(admittedRoles(rule));
  }
  if (!context.identity.subject) throw new UnauthenticatedError();
  const named = roles as Role[];
  if (named.length === 0) return true;
  if (context.identity.roles.some((role) => named.includes(role))) return true;
  throw new RoleForbiddenError(named);
};
