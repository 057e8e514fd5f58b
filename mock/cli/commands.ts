/**
 * The commands that need neither Pact nor a JavaScript project: the mock and the fixtures CLI. The
 * package's bin adds `verify`; the standalone executable offers these alone.
 */
import type { Subcommand } from '../../src/cli-support.js';

/** What every entry point says the kit is, above its list of commands. */
export const KIT_DESCRIPTION =
  'A contract-testing kit for the Truecaller OAuth API (a test double, not for production).';

/** `mock` and `fixtures`, each loaded only when asked for. */
export const MOCK_AND_FIXTURES_COMMANDS: Readonly<Record<'mock' | 'fixtures', Subcommand>> = Object.freeze({
  mock: {
    summary: 'start the mock server',
    load: async () => (await import('./mock-cli.js')).runMockCli,
  },
  fixtures: {
    summary: 'write seeded profiles as JSON or NDJSON',
    load: async () => (await import('../../fixtures/cli.js')).runFixturesCli,
  },
});
