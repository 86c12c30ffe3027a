import { type CommonConfig, EnvReader, REPORTS_DEFAULT_PORT, readCommon } from '@metrology/kit/config';

export interface ReportsConfig extends CommonConfig {
  host: string;
  port: number;
  /** The gateway's GraphQL endpoint, which the reports read as the caller. */
  graphqlUrl: string;
}

/** Reads the reports service's configuration once (nothing else reads the environment). */
export function loadReportsConfig(env: Record<string, string | undefined> = process.env): ReportsConfig {
  const reader = new EnvReader(env);
  const common = readCommon(reader);
  const graphqlUrl = reader.url('GATEWAY_GRAPHQL_URL', ['http:', 'https:']);
  if (!graphqlUrl && common.environment === 'production') reader.problem('GATEWAY_GRAPHQL_URL is required in production');
  const config: ReportsConfig = {
    ...common,
    host: reader.string('HOST', '127.0.0.1'),
    port: reader.int('REPORTS_PORT', REPORTS_DEFAULT_PORT, 0, 65535),
    graphqlUrl: graphqlUrl ?? 'http://127.0.0.1:4000/graphql',
  };
  reader.done();
  return config;
}
