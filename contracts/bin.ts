#!/usr/bin/env node
/**
 * The package's bin, `truecaller-oauth-kit <command>`: picks the command and hands it the rest of the
 * arguments. Each command lives beside what it drives and is loaded only when asked for.
 */

import { KIT_DESCRIPTION, MOCK_AND_FIXTURES_COMMANDS } from '../mock/cli/commands.js';
import { runAsMain, runSubcommand, type Subcommand } from '../src/cli-support.js';
import { isMainModule } from '../src/is-main-module.js';

const COMMANDS: Readonly<Record<string, Subcommand>> = {
  ...MOCK_AND_FIXTURES_COMMANDS,
  verify: {
    summary: 'verify pact files or URLs against the mock and openapi.yaml',
    load: async () => {
      // Pact reads this when it loads: no usage report leaves a contract test unless asked for.
      process.env.PACT_DO_NOT_TRACK ??= 'true';
      return (await import('./verify/verify-cli.js')).runVerifyCli;
    },
  },
  probe: {
    summary: 'check a host (Truecaller by default) against the kit’s assumptions',
    load: async () => (await import('./probe/probe-cli.js')).runProbeCli,
  },
};

/** Runs the bin with `argv` (without `node` and the script); resolves with the exit code. */
export function runCli(argv: readonly string[]): Promise<number> {
  return runSubcommand(argv, {
    program: 'truecaller-oauth-kit',
    description: KIT_DESCRIPTION,
    commands: COMMANDS,
    defaultCommand: 'mock',
  });
}

if (isMainModule(import.meta.url)) runAsMain(runCli);
