import type { AuthChecker } from 'type-graphql';
import type { BaseContext } from './context';
import { UnauthenticatedError } from './errors';
import type { Role } from './identity/identity';

/**
 * type-graphql's `@Authorized(...roles)`: an anonymous caller is refused with UNAUTHENTICATED, a
 * signed-in caller without one of the roles with FORBIDDEN. `@Authorized()` with no roles admits
 * any signed-in caller. Ownership rules (a trainee sees only their own records) live in services.
 */
export const roleAuthChecker: AuthChecker<BaseContext, Role> = ({ context }, roles) => {
  if (!context.identity.subject) throw new UnauthenticatedError();
  if (roles.length === 0) return true;
  return context.identity.roles.some((role) => roles.includes(role));
};
