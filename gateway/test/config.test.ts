import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, DEV_JWT_SECRET } from '@metrology/kit/config';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config';

const PRODUCTION = {
  NODE_ENV: 'production',
  GATEWAY_SECRET: 'g'.repeat(40),
  JWT_SECRET: 'j'.repeat(40),
  JWT_ISSUER: 'https://id.example.gov.vn',
  TRAINING_URL: 'http://training:4001/graphql',
  LABS_URL: 'http://labs:4002/graphql',
  FUNDING_URL: 'http://funding:4003/graphql',
};

describe('gateway configuration', () => {
  it('runs on a laptop with no variables: port 4000, local subgraphs, development JWT secret', () => {
    const config = loadGatewayConfig({});
    expect(config.port).toBe(4000);
    expect(config.subgraphUrls.training).toBe('http://127.0.0.1:4001/graphql');
    expect(config.jwt.secret).toBe(DEV_JWT_SECRET);
  });

  it('accepts a complete production configuration', () => {
    expect(loadGatewayConfig(PRODUCTION).subgraphUrls.funding).toBe('http://funding:4003/graphql');
  });

  it.each(['GATEWAY_SECRET', 'JWT_SECRET', 'JWT_ISSUER', 'TRAINING_URL', 'LABS_URL', 'FUNDING_URL'])(
    'refuses production without %s',
    (name) => {
      const env: Record<string, string | undefined> = { ...PRODUCTION, [name]: undefined };
      expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    },
  );

  it('keeps 500 answers in the response cache by default, 0 turns it off, and a negative or non-numeric size is refused', () => {
    expect(loadGatewayConfig({}).responseCacheEntries).toBe(500);
    expect(loadGatewayConfig({ RESPONSE_CACHE_ENTRIES: '0' }).responseCacheEntries).toBe(0);
    expect(() => loadGatewayConfig({ RESPONSE_CACHE_ENTRIES: '-1' })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ RESPONSE_CACHE_ENTRIES: 'many' })).toThrow(ConfigError);
  });

  it('waits 4 s for a subgraph read and 120 s for a mutation by default, each settable, and refuses the retired single timeout', () => {
    expect(loadGatewayConfig({})).toMatchObject({ subgraphQueryTimeoutMs: 4_000, subgraphMutationTimeoutMs: 120_000 });
    expect(loadGatewayConfig({ SUBGRAPH_QUERY_TIMEOUT_MS: '1500', SUBGRAPH_MUTATION_TIMEOUT_MS: '300000' })).toMatchObject({
      subgraphQueryTimeoutMs: 1_500,
      subgraphMutationTimeoutMs: 300_000,
    });
    expect(() => loadGatewayConfig({ SUBGRAPH_QUERY_TIMEOUT_MS: '0' })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ SUBGRAPH_TIMEOUT_MS: '10000' })).toThrow(/SUBGRAPH_TIMEOUT_MS is replaced/);
  });

  it('does not need the HS256 secret when tokens are verified with a JWKS URL', () => {
    const env: Record<string, string | undefined> = {
      ...PRODUCTION,
      JWT_SECRET: undefined,
      JWT_JWKS_URL: 'https://id.example.gov.vn/jwks',
    };
    expect(loadGatewayConfig(env).jwt.jwksUrl).toBe('https://id.example.gov.vn/jwks');
  });

  it('is read from the environment in config.ts alone: elsewhere the gateway only sets APOLLO_TELEMETRY_DISABLED', async () => {
    const sources = path.resolve(__dirname, '..', 'src');
    const files = (await readdir(sources, { recursive: true })).filter((file) => file.endsWith('.ts') && file !== 'config.ts');
    expect(files).toContain('server.ts');
    const reads: string[] = [];
    for (const file of files) {
      const lines = (await readFile(path.join(sources, file), 'utf8')).split('\n');
      lines.forEach((line, index) => {
        const uses = line.match(/process\.env\b[^;]*/g) ?? [];
        if (uses.some((use) => !/^process\.env\.APOLLO_TELEMETRY_DISABLED = 'true'$/.test(use)))
          reads.push(`${file}:${index + 1}`);
      });
    }
    expect(reads).toEqual([]);
  });
});
