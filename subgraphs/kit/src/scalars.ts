import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';

/**
 * Money: whole Vietnamese đồng, exact. Held as `bigint` in code and `bigint` columns in the
 * database, never as a floating-point number. On the wire it is a JSON integer (GraphQL `Int` is
 * 32-bit and cannot carry 16,925,000,000), exact up to 2^53 − 1; input accepts an integer or a
 * string of digits. Input must be between 0 and MAX_MONEY_INPUT: negative amounts, fractions and
 * absurd sizes are refused with BAD_USER_INPUT.
 */
export const MAX_MONEY_INPUT = 10n ** 15n;

function moneyInputError(messageEn: string): GraphQLError {
  // The field at fault is added from the variable path by the error formatter.
  return new GraphQLError(`Số tiền không hợp lệ: phải là số nguyên đồng từ 0 đến 1.000.000.000.000.000.`, {
    extensions: { code: 'BAD_USER_INPUT', messageEn },
  });
}

function toMoney(raw: unknown): bigint {
  let value: bigint;
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw)) throw moneyInputError('Money must be a whole number of VND.');
    value = BigInt(raw);
  } else if (typeof raw === 'string' && /^-?\d{1,19}$/.test(raw)) {
    value = BigInt(raw);
  } else {
    throw moneyInputError('Money must be a whole number of VND, as an integer or a string of digits.');
  }
  if (value < 0n) throw moneyInputError('Money cannot be negative.');
  if (value > MAX_MONEY_INPUT) throw moneyInputError(`Money cannot exceed ${MAX_MONEY_INPUT} VND.`);
  return value;
}

export const MoneyScalar = new GraphQLScalarType<bigint, number>({
  name: 'Money',
  description:
    'Whole Vietnamese đồng (VND), exact. Serialised as a JSON integer (safe up to 2^53 − 1); accepted as an integer or a string of digits, from 0 to 10^15.',
  serialize(value: unknown): number {
    const big = typeof value === 'bigint' ? value : typeof value === 'string' || typeof value === 'number' ? BigInt(value) : null;
    if (big === null || big > BigInt(Number.MAX_SAFE_INTEGER) || big < -BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new GraphQLError('Money value cannot be represented exactly.');
    }
    return Number(big);
  },
  parseValue: toMoney,
  parseLiteral(ast: ValueNode): bigint {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return toMoney(ast.kind === Kind.INT ? ast.value : ast.value);
    throw moneyInputError('Money must be an integer literal or a string of digits.');
  },
});

function localDateInputError(value: unknown): GraphQLError {
  return new GraphQLError(`Ngày không hợp lệ: "${String(value)}" (định dạng YYYY-MM-DD).`, {
    extensions: { code: 'BAD_USER_INPUT', messageEn: `Invalid date "${String(value)}": expected YYYY-MM-DD.` },
  });
}

/**
 * A calendar date without time zone, `YYYY-MM-DD` (dates of the plan, sessions, documents):
 * graphql-scalars' LocalDate, with its input errors coded BAD_USER_INPUT.
 */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: LocalDateResolver.description,
  specifiedByURL: LocalDateResolver.specifiedByURL,
  serialize: (value) => LocalDateResolver.serialize(value) as string,
  parseValue(value) {
    try {
      return LocalDateResolver.parseValue(value) as string;
    } catch {
      throw localDateInputError(value);
    }
  },
  parseLiteral(ast) {
    try {
      return LocalDateResolver.parseLiteral(ast, undefined) as string;
    } catch {
      throw localDateInputError(ast.kind === Kind.STRING ? ast.value : ast.kind);
    }
  },
});

/**
 * A variable or a literal that failed one of these scalars, as graphql-js reports it (wrapped, with
 * an English prefix): the scalar's own coded error (Vietnamese `message`, `messageEn`), with the
 * input field at fault when graphql-js names one, e.g. 'Variable "$input" got invalid value … at
 * "input.plannedAmount"' gives `field: "plannedAmount"`. Undefined for any other error. Used by the
 * subgraphs' error formatter and by the gateway's, which checks the same scalars before planning.
 */
export function scalarInputError(error: GraphQLError): GraphQLError | undefined {
  const inner = error.originalError;
  // The scalars' errors carry `messageEn`; other wrapped errors (e.g. a validation rule's) do not.
  if (!(inner instanceof GraphQLError) || inner.extensions?.code !== 'BAD_USER_INPUT') return undefined;
  if (typeof inner.extensions.messageEn !== 'string') return undefined;
  const path = error.message.startsWith('Variable "$')
    ? (/at "([^"]+)"/.exec(error.message)?.[1] ?? /^Variable "\$([^"]+)"/.exec(error.message)?.[1])
    : undefined;
  const field = path
    ?.split('.')
    .pop()
    ?.replace(/\[\d+\]$/, '');
  return new GraphQLError(inner.message, { extensions: { ...inner.extensions, ...(field ? { field } : {}) } });
}
