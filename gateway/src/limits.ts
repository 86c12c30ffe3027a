import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Limits on what one operation may ask of the gateway (SPEC §8), checked before any subgraph
 * is called. The scorecard and the deepest drill-down fit well inside them; a hostile query
 * (deep nesting, alias floods, huge documents) is refused with GRAPHQL_VALIDATION_FAILED.
 * Body size is limited separately (MAX_BODY_BYTES, 100 kB by default).
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

/** The protections for Apollo Server; field suggestions are blocked in production. */
export function queryProtection(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, ignoreIntrospection: true },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
