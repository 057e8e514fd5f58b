import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/global-setup.ts'],
    // Pact's core refuses to phone home only when told; every suite may load it.
    env: { PACT_DO_NOT_TRACK: 'true' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
