import { DriverException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import type { Logger } from './logger';
import { scalarInputError } from './scalars';

/** The codes every client can rely on (docs/RULES.md, "Errors and data safety"). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/**
 * A rule of the domain was broken. `message` is Vietnamese (what a person reads); `messageEn`
 * is the English second language. Services throw these; the server turns them into GraphQL
 * errors with `extensions.code`, never a stack trace.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly messageEn: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class BadInputError extends DomainError {
  constructor(field: string, message: string, messageEn: string, details: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', message, messageEn, { field, ...details });
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, key: string, whatVi: string) {
    super('NOT_FOUND', `Không tìm thấy ${whatVi} "${key}".`, `${what} "${key}" was not found.`, { key });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, messageEn: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, messageEn, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor() {
    super('UNAUTHENTICATED', 'Bạn cần đăng nhập.', 'Authentication is required.');
  }
}

export class ForbiddenActionError extends DomainError {
  constructor(messageEn = 'You are not allowed to do this.') {
    super('FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.', messageEn);
  }
}

/**
 * Another subgraph this one needed could not answer (down, slow, refusing): the change was not
 * made; `extensions.service` names it, like the gateway's own SERVICE_UNAVAILABLE.
 */
export class ServiceUnavailableError extends DomainError {
  constructor(service: string) {
    super(
      'SERVICE_UNAVAILABLE',
      `Dịch vụ ${service} hiện không trả lời nên chưa thể kiểm tra; chưa có gì được ghi nhận, hãy thử lại sau.`,
      `The ${service} service is not answering, so this could not be checked; nothing was recorded. Try again later.`,
      { service },
    );
  }
}

/**
 * The database error behind `error`, if any: MikroORM's DriverException, or the `pg` driver's own
 * error (raw statements through the connection or knex; it has a severity and a five-character
 * SQLSTATE), also when another error wraps it as its `cause`.
 */
function databaseErrorIn(error: unknown): (Error & Record<string, unknown>) | undefined {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const fields = current as Error & Record<string, unknown>;
    if (current instanceof DriverException) return fields;
    if (typeof fields.severity === 'string' && typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code)) {
      return fields;
    }
    current = fields.cause;
  }
  return undefined;
}

/**
 * What may be logged of an unexpected error. A database error's message, stack and detail carry
 * the SQL statement with its values (names, birth dates, citizen IDs): only its class, SQLSTATE,
 * constraint and table are kept, whichever layer raised or wrapped it. Other errors keep their
 * message and stack (code, not data).
 */
export function loggableError(error: unknown): Record<string, unknown> {
  const database = databaseErrorIn(error);
  if (database) {
    const outer = error as Error;
    return {
      type: outer.constructor?.name ?? outer.name,
      code: database.code,
      sqlState: database.sqlState ?? database.code,
      constraint: database.constraint,
      table: database.table,
    };
  }
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error };
}

const INTERNAL_MESSAGE = 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.';
const INTERNAL_MESSAGE_EN = 'An internal error occurred. Please try again later.';

function domainExtensions(error: DomainError): Record<string, unknown> {
  // Details never override the code or the English message.
  return { ...error.details, code: error.code, messageEn: error.messageEn };
}

/** Turns any error into a coded, safe GraphQL error; unknown errors are logged and hidden. */
export function toGraphQLError(original: unknown, logger?: Logger): GraphQLError {
  if (original instanceof DomainError) {
    return new GraphQLError(original.message, { extensions: domainExtensions(original) });
  }
  if (original instanceof AuthenticationError) {
    return toGraphQLError(new UnauthenticatedError());
  }
  if (original instanceof AuthorizationError) {
    return toGraphQLError(new ForbiddenActionError());
  }
  if (original instanceof ArgumentValidationError) {
    const first = original.extensions.validationErrors?.[0];
    const field = first?.property ?? 'input';
    const constraints = Object.values(first?.constraints ?? {}).join('; ');
    return toGraphQLError(
      new BadInputError(field, `Giá trị của trường "${field}" không hợp lệ.`, `Invalid value for "${field}": ${constraints}`),
    );
  }
  if (original instanceof GraphQLError) {
    const inner = original.originalError;
    // A resolver's error arrives wrapped in a located GraphQLError that copies its extensions.
    if (
      inner instanceof DomainError ||
      inner instanceof AuthenticationError ||
      inner instanceof AuthorizationError ||
      inner instanceof ArgumentValidationError
    ) {
      return toGraphQLError(inner, logger);
    }
    // A variable or a literal that failed its scalar (Money, LocalDate): the scalar's coded message.
    const scalar = scalarInputError(original);
    if (scalar) return scalar;
    const code = original.extensions?.code;
    // Errors raised by graphql-js itself (parse, validation, coercion) are the caller's fault.
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return original;
    if (original.originalError) return toGraphQLError(original.originalError, logger);
    if (code === undefined) return original;
  }
  logger?.error({ err: loggableError(original) }, 'unexpected error');
  return new GraphQLError(INTERNAL_MESSAGE, {
    extensions: { code: 'INTERNAL_SERVER_ERROR', messageEn: INTERNAL_MESSAGE_EN },
  });
}

/**
 * Apollo Server's `formatError`: keeps coded errors, hides everything else. Locations and path
 * are kept (they point into the caller's own query), stack traces never leave the process.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const safe = toGraphQLError(error, logger);
    const { stacktrace: _stack, exception: _exception, ...extensions } = safe.extensions as Record<string, unknown>;
    return {
      message: safe.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions,
    };
  };
}
