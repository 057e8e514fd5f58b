import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { LongFirstSequencer } from './test/support/long-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Before any test process starts: a folder the run's files share (the packed package among what they
    // share), the dashboard's and the API reference's files (`npm run build:ui`), which the page tests
    // serve, and the prepared form of openapi.yaml, as the build writes them.
    globalSetup: [
      'test/support/global-setup.ts',
      'test/support/build-pages-setup.ts',
      'test/support/prepare-api-document.ts',
    ],
    // Pact's core refuses to phone home only when told; every suite may load it.
    env: { PACT_DO_NOT_TRACK: 'true' },
    // Progress, then (last) one line per suite left out because a tool it needs is missing.
    reporters: ['default', './test/support/not-run-reporter.ts'],
    // A file per core (vitest's default leaves one core to itself: on two, one file at a time), the costly
    // files first.
    maxWorkers: availableParallelism(),
    sequence: { sequencer: LongFirstSequencer },
    // A worker runs its files one after another in one module graph: the kit's few hundred modules are
    // imported once per worker, not once per test file.
    // Files share no state through them: each starts its own mocks, and puts back what it fakes.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
