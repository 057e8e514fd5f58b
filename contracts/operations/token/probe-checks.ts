/**
 * What `probe` checks of `POST /v1/token`: its documented errors without credentials (an unknown code, an
 * unsupported grant, an empty form), and with the team's code the exchange, its scope, refresh token and
 * ID token (verified with discovery's `jwks_uri`), then userinfo with the token it issued.
 */
import { randomBytes } from 'node:crypto';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { getExampleValue, loadApiDocument } from '../../../src/openapi/api-document.js';
import { getExchangeOutcome, type ExchangeOutcomeName } from '../../../src/operations/token/outcomes.js';
import { readScopes, type Scope } from '../../../src/scopes.js';
import {
  type Answer,
  check,
  collectSecrets,
  judgeCacheControl,
  judgeError,
  type Observe,
  type ProbeCheck,
  type ProbeContext,
  type ProbeCredentials,
  send,
  shape,
} from '../../probe/probe-checks.js';
import { checkProfile } from '../userinfo/probe-checks.js';

/** The client id of the credential-free token checks when none is given: unknown to any real host. */
export const PROBE_CLIENT_ID = 'truecaller-oauth-kit-probe';

/** The token endpoint with an unknown code, an unsupported grant type and an empty form: documented errors. */
export async function probeTokenErrors(
  context: ProbeContext,
  credentials: ProbeCredentials,
): Promise<ProbeCheck[]> {
  const checks: ProbeCheck[] = [];
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
  return checks;
}

/** The exchange of the team's code, when code, verifier and client id are all given. */
export async function probeExchange(
  context: ProbeContext,
  credentials: ProbeCredentials,
): Promise<ProbeCheck[]> {
  const { code, verifier, clientId } = credentials;
  if (code === undefined || verifier === undefined || clientId === undefined) return [];
  return checkExchange(context, code, verifier, clientId);
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

/** The code exchange and what its tokens show, then userinfo with the access token it gave. */
async function checkExchange(
  context: ProbeContext,
  code: string,
  verifier: string,
  clientId: string,
): Promise<ProbeCheck[]> {
  // What the exchange issued, for userinfo after it.
  const issued: { accessToken?: string | undefined; scopes?: Scope[] | undefined } = {};
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
      issued.accessToken = typeof body.access_token === 'string' ? body.access_token : undefined;
      const scopes = typeof body.scope === 'string' ? readScopes(body.scope) : undefined;
      issued.scopes = scopes;
      if (typeof body.scope !== 'string') observe('token-scope', 'differs', 'no scope in the token response');
      else if (scopes === undefined)
        observe('token-scope', 'differs', 'a scope string with undocumented scopes');
      else observe('token-scope', 'held', `scope "${scopes.join(' ')}"`);
      judgeRefreshToken(body, scopes, observe);
      await judgeIdToken(context, body.id_token, scopes, clientId, observe);
    },
  );
  if (issued.accessToken === undefined) return [exchange];
  const userInfo = await checkProfile(context, 'with the issued token', issued.accessToken, issued.scopes);
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
