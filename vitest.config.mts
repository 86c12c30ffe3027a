import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
// The CommonJS build of graphql, as type-graphql and Apollo load it: sources must share that one
// copy, since a second (ESM) copy in the same process breaks graphql's `instanceof` checks.
const graphqlCommonJs = createRequire(path.join(root, 'subgraphs/kit/package.json')).resolve('graphql');

/**
 * One run over the whole workspace. Tests import the packages' TypeScript sources (never their
 * compiled output), so that a class is loaded once and decorator metadata is consistent.
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^graphql$/, replacement: graphqlCommonJs },
      { find: /^@metrology\/kit\/(.+)$/, replacement: path.join(root, 'subgraphs/kit/src/$1') },
      { find: /^@metrology\/kit$/, replacement: path.join(root, 'subgraphs/kit/src/index.ts') },
      { find: /^@metrology\/(training|labs|funding)$/, replacement: path.join(root, 'subgraphs/$1/src/index.ts') },
      { find: /^@metrology\/gateway$/, replacement: path.join(root, 'gateway/src/index.ts') },
      { find: /^@metrology\/sdk$/, replacement: path.join(root, 'clients/sdk/src/index.ts') },
      { find: /^@metrology\/reports$/, replacement: path.join(root, 'clients/reports/src/index.ts') },
    ],
  },
  test: {
    include: ['subgraphs/*/test/**/*.test.ts', 'gateway/test/**/*.test.ts', 'test/**/*.test.ts', 'clients/*/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    env: { NODE_ENV: 'test' },
    // Browser pages and concurrent writers settle slower on two shared cores than on a laptop.
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
