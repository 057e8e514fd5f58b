import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockServer } from '../../mock/server/mock-server.js';
import type { MockServerOptions } from '../../mock/config/options.js';
import { KitError } from '../../src/errors.js';
import { stripAnsi } from '../../src/terminal-colour.js';
import { assumptionsOf, formatAssumption } from './assumptions.js';
import { compareWithOpenApi } from './openapi-comparison.js';
import { kitProblems, pactProblems } from './pact-checks.js';
import { type PactFile, readPactFile } from '../pact/pact-file.js';
import { createStateHandlers } from '../pact/provider-states.js';
import { type PactOutput, replayInChildProcess } from './replay-process.js';
import { checkContractPeersInstalled } from '../pact/peer-dependencies.js';
import { mockStateRegistrars } from '../pact/token-registrar.js';

/** What to verify, and against which mock. */
export interface VerifyPactsOptions {
  /** Pact files or `http(s)://` URLs. */
  pacts: readonly string[];
  /** Options of the mock the pacts are replayed against (a config that alters it, say); port 0 by default. */
  mock?: Partial<MockServerOptions>;
  /** Pact's own log level; `error` by default. */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /**
   * Pact's own report of the replay: `silent` (the default; the returned report names every problem) or
   * `print` (to stdout, without colour unless stdout is a terminal and `NO_COLOR` is unset).
   */
  pactOutput?: PactOutput;
  /**
   * Fail an interaction that relies on what `openapi.yaml` marks `x-documented: false` (an assumed error
   * body, header or field, an undocumented operation, the scope-to-claim mapping), instead of warning.
   */
  documentedOnly?: boolean;
}

/** The outcome of one interaction: passed when it has no problems. */
export interface InteractionReport {
  description: string;
  providerStates: string[];
  passed: boolean;
  /** Each names the check (`pact`, `openapi`, `kit`, `documented-only`) and the field at fault. */
  problems: string[];
  /**
   * What it relies on that Truecaller does not document (`openapi.yaml`'s `x-documented: false`), each
   * naming the field and the assumption; with `documentedOnly` these are problems instead.
   */
  warnings: string[];
}

/** The outcome of one pact. */
export interface PactReport {
  source: string;
  consumer: string;
  provider: string;
  passed: boolean;
  interactions: InteractionReport[];
}

/** The outcome of `verifyPacts`: passed when every interaction of every pact passed. */
export interface VerificationReport {
  passed: boolean;
  pacts: PactReport[];
}

/**
 * Verifies client teams' pacts (files or URLs) the way the kit verifies its own: replays them with Pact's
 * Verifier against a freshly started mock and the kit's provider states, compares them with
 * `openapi.yaml`, and runs the kit's own checks. Resolves with a per-interaction report; rejects with a
 * `KitError` when a pact cannot be read (`ERR_PACT_UNREADABLE`) or cannot be replayed: another provider,
 * an unknown provider state or bad state parameters (`ERR_PACT_INVALID`), every problem in one message;
 * or without Pact and the comparator installed (`ERR_DEPENDENCY_MISSING`, naming the install command).
 *
 * @example
 * const report = await verifyPacts({ pacts: ['pacts/my-app-truecaller-oauth-api.json'] });
 * if (!report.passed) console.error(formatVerificationReport(report));
 */
export async function verifyPacts(options: VerifyPactsOptions): Promise<VerificationReport> {
  if (options.pacts.length === 0) {
    throw new KitError('ERR_PACT_UNREADABLE', 'No pact to verify: give at least one pact file or URL.');
  }
  // Pact reads this when its core loads; a team that set it either way keeps its choice.
  process.env.PACT_DO_NOT_TRACK ??= 'true';
  // Failing here, before anything starts, names what to install. Pact runs in the replay's child process,
  // so here it is only found, not loaded (its native core takes a third of a second to load).
  checkContractPeersInstalled(['@pact-foundation/pact', '@pactflow/openapi-pact-comparator'], 'verify');
  const pacts = await Promise.all(options.pacts.map((source) => readPactFile(source)));
  const problems = pacts.flatMap(pactProblems);
  if (problems.length > 0) {
    throw new KitError('ERR_PACT_INVALID', `Cannot verify:\n  ${problems.join('\n  ')}`);
  }

  const scratch = await mkdtemp(join(tmpdir(), 'kit-verify-'));
  const server = createMockServer({ log: null, ...options.mock });
  try {
    const providerBaseUrl = await server.start();
    const handlers = createStateHandlers(mockStateRegistrars(server));
    const reports: PactReport[] = [];
    for (const [index, pact] of pacts.entries()) {
      const file = await localCopy(pact, scratch, index);
      const replay = readVerifierResult(
        await replayInChildProcess({
          file,
          provider: pact.provider,
          providerBaseUrl,
          handlers,
          logLevel: options.logLevel ?? 'error',
          pactOutput: options.pactOutput ?? 'silent',
        }),
      );
      const comparison = await compareWithOpenApi(pact);
      reports.push(pactReport(pact, replay, comparison, options.documentedOnly ?? false));
    }
    return { passed: reports.every((report) => report.passed), pacts: reports };
  } finally {
    await server.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The report as the `verify` command prints it: one line per interaction, its problems below it, and a
 * summary; with `failedOnly` (`verify --quiet`), only the failed interactions and the summary.
 */
export function formatVerificationReport(
  report: VerificationReport,
  options: { failedOnly?: boolean } = {},
): string {
  const lines: string[] = [];
  for (const pact of report.pacts) {
    const shown = pact.interactions.filter((interaction) => !options.failedOnly || !interaction.passed);
    if (shown.length === 0) continue;
    lines.push(`${pact.consumer} -> ${pact.provider} (${pact.source})`);
    for (const interaction of shown) {
      const states =
        interaction.providerStates.length > 0 ? ` [${interaction.providerStates.join('; ')}]` : '';
      lines.push(`  ${interaction.passed ? 'PASS' : 'FAIL'}  ${interaction.description}${states}`);
      for (const problem of interaction.problems) lines.push(`          ${problem}`);
      if (!options.failedOnly)
        for (const warning of interaction.warnings) lines.push(`          warning: ${warning}`);
    }
  }
  const all = report.pacts.flatMap((pact) => pact.interactions);
  const failed = all.filter((interaction) => !interaction.passed).length;
  const assuming = all.filter((interaction) => interaction.warnings.length > 0).length;
  if (lines.length > 0) lines.push('');
  lines.push(
    failed === 0
      ? `All ${all.length} interactions verified against the mock and openapi.yaml.`
      : `${failed} of ${all.length} interactions failed.`,
  );
  // Quiet output (--quiet) shows failures only; the warnings and their summary are left out with them.
  if (assuming > 0 && !options.failedOnly) {
    lines.push(
      `${assuming} of ${all.length} rely on what Truecaller does not document (warnings above); production may differ. --documented-only fails them.`,
    );
  }
  return lines.join('\n');
}

interface VerifierResult {
  /** Problems by interaction description. */
  problems: Map<string, string[]>;
  /** Set when the verifier could not run at all. */
  crash?: string;
}

// The verifier replays a file; a pact fetched from a URL is replayed from the copy already checked.
async function localCopy(pact: PactFile, scratch: string, index: number): Promise<string> {
  if (!/^https?:\/\//i.test(pact.source)) return pact.source;
  const file = join(scratch, `pact-${index}.json`);
  await writeFile(file, JSON.stringify(pact.json));
  return file;
}

function readVerifierResult(json: string): VerifierResult {
  let parsed: {
    errors?: {
      interaction?: string;
      mismatch?: { type?: string; message?: string; mismatches?: Mismatch[] };
    }[];
  };
  try {
    parsed = JSON.parse(json) as typeof parsed;
  } catch {
    return { problems: new Map(), crash: json };
  }
  const problems = new Map<string, string[]>();
  for (const error of parsed.errors ?? []) {
    // "Verifying a pact between A and B Given S - <description>": the description is after the last " - ".
    const label = error.interaction ?? '';
    const list = [...(error.mismatch?.mismatches ?? []).map(describeMismatch)];
    if (error.mismatch?.message) list.push(`pact: ${error.mismatch.message}`);
    if (list.length === 0)
      list.push(`pact: verification failed (${error.mismatch?.type ?? 'unknown reason'})`);
    problems.set(label, [...(problems.get(label) ?? []), ...list]);
  }
  return { problems };
}

interface Mismatch {
  type?: string;
  mismatch?: string;
  path?: string;
  key?: string;
}

function describeMismatch(mismatch: Mismatch): string {
  const where =
    mismatch.type === 'StatusMismatch'
      ? 'response status'
      : mismatch.type === 'HeaderMismatch'
        ? `response header ${mismatch.key ?? ''}`
        : mismatch.type === 'BodyMismatch'
          ? `response body ${mismatch.path ?? '$'}`
          : (mismatch.type ?? 'response');
  return `pact: ${where}: ${stripAnsi(mismatch.mismatch ?? 'does not match')}`;
}

function pactReport(
  pact: PactFile,
  replay: VerifierResult,
  comparison: Map<string, string[]>,
  documentedOnly: boolean,
): PactReport {
  const interactions = pact.interactions.map((interaction): InteractionReport => {
    const replayed = [...replay.problems.entries()]
      .filter(([label]) => label.endsWith(` - ${interaction.description}`))
      .flatMap(([, problems]) => problems);
    const assumed = assumptionsOf(interaction).map(formatAssumption);
    const problems = [
      ...(replay.crash ? [`pact: the verifier could not run: ${stripAnsi(replay.crash)}`] : []),
      ...replayed,
      ...(comparison.get(interaction.description) ?? []).map((problem) => `openapi: ${problem}`),
      ...kitProblems(interaction).map((problem) => `kit: ${problem}`),
      ...(documentedOnly ? assumed.map((assumption) => `documented-only: ${assumption}`) : []),
    ];
    return {
      description: interaction.description,
      providerStates: interaction.providerStates.map((state) => state.name),
      passed: problems.length === 0,
      problems,
      warnings: documentedOnly ? [] : assumed,
    };
  });
  return {
    source: pact.source,
    consumer: pact.consumer,
    provider: pact.provider,
    passed: interactions.every((interaction) => interaction.passed),
    interactions,
  };
}
