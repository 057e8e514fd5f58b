/**
 * The commands that need neither Pact nor a JavaScript project: the mock and the fixtures CLI. The
 * package's bin adds `verify` and `probe`; the standalone executable offers these alone, and says where
 * the other two are.
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

/** The package's commands the standalone executable does not carry: they come with the npm package. */
export const PACKAGE_ONLY_COMMANDS: readonly string[] = Object.freeze(['verify', 'probe']);

/**
 * What the standalone executable says of the package-only commands: in its usage (no `asked`), or when
 * asked for one of them.
 *
 * @example
 * packageOnlyNote('probe'); // '"probe" is not in this executable, which runs mock and fixtures: verify and ...'
 */
export function packageOnlyNote(asked?: string): string {
  const here = Object.keys(MOCK_AND_FIXTURES_COMMANDS).join(' and ');
  const others = PACKAGE_ONLY_COMMANDS.join(' and ');
  const npx = (asked === undefined ? PACKAGE_ONLY_COMMANDS : [asked])
    .map((name) => `npx truecaller-oauth-kit ${name}`)
    .join(', ');
  return asked === undefined
    ? `This executable runs ${here}; ${others} come with the npm package (${npx}).`
    : `"${asked}" is not in this executable, which runs ${here}: ${others} come with the npm package (${npx}).`;
}
