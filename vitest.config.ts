import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // The package's own names, as the README's examples import them, resolve to this source tree.
  resolve: {
    alias: [
      { find: /^truecaller-oauth-kit$/, replacement: source('./src/index.ts') },
      { find: /^truecaller-oauth-kit\/mock$/, replacement: source('./mock/index.ts') },
      { find: /^truecaller-oauth-kit\/msw$/, replacement: source('./mock/msw/index.ts') },
      { find: /^truecaller-oauth-kit\/fixtures$/, replacement: source('./fixtures/index.ts') },
      { find: /^truecaller-oauth-kit\/contracts$/, replacement: source('./contracts/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Before any test process starts: the dashboard's and the API reference's files (`npm run build:ui`),
    // which the page tests serve, and the prepared form of openapi.yaml, as the build writes them.
    globalSetup: ['test/support/build-pages-setup.ts', 'test/support/prepare-api-document.ts'],
    // Pact's core refuses to phone home only when told; every suite may load it.
    env: { PACT_DO_NOT_TRACK: 'true' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
