import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The gateway in development (`npm start`), for `vite` dev mode on another port. */
const gateway = 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  base: '/',
  resolve: {
    // The SDK's and the kit's vocabulary's TypeScript sources, bundled with the app (their packages
    // point at CommonJS output). The vocabulary imports nothing from Node or any library.
    alias: {
      '@metrology/sdk': fileURLToPath(new URL('../sdk/src/index.ts', import.meta.url)),
      '@metrology/kit/vocabulary': fileURLToPath(new URL('../../subgraphs/kit/src/vocabulary/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // No data: URIs: the Content-Security-Policy allows images from the origin only.
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: Object.fromEntries(['/graphql', '/dev', '/certificates', '/verify', '/reports'].map((prefix) => [prefix, gateway])),
  },
});
