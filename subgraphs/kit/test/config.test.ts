import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_GATEWAY_SECRET, loadSubgraphConfig } from '../src/config';

describe('subgraph configuration', () => {
  it('runs on a laptop with no variables: embedded database, development secret, default port', () => {
    const config = loadSubgraphConfig('training', {});
    expect(config).toMatchObject({
      environment: 'development',
      port: 4001,
      databaseUrl: undefined,
      gatewaySecret: DEV_GATEWAY_SECRET,
    });
    expect(config.dataDir).toMatch(/\.data[/\\]training$/);
  });

  it('uses the subgraph’s own database URL and port', () => {
    const config = loadSubgraphConfig('funding', {
      FUNDING_DATABASE_URL: 'postgresql://app@db:5432/funding',
      FUNDING_PORT: '5003',
    });
    expect(config).toMatchObject({ databaseUrl: 'postgresql://app@db:5432/funding', port: 5003 });
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadSubgraphConfig('labs', { LABS_PORT: 'abc', LABS_DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(3);
  });

  it('refuses production without a secret and a database URL', () => {
    expect(() => loadSubgraphConfig('labs', { NODE_ENV: 'production' })).toThrow(
      /GATEWAY_SECRET is required[\s\S]*LABS_DATABASE_URL is required/,
    );
  });

  it('refuses the development secret in production', () => {
    expect(() =>
      loadSubgraphConfig('labs', {
        NODE_ENV: 'production',
        GATEWAY_SECRET: DEV_GATEWAY_SECRET,
        LABS_DATABASE_URL: 'postgresql://app@db:5432/labs',
      }),
    ).toThrow(/must not be the development default/);
  });
});
