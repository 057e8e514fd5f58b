#!/usr/bin/env node
/**
 * `truecaller-oauth-kit verify <pacts...>`: verifies client teams' pacts against a fresh mock and
 * `openapi.yaml`. It only parses flags and calls `verifyPacts`, as a test runner would.
 */
import {
  type CliContext,
  EXIT,
  parseCommandLine,
  runAsMain,
  runReportingKitErrors,
  usageError,
} from '../../src/cli-support.js';
import { KitError } from '../../src/errors.js';
import { isMainModule } from '../../src/is-main-module.js';
import { formatJUnitError, formatJUnitReport } from './junit-report.js';
import { PACT_PROVIDER } from '../pact/provider-state.js';
import { formatVerificationReport, type VerificationReport, verifyPacts } from './verify-pacts.js';

/** The report formats of `verify --format`. */
export const REPORT_FORMATS = ['text', 'json', 'junit'] as const;

const usage = (invocation: string): string => `Usage: ${invocation} [options] <pact file or URL>...

Replays each pact against a freshly started mock (a test double, not for production) with the kit's
provider states, compares it with openapi.yaml, and prints a line per interaction. Pacts must name the
provider "${PACT_PROVIDER}". Exits 0 when every interaction passes, 1 when one fails or a pact cannot be
read or replayed, 2 for a mistake in the command line.

Options:
  --config <file>   mock config (extra personas and tokens) the pacts' states may refer to
  --documented-only fail an interaction that relies on what Truecaller does not document (an
                    assumed error body, header or field: openapi.yaml's x-documented: false);
                    without it, each such reliance is a warning line
  --quiet           print only the failed interactions and the summary, not Pact's own report
  --format <name>   text (default): Pact's report, then a line per interaction;
                    json: the report as JSON; junit: JUnit XML for CI test reporters
                    (json and junit print nothing else to stdout)
  --version         print the kit's version
  --help            show this text`;

/** Runs `verify` with `argv` (without `node`, the script and the command); resolves with the exit code. */
export async function runVerifyCli(
  argv: readonly string[],
  context: CliContext = { invocation: 'truecaller-oauth-kit verify' },
): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      options: {
        config: { type: 'string' },
        'documented-only': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
      },
      usage,
      positionals: true,
    },
    context,
  );
  if (typeof parsed === 'number') return parsed;
  const { values: flags, positionals: pacts } = parsed;
  const format = REPORT_FORMATS.find((name) => name === flags.format);
  if (format === undefined) {
    return usageError(
      `--format must be one of ${REPORT_FORMATS.join(', ')}, got "${flags.format}".`,
      context,
    );
  }
  // With --format junit, every run that ends writes a report, an error as a failed test case: a CI job's
  // `> pacts.xml` never leaves an empty file for its test reporter.
  const junitError = (message: string): void => {
    if (format === 'junit') console.log(formatJUnitError(message, pacts));
  };
  if (pacts.length === 0) {
    junitError('Give at least one pact file or URL.');
    return usageError('Give at least one pact file or URL.', context);
  }

  return runReportingKitErrors(async () => {
    let report: VerificationReport;
    try {
      report = await verifyPacts({
        pacts,
        documentedOnly: flags['documented-only'],
        ...(flags.config === undefined ? {} : { mock: { config: flags.config } }),
        pactOutput: format === 'text' && !flags.quiet ? 'print' : 'silent',
      });
    } catch (error) {
      if (error instanceof KitError) junitError(error.message);
      throw error;
    }
    if (format === 'json') console.log(JSON.stringify(report, null, 2));
    else if (format === 'junit') console.log(formatJUnitReport(report));
    else
      console.log(
        `${flags.quiet ? '' : '\n'}${formatVerificationReport(report, { failedOnly: flags.quiet })}`,
      );
    return report.passed ? EXIT.ok : EXIT.failed;
  });
}

if (isMainModule(import.meta.url)) {
  process.env.PACT_DO_NOT_TRACK ??= 'true';
  runAsMain((argv) => runVerifyCli(argv));
}
