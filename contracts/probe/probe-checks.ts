/**
 * The requests `probe` sends and how each answer is judged, assumption by assumption. Every request goes
 * to the base URL given (paths from `ENDPOINTS`, never a URL an answer names), without following
 * redirects, so a token reaches no other host.
 */
import { randomBytes } from 'node:crypto';
import { ENDPOINTS } from '../../src/endpoints.js';
import { getExchangeOutcome, type ExchangeOutcomeName } from '../../src/operations/token/outcomes.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import { isJsonObject } from '../../src/clients/api-call.js';
import { getResponseValidator } from '../../src/openapi/response-validator.js';
import { getScenario, type ScenarioName } from '../../src/operations/userinfo/scenarios.js';
import { CLAIMS_BY_SCOPE, readScopes, type Scope } from '../../src/scopes.js';
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
interface Answer {
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

/** The client id of the credential-free token checks when none is given: unknown to any real host. */
export const PROBE_CLIENT_ID = 'truecaller-oauth-kit-probe';

/** Sends one request to the base URL; the answer, or why none came. */
async function send(
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
async function check(
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

type Observe = (assumption: ProbeAssumptionId, outcome: ProbeOutcome, detail: string) => void;

/** Every check the credentials allow, in order: discovery first (the ID token's key set comes from it). */
export async function runProbeChecks(
  context: ProbeContext,
  credentials: ProbeCredentials,
): Promise<ProbeCheck[]> {
  const checks: ProbeCheck[] = [];
  checks.push(await checkDiscovery(context));
  checks.push(
    await check(
      context,
      `GET ${ENDPOINTS.userinfo} without Authorization`,
      send(context, 'GET', ENDPOINTS.userinfo),
      (answer, observe) => judgeUserInfoError(answer, 'not-bearer', observe),
    ),
  );
  const unknownToken = randomBytes(32).toString('base64url');
  checks.push(
    await check(
      context,
      `GET ${ENDPOINTS.userinfo} with an unknown token`,
      send(context, 'GET', ENDPOINTS.userinfo, { headers: { authorization: `Bearer ${unknownToken}` } }),
      (answer, observe) => judgeUserInfoError(answer, 'invalid', observe),
    ),
  );
  const clientId = credentials.clientId ?? PROBE_CLIENT_ID;
  const form = {
    grant_type: 'authorization_code',
    client_id: clientId,
    code: randomBytes(16).toString('base64url'),
    code_verifier: randomBytes(48).toString('base64url'),
  };
  // An unknown code of a known client is the documented "invalid auth code"; of an unknown client,
  // "client id invalid": both 403.
  checks.push(
    await check(
      context,
      `POST ${ENDPOINTS.token} with an unknown code`,
      send(context, 'POST', ENDPOINTS.token, { form }),
      (answer, observe) =>
        judgeTokenError(
          answer,
          credentials.clientId === undefined ? 'invalid-client' : 'invalid-code',
          observe,
        ),
    ),
  );
  checks.push(
    await check(
      context,
      `POST ${ENDPOINTS.token} with an unsupported grant type`,
      send(context, 'POST', ENDPOINTS.token, { form: { ...form, grant_type: 'password' } }),
      (answer, observe) => judgeTokenError(answer, 'unsupported-grant-type', observe),
    ),
  );
  checks.push(
    await check(
      context,
      `POST ${ENDPOINTS.token} with an empty form`,
      send(context, 'POST', ENDPOINTS.token, { form: {} }),
      (answer, observe) => judgeTokenError(answer, 'empty-parameters', observe),
    ),
  );
  if (credentials.token !== undefined) {
    checks.push(
      await check(
        context,
        `GET ${ENDPOINTS.userinfo} with the given token`,
        send(context, 'GET', ENDPOINTS.userinfo, {
          headers: { authorization: `Bearer ${credentials.token}` },
        }),
        (answer, observe) => judgeProfile(context, answer, undefined, observe),
      ),
    );
  }
  if (
    credentials.code !== undefined &&
    credentials.verifier !== undefined &&
    credentials.clientId !== undefined
  ) {
    checks.push(
      ...(await checkExchange(context, credentials.code, credentials.verifier, credentials.clientId)),
    );
  }
  return checks;
}

async function checkDiscovery(context: ProbeContext): Promise<ProbeCheck> {
  return check(
    context,
    `GET ${ENDPOINTS.discovery}`,
    send(context, 'GET', ENDPOINTS.discovery),
    (answer, observe) => {
      if (answer.status !== 200) {
        observe('discovery', 'differs', `status ${answer.status}, not 200`);
        return;
      }
      const problems = getResponseValidator().validateSchema('OpenIdConfiguration', answer.json);
      if (problems.length > 0) observe('discovery', 'differs', problems.join('; '));
      else observe('discovery', 'held', 'every captured field, of the captured type');
      if (typeof answer.json === 'object' && answer.json !== null) {
        context.discovery = answer.json as Record<string, unknown>;
      }
    },
  );
}

function judgeUserInfoError(answer: Answer, name: ScenarioName, observe: Observe): void {
  const scenario = getScenario(name);
  const example = getExampleValue(
    loadApiDocument(),
    ENDPOINTS.userinfo,
    'get',
    scenario.status,
    scenario.example,
  );
  judgeError(answer, scenario.status, example, observe);
  judgeCacheControl(answer, observe);
}

function judgeTokenError(answer: Answer, name: ExchangeOutcomeName, observe: Observe): void {
  const outcome = getExchangeOutcome(name);
  const example = getExampleValue(
    loadApiDocument(),
    ENDPOINTS.token,
    'post',
    outcome.status,
    outcome.example,
  );
  judgeError(answer, outcome.status, example, observe);
  judgeCacheControl(answer, observe);
}

/** The documented status, the assumed body and code, and for a 401 the assumed challenge. */
function judgeError(answer: Answer, status: number, example: unknown, observe: Observe): void {
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

function judgeCacheControl(answer: Answer, observe: Observe): void {
  const value = answer.headers.get('cache-control');
  const noStore =
    value?.split(',').some((directive) => directive.trim().toLowerCase() === 'no-store') ?? false;
  observe(
    'cache-control',
    noStore ? 'held' : 'differs',
    noStore ? 'no-store' : `Cache-Control ${shown(value)}`,
  );
}

/** A userinfo 200: documented claims and types, and, when the granted scopes are known, only their claims. */
function judgeProfile(
  context: ProbeContext,
  answer: Answer,
  scopes: readonly Scope[] | undefined,
  observe: Observe,
): void {
  if (answer.status !== 200) {
    observe('documented', 'differs', `status ${answer.status}, documented 200`);
    return;
  }
  collectSecrets(context, answer.json);
  const problems = getResponseValidator().validateSchema('UserInfo', answer.json);
  observe(
    'documented',
    problems.length === 0 ? 'held' : 'differs',
    problems.length === 0 ? `status 200, claims ${shape(answer.json)}` : problems.join('; '),
  );
  judgeCacheControl(answer, observe);
  if (scopes === undefined) {
    observe('scope-claims', 'not-checked', 'the granted scopes are unknown');
    return;
  }
  if (!isJsonObject(answer.json)) {
    observe('scope-claims', 'not-checked', 'the answer holds no JSON object of claims');
    return;
  }
  const granted = new Set<string>(scopes.flatMap((scope) => CLAIMS_BY_SCOPE[scope]));
  const beyond = Object.keys(answer.json).filter((claim) => !granted.has(claim));
  observe(
    'scope-claims',
    beyond.length === 0 ? 'held' : 'differs',
    beyond.length === 0
      ? `claims within ${scopes.join(' ')}`
      : `claims beyond ${scopes.join(' ')}: ${beyond.join(', ')}`,
  );
}

/** The code exchange and what its tokens show, then userinfo with the access token it gave. */
async function checkExchange(
  context: ProbeContext,
  code: string,
  verifier: string,
  clientId: string,
): Promise<ProbeCheck[]> {
  let accessToken: string | undefined;
  let scopes: Scope[] | undefined;
  const exchange = await check(
    context,
    `POST ${ENDPOINTS.token} with the given code`,
    send(context, 'POST', ENDPOINTS.token, {
      form: { grant_type: 'authorization_code', client_id: clientId, code, code_verifier: verifier },
    }),
    async (answer, observe) => {
      const body = (typeof answer.json === 'object' && answer.json !== null ? answer.json : {}) as Record<
        string,
        unknown
      >;
      for (const field of ['access_token', 'refresh_token', 'id_token']) {
        if (typeof body[field] === 'string') context.secrets.add(body[field]);
      }
      const documented =
        answer.status === 200 &&
        typeof body.access_token === 'string' &&
        String(body.token_type).toLowerCase() === 'bearer' &&
        Number.isInteger(body.expires_in);
      observe(
        'documented',
        documented ? 'held' : 'differs',
        answer.status !== 200
          ? `status ${answer.status}, documented 200`
          : documented
            ? 'access_token, token_type Bearer, expires_in'
            : `body ${shape(body)}`,
      );
      if (answer.status !== 200) return;
      judgeCacheControl(answer, observe);
      accessToken = typeof body.access_token === 'string' ? body.access_token : undefined;
      scopes = typeof body.scope === 'string' ? readScopes(body.scope) : undefined;
      if (typeof body.scope !== 'string') observe('token-scope', 'differs', 'no scope in the token response');
      else if (scopes === undefined)
        observe('token-scope', 'differs', 'a scope string with undocumented scopes');
      else observe('token-scope', 'held', `scope "${scopes.join(' ')}"`);
      judgeRefreshToken(body, scopes, observe);
      await judgeIdToken(context, body.id_token, scopes, clientId, observe);
    },
  );
  if (accessToken === undefined) return [exchange];
  const token = accessToken;
  const userInfo = await check(
    context,
    `GET ${ENDPOINTS.userinfo} with the issued token`,
    send(context, 'GET', ENDPOINTS.userinfo, { headers: { authorization: `Bearer ${token}` } }),
    (answer, observe) => judgeProfile(context, answer, scopes, observe),
  );
  return [exchange, userInfo];
}

function judgeRefreshToken(
  body: Record<string, unknown>,
  scopes: Scope[] | undefined,
  observe: Observe,
): void {
  if (scopes === undefined) {
    observe('refresh-token', 'not-checked', 'the granted scopes are unknown');
    return;
  }
  const offline = scopes.includes('offline_access');
  const has = typeof body.refresh_token === 'string';
  observe(
    'refresh-token',
    offline === has ? 'held' : 'differs',
    offline === has
      ? has
        ? 'a refresh_token with offline_access'
        : 'no refresh_token without offline_access'
      : offline
        ? 'offline_access granted, no refresh_token'
        : 'a refresh_token without offline_access',
  );
}

async function judgeIdToken(
  context: ProbeContext,
  idToken: unknown,
  scopes: Scope[] | undefined,
  clientId: string,
  observe: Observe,
): Promise<void> {
  if (typeof idToken !== 'string') {
    if (scopes === undefined)
      observe('id-token', 'not-checked', 'no id_token, and the granted scopes are unknown');
    else if (scopes.includes('openid')) observe('id-token', 'differs', 'openid granted, no id_token');
    else observe('id-token', 'held', 'no id_token without openid');
    return;
  }
  const jwksUri = context.discovery?.jwks_uri;
  if (typeof jwksUri !== 'string') {
    observe('id-token', 'not-checked', 'an id_token, but discovery names no jwks_uri to verify it with');
    return;
  }
  let keys: URL;
  try {
    keys = new URL(jwksUri.replace(':clientId', encodeURIComponent(clientId)), context.baseUrl);
  } catch {
    observe('id-token', 'differs', "an id_token, but discovery's jwks_uri is not a URL");
    return;
  }
  // Only the base URL is called; a key set elsewhere is named, not fetched.
  if (keys.origin !== new URL(context.baseUrl).origin) {
    observe('id-token', 'not-checked', `an id_token, but jwks_uri is on ${keys.origin}, not the base URL`);
    return;
  }
  const issuer = typeof context.discovery?.issuer === 'string' ? context.discovery.issuer : context.baseUrl;
  // Loaded here: importing the contracts entry point (the interaction builders, verify) never needs jose.
  const { createRemoteJWKSet, jwtVerify } = await import('jose');
  try {
    const { payload } = await jwtVerify(
      idToken,
      createRemoteJWKSet(keys, { timeoutDuration: context.timeoutMs }),
      {
        issuer,
        audience: clientId,
        algorithms: ['RS256'],
        requiredClaims: ['iss', 'sub', 'aud', 'iat', 'exp'],
      },
    );
    collectSecrets(context, payload);
    observe('id-token', 'held', `RS256, verified with jwks_uri; claims ${Object.keys(payload).join(', ')}`);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'ERR_JOSE';
    observe('id-token', 'differs', `an id_token that does not verify (${code}: ${(error as Error).message})`);
  }
}

/** The string values of a body (claims, personal data): redacted from every report. */
function collectSecrets(context: ProbeContext, value: unknown): void {
  if (typeof value === 'string') context.secrets.add(value);
  else if (typeof value === 'number') context.secrets.add(String(value));
  else if (typeof value === 'object' && value !== null)
    for (const child of Object.values(value)) collectSecrets(context, child);
}

/** A body's shape without its values: `{error: string, message: string}`. */
function shape(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return value === undefined ? 'none' : typeof value;
  const fields = Object.entries(value).map(
    ([key, field]) =>
      `${oauthCode(key)}: ${Array.isArray(field) ? 'array' : field === null ? 'null' : typeof field}`,
  );
  return `{${fields.join(', ')}}`;
}

/** An OAuth-style code as it is, anything else replaced: a server could put anything there. */
function oauthCode(value: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : '(not a plain code)';
}

function shown(value: string | null | undefined): string {
  return value === null || value === undefined
    ? 'absent'
    : `"${value.replace(/[^\x20-\x7e]/g, '?').slice(0, 80)}"`;
}
