#!/usr/bin/env node
/**
 * `truecaller-oauth-kit probe`: checks a host against `openapi.yaml`, assumption by assumption. It only
 * parses flags, calls `probe` and writes the report the flags ask for.
 */
import { writeFileSync } from 'node:fs';
import { type CliContext, EXIT, parseCommandLine, runAsMain, usageError } from '../../src/cli-support.js';
import { TRUECALLER_OAUTH_URL } from '../../src/hosts.js';
import { KitError } from '../../src/errors.js';
import { fileProblem } from '../../src/file-errors.js';
import { isMainModule } from '../../src/is-main-module.js';
import {
  MAX_PROBE_TIMEOUT_MS,
  probe,
  probeOptionProblems,
  type ProbeOptionNames,
  type ProbeOptions,
  recordProbe,
  type ProbeReport,
} from './probe.js';
import { formatProbeMarkdown, formatProbeTable } from './probe-report.js';

const usage = (invocation: string): string => `Usage: ${invocation} [options]

Sends the requests a team can make to a host (Truecaller's by default) and checks each answer against
openapi.yaml, assumption by assumption: held, differs (with what was seen), or not checked. Without
credentials: discovery, userinfo without a header and with an unknown token, the token endpoint with
an unknown code, an unsupported grant and an empty form. Tokens are sent to the base URL only, never
through a redirect, and no report shows a token or a value of a profile.

Exits 0 when nothing differs, 1 when an assumption differs, 2 for a usage error or no answer at all.

Options:
  --base-url <url>     the host (default ${TRUECALLER_OAUTH_URL})
  --token <token>      an access token: userinfo's 200 and its claims
  --code <code>        an unused authorization code from the SDK, with --verifier and --client-id:
  --verifier <v>       the exchange, its scope, refresh and ID token, then userinfo with its token
  --client-id <id>     your app's client id
  --json               print the report as JSON instead of the table
  --markdown <file>    also write the report as Markdown (e.g. "$GITHUB_STEP_SUMMARY")
  --record <file>      write what was seen as a mock config overlay (the client id, and
                       idToken: false if no ID token came); other differences are listed, not written
  --timeout <ms>       time limit of each request (default 10000)
  --version            print the kit's version
  --help               show this text

Give a value that may start with "-" (a token often does) as --token="$TOKEN".`;

/**
 * Runs `probe` with `argv` (without `node`, the script and the command); resolves with the exit code:
 * 0 nothing differs, 1 an assumption differs, 2 a usage mistake or no answer at all (as its usage says).
 */
export async function runProbeCli(
  argv: readonly string[],
  context: CliContext = { invocation: 'truecaller-oauth-kit probe' },
): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      options: {
        'base-url': { type: 'string' },
        token: { type: 'string' },
        code: { type: 'string' },
        verifier: { type: 'string' },
        'client-id': { type: 'string' },
        json: { type: 'boolean', default: false },
        markdown: { type: 'string' },
        record: { type: 'string' },
        timeout: { type: 'string' },
      },
      usage,
    },
    context,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const { options, problems } = probeOptionsOf(values);
  // Every bad flag at once, on one line, in the flags' own words.
  if (problems.length > 0) return usageError(`${capitalized(problems.join('; '))}.`, context);
  try {
    const report = await probe(options);
    console.log(values.json ? JSON.stringify(report, null, 2) : formatProbeTable(report));
    writeReports(report, values);
    return report.differs ? EXIT.failed : EXIT.ok;
  } catch (error) {
    // Exit 2, not 1: 1 means the host differs, and a run that could not check is not that.
    if (error instanceof KitError) {
      console.error(error.message);
      return EXIT.usage;
    }
    throw error;
  }
}

/** The flags as probe's options name them in a problem. */
const FLAG_NAMES: ProbeOptionNames = {
  baseUrl: '--base-url',
  token: '--token',
  code: '--code',
  verifier: '--verifier',
  clientId: '--client-id',
  timeoutMs: '--timeout',
};

/** probe's options from the flags, and what is wrong with them, each problem naming the flag as typed. */
function probeOptionsOf(values: ProbeFlags): { options: ProbeOptions; problems: string[] } {
  const problems: string[] = [];
  const timeout = values.timeout;
  const timeoutMs = timeout === undefined || !/^\d+$/.test(timeout) ? undefined : Number(timeout);
  if (
    timeout !== undefined &&
    (timeoutMs === undefined || timeoutMs < 1 || timeoutMs > MAX_PROBE_TIMEOUT_MS)
  ) {
    problems.push(
      `--timeout must be a whole number of milliseconds from 1 to ${MAX_PROBE_TIMEOUT_MS}, got "${timeout}"`,
    );
  }
  const options: ProbeOptions = {
    baseUrl: values['base-url'],
    token: values.token,
    code: values.code,
    verifier: values.verifier,
    clientId: values['client-id'],
    // A bad --timeout is named above, as typed; the default stands in for it meanwhile.
    timeoutMs: problems.length > 0 ? undefined : timeoutMs,
  };
  problems.push(...probeOptionProblems(options, FLAG_NAMES));
  return { options, problems };
}

/** The flags `probe` parses. */
interface ProbeFlags {
  readonly 'base-url'?: string | undefined;
  readonly token?: string | undefined;
  readonly code?: string | undefined;
  readonly verifier?: string | undefined;
  readonly 'client-id'?: string | undefined;
  readonly timeout?: string | undefined;
  readonly markdown?: string | undefined;
  readonly record?: string | undefined;
}

/** `--markdown` and `--record`: the report as Markdown, and what was seen as a mock config overlay. */
function writeReports(report: ProbeReport, values: ProbeFlags): void {
  if (values.markdown !== undefined) write(values.markdown, formatProbeMarkdown(report), '--markdown');
  if (values.record === undefined) return;
  const { config, notExpressed } = recordProbe(report, values['client-id']);
  write(values.record, `${JSON.stringify(config, null, 2)}\n`, '--record');
  if (notExpressed.length > 0) {
    console.error(
      `--record: ${values.record} cannot make the mock answer these differences (its answers come from openapi.yaml): ${notExpressed.join('; ')}.`,
    );
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function write(file: string, text: string, flag: string): void {
  try {
    writeFileSync(file, text);
  } catch (cause) {
    throw new KitError('ERR_OUTPUT_UNWRITABLE', `${flag}: cannot write ${file}: ${fileProblem(cause)}.`, {
      cause,
    });
  }
}

if (isMainModule(import.meta.url)) runAsMain((argv) => runProbeCli(argv));
