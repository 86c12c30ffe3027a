import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

/**
 * One run over the whole workspace. Tests import the packages' TypeScript sources (never their
 * compiled output), so that a class is loaded once and decorator metadata is consistent.
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@metrology\/kit\/(.+)$/, replacement: path.join(root, 'subgraphs/kit/src/$1') },
      { find: /^@metrology\/kit$/, replacement: path.join(root, 'subgraphs/kit/src/index.ts') },
      { find: /^@metrology\/(training|labs|funding)$/, replacement: path.join(root, 'subgraphs/$1/src/index.ts') },
      { find: /^@metrology\/gateway$/, replacement: path.join(root, 'gateway/src/index.ts') },
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
  },
});
