import path from 'node:path';
import {
  type CommonConfig,
  EnvReader,
  REPORTS_DEFAULT_PORT,
  readCommon,
  readJwtConfig,
  SUBGRAPH_DEFAULT_PORTS,
  SUBGRAPH_NAMES,
  type SubgraphName,
} from '@metrology/kit/config';
import type { JwtConfig } from '@metrology/kit/identity';

export interface GatewayConfig extends CommonConfig {
  host: string;
  port: number;
  /** Where each subgraph answers; overrides the URLs in the committed supergraph. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Where the reports service answers (`/reports/*` is proxied to it). */
  reportsUrl: string;
  jwt: JwtConfig;
  /**
   * Longest wait for one subgraph call that reads (a query, and every entity fetch) before the
   * gateway answers without that subgraph; also bounds the proxied routes.
   */
  subgraphQueryTimeoutMs: number;
  /**
   * Longest wait for the reports service's whole answer: a report runs several queries through the
   * gateway (each bounded per subgraph call as any read) and renders its pages.
   */
  reportTimeoutMs: number;
  /** Longest wait for one subgraph mutation call (a bulk certificate issue renders hundreds of PDFs). */
  subgraphMutationTimeoutMs: number;
  maxBodyBytes: number;
  supergraphPath: string;
  /** Whole answers kept by the response cache (docs/CACHING.md); 0 turns it off. */
  responseCacheEntries: number;
}

/** Reads the gateway's configuration once (nothing else reads the environment). */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const reader = new EnvReader(env);
  const common = readCommon(reader);
  const production = common.environment === 'production';
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const key = `${name.toUpperCase()}_URL`;
      const url = reader.url(key, ['http:', 'https:']);
      if (!url && production) reader.problem(`${key} is required in production`);
      return [name, url ?? `http://127.0.0.1:${SUBGRAPH_DEFAULT_PORTS[name]}/graphql`];
    }),
  ) as Record<SubgraphName, string>;
  const reportsUrl = reader.url('REPORTS_URL', ['http:', 'https:']);
  const config: GatewayConfig = {
    ...common,
    host: reader.string('HOST', '127.0.0.1'),
    port: reader.int('GATEWAY_PORT', 4000, 0, 65535),
    subgraphUrls,
    reportsUrl: reportsUrl ?? `http://127.0.0.1:${REPORTS_DEFAULT_PORT}`,
    jwt: readJwtConfig(reader, common.environment),
    subgraphQueryTimeoutMs: reader.int('SUBGRAPH_QUERY_TIMEOUT_MS', 4_000, 100, 60_000),
    subgraphMutationTimeoutMs: reader.int('SUBGRAPH_MUTATION_TIMEOUT_MS', 120_000, 100, 600_000),
    reportTimeoutMs: reader.int('REPORT_TIMEOUT_MS', 60_000, 1_000, 600_000),
    maxBodyBytes: reader.int('MAX_BODY_BYTES', 100_000, 1_000, 10_000_000),
    responseCacheEntries: reader.int('RESPONSE_CACHE_ENTRIES', 500, 0, 100_000),
    supergraphPath: path.resolve(reader.string('SUPERGRAPH_PATH', path.join(__dirname, '..', 'supergraph.graphql'))),
  };
  if (reader.optional('SUBGRAPH_TIMEOUT_MS') !== undefined) {
    reader.problem('SUBGRAPH_TIMEOUT_MS is replaced by SUBGRAPH_QUERY_TIMEOUT_MS and SUBGRAPH_MUTATION_TIMEOUT_MS');
  }
  reader.done();
  return config;
}
