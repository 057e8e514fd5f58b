/**
 * `probe`: checks a host (the real one by default) against `openapi.yaml`, assumption by assumption, with
 * the requests a team can make: credential-free ones, and those its own token or code allow. A scheduled
 * CI job running it catches the day production stops answering as the kit assumes.
 */
import { isIP } from 'node:net';
import { KitError } from '../../src/errors.js';
import { TRUECALLER_OAUTH_URL } from '../../src/hosts.js';
import type { MockConfig } from '../../mock/config/config-file.js';
import { CONTRACT_OPERATIONS } from '../operations/index.js';
import { probeAssumptions, type ProbeAssumption } from './probe-assumptions.js';
import type { ProbeCheck, ProbeContext, ProbeCredentials, ProbeOutcome } from './probe-checks.js';

/** What to probe, and with what. */
export interface ProbeOptions extends ProbeCredentials {
  /** The host's base URL: scheme, host and port. Default: Truecaller's documented host. */
  baseUrl?: string | undefined;
  /** How long to wait for each answer, in milliseconds. Default 10000. */
  timeoutMs?: number | undefined;
}

/** One assumption across every answer that showed it. */
export interface ProbeAssumptionResult extends ProbeAssumption {
  /** `differs` if any answer differed, `held` if some held and none differed, else `not-checked`. */
  readonly outcome: ProbeOutcome;
  /** Each answer that showed it: the request, how it fared, what was seen. */
  readonly seen: readonly { request: string; outcome: ProbeOutcome; detail: string }[];
}

/** What `probe` found; it holds no token and no value from a profile or an ID token. */
export interface ProbeReport {
  readonly baseUrl: string;
  /** When it ran, ISO 8601. */
  readonly time: string;
  /** True when any assumption differs. */
  readonly differs: boolean;
  readonly assumptions: readonly ProbeAssumptionResult[];
  readonly checks: readonly ProbeCheck[];
}

/** The default time limit of each request. */
export const DEFAULT_PROBE_TIMEOUT_MS = 10_000;

/**
 * Sends the probe's requests to `baseUrl` (never anywhere else, and without following redirects) and
 * judges each answer against `openapi.yaml`. Rejects with a `KitError` (`ERR_OPTIONS_INVALID`) for
 * unusable options and (`ERR_PROBE_UNREACHABLE`) when no request got an answer.
 *
 * @example
 * const report = await probe({ baseUrl: 'http://127.0.0.1:4010' });
 * if (report.differs) console.log(formatProbeTable(report));
 */
export async function probe(options: ProbeOptions = {}): Promise<ProbeReport> {
  const baseUrl = checkOptions(options);
  const secrets = new Set<string>(
    [options.token, options.code, options.verifier].filter((value): value is string => value !== undefined),
  );
  const checks = await runProbeChecks(
    { baseUrl, timeoutMs: options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, secrets },
    options,
  );
  if (checks.every((check) => check.status === null)) {
    throw new KitError(
      'ERR_PROBE_UNREACHABLE',
      `No answer from ${baseUrl}: ${checks[0]?.error ?? 'no request sent'}. Check the base URL and the network.`,
    );
  }
  const redacted = checks.map((check) => ({
    ...check,
    observations: check.observations.map((seen) => ({ ...seen, detail: redact(seen.detail, secrets) })),
  }));
  const assumptions = probeAssumptions().map((assumption): ProbeAssumptionResult => {
    const seen = redacted.flatMap((check) =>
      check.observations
        .filter((observation) => observation.assumption === assumption.id)
        .map(({ outcome, detail }) => ({ request: check.request, outcome, detail })),
    );
    const outcome: ProbeOutcome = seen.some((entry) => entry.outcome === 'differs')
      ? 'differs'
      : seen.some((entry) => entry.outcome === 'held')
        ? 'held'
        : 'not-checked';
    return { ...assumption, outcome, seen };
  });
  return {
    baseUrl,
    time: new Date().toISOString(),
    differs: assumptions.some((assumption) => assumption.outcome === 'differs'),
    assumptions,
    checks: redacted,
  };
}

/**
 * Every check the credentials allow: each operation's credential-free requests, in the order of the
 * list, then those the credentials allow (the ID token's, which reads discovery's key set, among them).
 */
async function runProbeChecks(context: ProbeContext, credentials: ProbeCredentials): Promise<ProbeCheck[]> {
  const checks: ProbeCheck[] = [];
  for (const phase of ['credentialFree', 'credentialed'] as const) {
    for (const contract of CONTRACT_OPERATIONS) {
      const steps = contract.probe[phase];
      if (steps !== undefined) checks.push(...(await steps(context, credentials)));
    }
  }
  return checks;
}

/** What `--record` writes: the config that makes the mock answer as the host did, and what it cannot say. */
export interface ProbeRecording {
  readonly config: MockConfig;
  /** The assumptions that differed and that a mock config cannot express. */
  readonly notExpressed: readonly string[];
}

/**
 * The config overlay that makes the mock answer as the probed host did, as far as a config can: the
 * team's client id, and `idToken: false` for it when the host issued no ID token with `openid` granted.
 * Error bodies, headers, statuses and the scope string are the mock's own (from `openapi.yaml`); a
 * difference there is listed in `notExpressed`.
 */
export function recordProbe(report: ProbeReport, clientId: string | undefined): ProbeRecording {
  const idToken = report.assumptions.find((assumption) => assumption.id === 'id-token');
  const noIdToken =
    idToken?.outcome === 'differs' &&
    idToken.seen.some((seen) => seen.detail === 'openid granted, no id_token');
  const config: MockConfig = {};
  if (clientId !== undefined) config.clients = { [clientId]: noIdToken ? { idToken: false } : {} };
  else if (noIdToken) config.idToken = false;
  const notExpressed = report.assumptions
    .filter((assumption) => assumption.outcome === 'differs' && !(assumption.id === 'id-token' && noIdToken))
    .map((assumption) => `${assumption.id} (${assumption.title})`);
  return { config, notExpressed };
}

function checkOptions(options: ProbeOptions): string {
  const problems = probeOptionProblems(options);
  if (problems.length > 0) throw new KitError('ERR_OPTIONS_INVALID', `Cannot probe: ${problems.join('; ')}.`);
  return new URL(options.baseUrl ?? TRUECALLER_OAUTH_URL).origin;
}

/** How the problems of `probeOptionProblems` name each option: as `probe()` takes it, or as a flag. */
export type ProbeOptionNames = Readonly<Record<keyof ProbeOptions, string>>;

const OPTION_NAMES: ProbeOptionNames = {
  baseUrl: 'the base URL',
  token: 'token',
  code: 'code',
  verifier: 'verifier',
  clientId: 'clientId',
  timeoutMs: 'timeoutMs',
};

/** The longest time limit of a request `probe` takes, in milliseconds. */
export const MAX_PROBE_TIMEOUT_MS = 300_000;

/** What makes `options` unusable, each problem naming the option as `names` say; empty when none does. */
export function probeOptionProblems(options: ProbeOptions, names: ProbeOptionNames = OPTION_NAMES): string[] {
  const problems: string[] = [];
  const raw = options.baseUrl ?? TRUECALLER_OAUTH_URL;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    problems.push(
      `${names.baseUrl} "${raw}" is not a URL (give scheme and host, such as ${TRUECALLER_OAUTH_URL})`,
    );
  }
  if (url !== undefined) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      problems.push(`${names.baseUrl} must be http or https`);
    if (
      url.username !== '' ||
      url.password !== '' ||
      url.search !== '' ||
      url.hash !== '' ||
      url.pathname !== '/'
    ) {
      problems.push(`${names.baseUrl} must be only scheme, host and port, got "${raw}"`);
    }
    const credentials = options.token !== undefined || options.code !== undefined;
    if (credentials && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      problems.push(`refusing to send a token or code over plain http to ${url.host}; use https`);
    }
  }
  const exchange = { code: options.code, verifier: options.verifier, clientId: options.clientId };
  if (options.code !== undefined || options.verifier !== undefined) {
    const missing = (Object.keys(exchange) as (keyof typeof exchange)[])
      .filter((name) => exchange[name] === undefined)
      .map((name) => names[name]);
    if (missing.length > 0)
      problems.push(
        `the code exchange needs ${names.code}, ${names.verifier} and ${names.clientId}; missing ${missing.join(', ')}`,
      );
  }
  for (const name of ['code', 'verifier', 'clientId', 'token'] as const) {
    const value = options[name];
    if (value !== undefined && (typeof value !== 'string' || value === '' || /\s/.test(value))) {
      problems.push(`${names[name]} must be a non-empty string without spaces`);
    }
  }
  const timeout = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_PROBE_TIMEOUT_MS) {
    problems.push(
      `${names.timeoutMs} must be a whole number of milliseconds from 1 to ${MAX_PROBE_TIMEOUT_MS}, got ${String(timeout)}`,
    );
  }
  return problems;
}

function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

/** `text` with every secret (a token, a code, a claim's value) replaced, and anything JWT-shaped too. */
export function redact(text: string, secrets: ReadonlySet<string>): string {
  let result = text;
  // Longest first, so a secret inside another is not left half-shown; whole words only, so a token such
  // as "valid" does not eat into "invalid_request".
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length < 3) continue;
    const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    result = result.replace(new RegExp(`(?<![\\w.~+/=-])${escaped}(?![\\w.~+/=-])`, 'g'), '[redacted]');
  }
  return result.replace(/[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, '[redacted]');
}
