import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, lexicographicSortSchema } from 'graphql';
import gql from 'graphql-tag';
import { type BuildSchemaOptions, buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { type AccessMatrix, assertAccessCoversSchema } from './access/matrix';
import { roleAuthChecker } from './auth';
import { applyInputPolicy } from './input/boundary';

/** The federation directives a subgraph may use. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

/** `__resolveReference` per entity type name. */
export type ReferenceResolvers = Record<string, { __resolveReference: (...args: never[]) => unknown }>;

export interface FederatedSchemaOptions {
  // biome-ignore lint/complexity/noBannedTypes: type-graphql's own resolver list type
  resolvers: NonEmptyArray<Function>;
  // biome-ignore lint/complexity/noBannedTypes: type-graphql's own type list type
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
  scalarsMap?: BuildSchemaOptions['scalarsMap'];
  /** The subgraph's role matrix: every root field must have its entry (docs/ROLES.md). */
  access?: AccessMatrix;
}

/**
 * Code-first to federation: type-graphql builds the schema from the decorated classes, its SDL
 * (with the `@key`/`@shareable` directives) is handed to @apollo/subgraph together with
 * type-graphql's resolvers and the reference resolvers.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const codeFirst = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    authChecker: roleAuthChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false },
    scalarsMap: options.scalarsMap,
    skipCheck: true,
  });
  if (options.access) assertAccessCoversSchema(codeFirst, options.access);
  const typeDefs = gql`
    ${FEDERATION_LINK}
    ${printSchemaWithDirectives(lexicographicSortSchema(codeFirst))}
  `;
  const resolvers = createResolversMap(codeFirst) as GraphQLResolverMap<unknown>;
  // Every argument of every field passes the input policy (docs/INPUT.md) before its resolver.
  applyInputPolicy(codeFirst, resolvers);
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}

/** The subgraph SDL as composition sees it; committed as `schema.graphql`. */
export function printFederatedSchema(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}
