import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Writes the prepared form of openapi.yaml, as the build does, before any test process starts.
    globalSetup: ['test/support/prepare-api-document.ts'],
    // Pact's core refuses to phone home only when told; every suite may load it.
    env: { PACT_DO_NOT_TRACK: 'true' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
