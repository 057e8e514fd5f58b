/**
 * How `probe` sends a request and judges its answer, assumption by assumption: what every operation's
 * probe checks (`contracts/operations/<op>/probe-checks.ts`) share. Every request goes to the base URL
 * given (paths from `ENDPOINTS`, never a URL an answer names), without following redirects, so a token
 * reaches no other host.
 */
import { getResponseValidator } from '../../src/openapi/response-validator.js';
import { parseChallenge } from '../../src/www-authenticate.js';
import type { ProbeAssumptionId } from './probe-assumptions.js';

/** How one assumption fared in one answer. */
export type ProbeOutcome = 'held' | 'differs' | 'not-checked';

/** One assumption judged on one answer: what was seen, never a token or a claim's value. */
export interface ProbeObservation {
  readonly assumption: ProbeAssumptionId;
  readonly outcome: ProbeOutcome;
  readonly detail: string;
}

/** One request and what its answer showed. */
export interface ProbeCheck {
  /** `GET /v1/userinfo without Authorization`, ... */
  readonly request: string;
  /** The status answered; null when no answer came. */
  readonly status: number | null;
  /** Why no answer came (`ECONNREFUSED`, `TimeoutError`, ...). */
  readonly error?: string;
  readonly observations: ProbeObservation[];
}

/** What the team passes: each unlocks the checks that need it. */
export interface ProbeCredentials {
  readonly token?: string | undefined;
  readonly code?: string | undefined;
  readonly verifier?: string | undefined;
  readonly clientId?: string | undefined;
}

/** An answer as the checks read it. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: unknown;
}

/** What the checks share: the base URL, the time limit, and what they saw so far. */
export interface ProbeContext {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Strings no report may show: what was passed, and what the answers held. */
  readonly secrets: Set<string>;
  /** The discovery document, once read. */
  discovery?: Record<string, unknown> | undefined;
}

/** Sends one request to the base URL; the answer, or why none came. */
export async function send(
  context: ProbeContext,
  method: 'GET' | 'POST',
  path: string,
  init: { headers?: Record<string, string>; form?: Record<string, string> } = {},
): Promise<Answer | { error: string }> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  let body: string | undefined;
  if (init.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  try {
    const response = await fetch(new URL(path, context.baseUrl), {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(context.timeoutMs),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json };
  } catch (error) {
    // fetch wraps the socket's error (ECONNREFUSED, ...) in `cause`, or in its `errors` for several addresses.
    const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
    const code = cause?.code ?? cause?.errors?.[0]?.code;
    return { error: code ?? (error instanceof Error ? error.name : 'failed') };
  }
}

/** Runs `judge` on the answer to one request; no answer leaves every assumption unchecked. */
export async function check(
  context: ProbeContext,
  request: string,
  answer: Promise<Answer | { error: string }>,
  judge: (answer: Answer, observe: Observe) => void | Promise<void>,
): Promise<ProbeCheck> {
  const got = await answer;
  if ('error' in got) {
    return {
      request,
      status: null,
      error: got.error,
      observations: [
        { assumption: 'documented', outcome: 'not-checked', detail: `no answer (${got.error})` },
      ],
    };
  }
  const observations: ProbeObservation[] = [];
  try {
    await judge(got, (assumption, outcome, detail) => observations.push({ assumption, outcome, detail }));
  } catch (error) {
    // Whatever a host answers (HTML for JSON, a jwks_uri that is no URL), the probe reports it and goes on.
    const reason = error instanceof Error ? error.message : String(error);
    observations.push({
      assumption: 'documented',
      outcome: 'differs',
      detail: `an answer the probe cannot read (${reason})`,
    });
  }
  return { request, status: got.status, observations };
}

/** Records how one assumption fared in the answer being judged. */
export type Observe = (assumption: ProbeAssumptionId, outcome: ProbeOutcome, detail: string) => void;

/** The documented status, the assumed body and code, and for a 401 the assumed challenge. */
export function judgeError(answer: Answer, status: number, example: unknown, observe: Observe): void {
  observe(
    'documented',
    answer.status === status ? 'held' : 'differs',
    answer.status === status ? `status ${status}` : `status ${answer.status}, documented ${status}`,
  );
  const problems = getResponseValidator().validateSchema('Error', answer.json);
  if (answer.json === undefined) {
    observe(
      'error-body',
      'differs',
      `not a JSON body (Content-Type ${shown(answer.headers.get('content-type'))})`,
    );
  } else if (problems.length > 0) {
    observe('error-body', 'differs', `body ${shape(answer.json)}, not {error, error_description}`);
  } else {
    observe('error-body', 'held', 'JSON {error, error_description}');
  }
  const error = (answer.json as { error?: unknown } | undefined)?.error;
  const expected = (example as { error: string }).error;
  if (problems.length > 0 || typeof error !== 'string') {
    observe('error-code', 'not-checked', 'no error code to compare');
  } else {
    observe(
      'error-code',
      error === expected ? 'held' : 'differs',
      error === expected ? `"${expected}"` : `"${oauthCode(error)}", expected "${expected}"`,
    );
  }
  if (status !== 401 || answer.status !== 401) return;
  const challenge = parseChallenge(answer.headers.get('www-authenticate'));
  if (challenge === null) observe('www-authenticate', 'differs', 'no WWW-Authenticate challenge');
  else if (challenge.scheme.toLowerCase() !== 'bearer') {
    observe('www-authenticate', 'differs', `scheme ${oauthCode(challenge.scheme)}, not Bearer`);
  } else
    observe(
      'www-authenticate',
      'held',
      `Bearer${challenge.params.error ? ` error="${oauthCode(challenge.params.error)}"` : ''}`,
    );
}

/** `Cache-Control: no-store` on a token or profile answer (assumed). */
export function judgeCacheControl(answer: Answer, observe: Observe): void {
  const value = answer.headers.get('cache-control');
  const noStore =
    value?.split(',').some((directive) => directive.trim().toLowerCase() === 'no-store') ?? false;
  observe(
    'cache-control',
    noStore ? 'held' : 'differs',
    noStore ? 'no-store' : `Cache-Control ${shown(value)}`,
  );
}

/** The string values of a body (claims, personal data): redacted from every report. */
export function collectSecrets(context: ProbeContext, value: unknown): void {
  if (typeof value === 'string') context.secrets.add(value);
  else if (typeof value === 'number') context.secrets.add(String(value));
  else if (typeof value === 'object' && value !== null)
    for (const child of Object.values(value)) collectSecrets(context, child);
}

/** A body's shape without its values: `{error: string, message: string}`. */
export function shape(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return value === undefined ? 'none' : typeof value;
  const fields = Object.entries(value).map(
    ([key, field]) =>
      `${oauthCode(key)}: ${Array.isArray(field) ? 'array' : field === null ? 'null' : typeof field}`,
  );
  return `{${fields.join(', ')}}`;
}

/** An OAuth-style code as it is, anything else replaced: a server could put anything there. */
export function oauthCode(value: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : '(not a plain code)';
}

function shown(value: string | null | undefined): string {
  return value === null || value === undefined
    ? 'absent'
    : `"${value.replace(/[^\x20-\x7e]/g, '?').slice(0, 80)}"`;
}
