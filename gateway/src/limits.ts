import { ApolloArmor } from '@escape.tech/graphql-armor';
import { LocalDateScalar, MoneyScalar } from '@metrology/kit/scalars';
import { type GraphQLSchema, isScalarType } from 'graphql';

/**
 * Limits on what one operation may ask of the gateway (docs/RULES.md, "Access and personal data"), checked before any subgraph
 * is called. The scorecard and the deepest drill-down fit well inside them; a hostile query
 * (deep nesting, alias floods, huge documents) is refused with HTTP 400: GRAPHQL_PARSE_FAILED for
 * the token limit, GRAPHQL_VALIDATION_FAILED for the others. Body size is limited separately
 * (MAX_BODY_BYTES, 100 kB by default).
 */
export const QUERY_LIMITS = {
  /** Nesting of selections (introspection excluded, so that Sandbox works in development). */
  maxDepth: 12,
  /** Aliased fields in one operation. */
  maxAliases: 20,
  /** Lexical tokens in the document. */
  maxTokens: 3_000,
  /** graphql-armor cost: 2 per object, 1 per scalar, ×1.5 per level of depth. */
  maxCost: 20_000,
  /** Directives in one operation. */
  maxDirectives: 30,
} as const;

/**
 * The protections for Apollo Server; field suggestions are blocked in production.
 *
 * The token limit is graphql-js's own parser option (`parseOptions.maxTokens`), so that a document
 * past it is a syntax error like any other (400). graphql-armor's token plugin is off: it parses
 * the document again in a `parsingDidStart` hook, where a throw escapes Apollo's parse error
 * handling and answers HTTP 500 (for every syntax error, not only the limit).
 */
export function queryProtection(production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxTokens: { enabled: false },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, ignoreIntrospection: true },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return { ...armor, parseOptions: { maxTokens: QUERY_LIMITS.maxTokens } };
}

/** The kit's scalars whose input the gateway checks itself. */
const CHECKED_SCALARS = [MoneyScalar, LocalDateScalar];

/**
 * Gives the gateway's schema the kit's own input checks for Money and LocalDate (the supergraph
 * only names them, so the gateway would pass any value on). A bad literal then fails validation
 * and a bad variable fails coercion at the gateway, before planning: HTTP 400 with the scalar's
 * coded BAD_USER_INPUT, as a subgraph would answer it, and no subgraph called. Output is left to
 * the subgraphs (the gateway passes their answers on).
 */
export function checkScalarInput(schema: GraphQLSchema): void {
  for (const scalar of CHECKED_SCALARS) {
    const type = schema.getType(scalar.name);
    if (!isScalarType(type)) throw new Error(`the supergraph has no scalar ${scalar.name}`);
    type.parseValue = scalar.parseValue;
    type.parseLiteral = scalar.parseLiteral;
  }
}
