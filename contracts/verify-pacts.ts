import type * as PactModule from '@pact-foundation/pact';
import type { VerifierOptions } from '@pact-foundation/pact';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFormType } from '../mock/http/form-body.js';
import { createMockServer } from '../mock/server/mock-server.js';
import type { MockServerOptions } from '../mock/config/options.js';
import { KitError } from '../src/errors.js';
import { compareWithOpenApi } from './openapi-comparison.js';
import { kitProblems, pactProblems } from './pact-checks.js';
import { type PactFile, readPactFile } from './pact-file.js';
import {
  createStateHandlers,
  type StateHandler,
  type StateHandlers,
  type StateValues,
} from './provider-states.js';
import { loadContractPeers } from './peer-dependencies.js';
import { mockStateRegistrars } from './token-registrar.js';

/** What to verify, and against which mock. */
export interface VerifyPactsOptions {
  /** Pact files or `http(s)://` URLs. */
  pacts: readonly string[];
  /** Options of the mock the pacts are replayed against (a config that alters it, say); port 0 by default. */
  mock?: Partial<MockServerOptions>;
  /** Pact's own log level; `error` by default. */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/** The outcome of one interaction: passed when it has no problems. */
export interface InteractionReport {
  description: string;
  providerStates: string[];
  passed: boolean;
  /** Each names the check (`pact`, `openapi`, `kit`) and the field at fault. */
  problems: string[];
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
  const [{ Verifier }] = loadContractPeers(
    ['@pact-foundation/pact', '@pactflow/openapi-pact-comparator'],
    'verify',
  ) as [typeof PactModule];
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
      const session = stateSession(handlers);
      const replay = await new Verifier({
        providerBaseUrl,
        provider: pact.provider,
        pactUrls: [file],
        stateHandlers: session.stateHandlers,
        requestFilter: session.requestFilter,
        logLevel: options.logLevel ?? 'error',
      })
        .verifyProvider()
        .then(
          (json) => readVerifierResult(json),
          (error: unknown) => readVerifierResult(error instanceof Error ? error.message : String(error)),
        );
      const comparison = await compareWithOpenApi(pact);
      reports.push(pactReport(pact, replay, comparison));
    }
    return { passed: reports.every((report) => report.passed), pacts: reports };
  } finally {
    await server.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The report as the `verify` command prints it: one line per interaction, its problems below it. */
export function formatVerificationReport(report: VerificationReport): string {
  const lines: string[] = [];
  for (const pact of report.pacts) {
    lines.push(`${pact.consumer} -> ${pact.provider} (${pact.source})`);
    for (const interaction of pact.interactions) {
      const states =
        interaction.providerStates.length > 0 ? ` [${interaction.providerStates.join('; ')}]` : '';
      lines.push(`  ${interaction.passed ? 'PASS' : 'FAIL'}  ${interaction.description}${states}`);
      for (const problem of interaction.problems) lines.push(`          ${problem}`);
    }
  }
  const all = report.pacts.flatMap((pact) => pact.interactions);
  const failed = all.filter((interaction) => !interaction.passed).length;
  lines.push(
    '',
    failed === 0
      ? `All ${all.length} interactions verified against the mock and openapi.yaml.`
      : `${failed} of ${all.length} interactions failed.`,
  );
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

/**
 * Wraps the state handlers so the request carries the state's values even when a hand-written pact holds
 * its own strings rather than `fromProviderState` expressions: a client team's placeholder token, code or
 * verifier stands for "the one of this state".
 */
function stateSession(handlers: StateHandlers): {
  stateHandlers: NonNullable<VerifierOptions['stateHandlers']>;
  requestFilter: (request: ParsedRequest, response: unknown, next: () => void) => void;
} {
  let values: StateValues = {};
  const stateHandlers: Record<string, { setup: StateHandler; teardown: () => Promise<undefined> }> = {};
  for (const [name, setup] of Object.entries(handlers)) {
    stateHandlers[name] = {
      setup: async (params) => {
        values = await setup(params);
        return values;
      },
      teardown: () => {
        values = {};
        return Promise.resolve(undefined);
      },
    };
  }
  return {
    // Pact types `stateHandlers` as the intersection of its proxy's and its core's handler types, which no
    // setup/teardown pair satisfies; the proxy is what calls them, and it takes this form.
    stateHandlers: stateHandlers as unknown as NonNullable<VerifierOptions['stateHandlers']>,
    requestFilter(request, _response, next) {
      const header = request.headers.authorization;
      if (values.token !== undefined && header !== undefined && /^bearer +/i.test(header)) {
        request.headers.authorization = `Bearer ${values.token}`;
      }
      if (isFormType(request.headers['content-type'])) reencodeForm(request, values);
      next();
    },
  };
}

/** A request as Pact's verifier proxy hands it to the filter: its body already parsed by body-parser. */
type ParsedRequest = IncomingMessage & { body?: unknown };

// The form fields a token state's values stand for.
const FORM_FIELDS_BY_VALUE: Readonly<Record<string, string>> = {
  code: 'code',
  codeVerifier: 'code_verifier',
};

/**
 * Pact's verifier proxy parses a form body into an object and forwards it JSON-encoded under the form's
 * Content-Type (pact-js 16.5, `proxy.js` + `parseBody.js`), which no form reader accepts. The body is
 * encoded back into a form here (a Buffer is forwarded as it is), with the state's code and verifier in
 * place of a hand-written pact's own.
 */
function reencodeForm(request: ParsedRequest, values: StateValues): void {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Buffer.isBuffer(body)) return;
  const form = new URLSearchParams();
  for (const [field, value] of Object.entries(body as Record<string, unknown>)) {
    form.append(field, typeof value === 'string' ? value : JSON.stringify(value));
  }
  for (const [key, field] of Object.entries(FORM_FIELDS_BY_VALUE)) {
    const value = values[key];
    if (value !== undefined && form.has(field)) form.set(field, value);
  }
  const encoded = Buffer.from(form.toString());
  request.body = encoded;
  request.headers['content-length'] = String(encoded.length);
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

function pactReport(pact: PactFile, replay: VerifierResult, comparison: Map<string, string[]>): PactReport {
  const interactions = pact.interactions.map((interaction): InteractionReport => {
    const replayed = [...replay.problems.entries()]
      .filter(([label]) => label.endsWith(` - ${interaction.description}`))
      .flatMap(([, problems]) => problems);
    const problems = [
      ...(replay.crash ? [`pact: the verifier could not run: ${stripAnsi(replay.crash)}`] : []),
      ...replayed,
      ...(comparison.get(interaction.description) ?? []).map((problem) => `openapi: ${problem}`),
      ...kitProblems(interaction).map((problem) => `kit: ${problem}`),
    ];
    return {
      description: interaction.description,
      providerStates: interaction.providerStates.map((state) => state.name),
      passed: problems.length === 0,
      problems,
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

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
