#!/usr/bin/env node
/**
 * `truecaller-oauth-kit verify <pacts...>`: verifies client teams' pacts against a fresh mock and
 * `openapi.yaml`. It only parses flags and calls `verifyPacts`, as a test runner would.
 */
import { parseArgs } from 'node:util';
import { KitError } from '../src/errors.js';
import { isMainModule } from '../src/is-main-module.js';
import { PACT_PROVIDER } from './provider-states.js';
import { formatVerificationReport, verifyPacts } from './verify-pacts.js';

const USAGE = `Usage: truecaller-oauth-kit verify [options] <pact file or URL>...

Replays each pact against a freshly started mock (a test double, not for production) with the kit's
provider states, compares it with openapi.yaml, and prints a line per interaction. Exits 1 when an
interaction fails, 2 when a pact cannot be read or replayed. Pacts must name the provider "${PACT_PROVIDER}".

Options:
  --config <file>     mock config (extra personas and tokens) the pacts' states may refer to
  --documented-only   fail an interaction that relies on what Truecaller does not document (an
                      assumed error body, header or field: openapi.yaml's x-documented: false);
                      without it, each such reliance is a warning line
  --help              show this text`;

/** Runs `verify` with `argv` (without `node`, the script and the command); resolves with the exit code. */
export async function runVerifyCli(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        'documented-only': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  if (parsed.positionals.length === 0) {
    console.error(`Give at least one pact file or URL.\n\n${USAGE}`);
    return 2;
  }
  try {
    const report = await verifyPacts({
      pacts: parsed.positionals,
      documentedOnly: parsed.values['documented-only'],
      ...(parsed.values.config === undefined ? {} : { mock: { config: parsed.values.config } }),
    });
    console.log(`\n${formatVerificationReport(report)}`);
    return report.passed ? 0 : 1;
  } catch (error) {
    if (error instanceof KitError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

if (isMainModule(import.meta.url)) {
  process.env.PACT_DO_NOT_TRACK ??= 'true';
  process.exitCode = await runVerifyCli(process.argv.slice(2));
}
