#!/usr/bin/env node
/**
 * The package's bin, `truecaller-oauth-kit <command>`: picks the command and hands it the rest of the
 * arguments. Each command lives beside what it drives and is loaded only when asked for.
 */

import { isMainModule } from '../src/is-main-module.js';

type Command = (argv: readonly string[]) => Promise<number>;

const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> = {
  mock: {
    summary: 'start the mock server (the default)',
    load: async () => (await import('../mock/cli/mock-cli.js')).runMockCli,
  },
  fixtures: {
    summary: 'write seeded profiles as JSON or NDJSON',
    load: async () => (await import('../fixtures/cli.js')).runFixturesCli,
  },
  verify: {
    summary: 'verify pact files or URLs against the mock and openapi.yaml',
    load: async () => {
      // Pact reads this when it loads: no usage report leaves a contract test unless asked for.
      process.env.PACT_DO_NOT_TRACK ??= 'true';
      return (await import('./verify-cli.js')).runVerifyCli;
    },
  },
  probe: {
    summary: 'check a host (Truecaller by default) against the kit’s assumptions',
    load: async () => (await import('./probe-cli.js')).runProbeCli,
  },
};

const USAGE = `Usage: truecaller-oauth-kit <command> [options]

A contract-testing kit for the Truecaller OAuth API (a test double, not for production).

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`)
  .join('\n')}

Run a command with --help for its options.`;

/** Runs the bin with `argv` (without `node` and the script); resolves with the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    console.log(USAGE);
    return 0;
  }
  // No command, or flags first: the mock, so `npx truecaller-oauth-kit --port 4010` does what it says.
  if (first === undefined || first.startsWith('-')) return (await COMMANDS.mock!.load())(argv);
  const command = COMMANDS[first];
  if (!command) {
    console.error(`Unknown command "${first}".\n\n${USAGE}`);
    return 2;
  }
  return (await command.load())(rest);
}

if (isMainModule(import.meta.url)) {
  process.exitCode = await runCli(process.argv.slice(2));
}
