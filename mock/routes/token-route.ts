/**
 * `POST /v1/token` of the mock (a test double, not for production): exchanges an authorization code
 * (with its PKCE verifier) or a refresh token for an access token, answering every documented status
 * with the named examples of `openapi.yaml`.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { OpenAPIV3_1 } from 'openapi-types';
import {
  EXCHANGE_OUTCOMES,
  type ExchangeOutcomeName,
  getExchangeOutcome,
  type GrantType,
  GRANT_TYPES,
} from '../../src/exchange-outcomes.js';
import type { Fault } from '../../src/faults.js';
import { getExampleValue, resolveReference } from '../../src/openapi/api-document.js';
import { isCodeVerifier, verifyCodeVerifier } from '../../src/pkce.js';
import type { Scope } from '../../src/scopes.js';
import type { ErrorBody, TokenResponse } from '../../src/wire-types.js';
import type { Clock } from '../state/clock.js';
import { readFaultBodies, refusesRequest, withFault } from '../http/faults.js';
import { readFormBody } from '../http/form-body.js';
import { IssuedTokens, issuedTokenGraceMs } from '../state/issued-tokens.js';
import { type PreparedResponse, prepareJson, type ResponseContext } from '../http/responses.js';
import type { MockStore } from '../state/store.js';
import type { CodeRecord, TokenRecord } from '../../src/wire-types.js';
import { ENDPOINTS } from '../../src/endpoints.js';

/** What the token route needs besides the store. */
export interface TokenRouteSettings {
  readonly clock: Clock;
  /** `expires_in` of issued access tokens, in seconds. */
  readonly tokenLifetimeSeconds: number;
}

const GRANT_SET: ReadonlySet<string> = new Set(GRANT_TYPES);

/**
 * The handler of `POST /v1/token`. The checks run in the order a client's mistakes are most usefully
 * reported: the form, the grant, empty fields, the client, then the code or refresh token.
 */
export function createTokenRoute(
  store: MockStore,
  document: OpenAPIV3_1.Document,
  context: ResponseContext,
  settings: TokenRouteSettings,
): (request: IncomingMessage) => Promise<PreparedResponse> {
  const retryAfter = retryAfterSeconds(document);
  const graceMs = issuedTokenGraceMs(settings.tokenLifetimeSeconds);
  const issuedTokens = new IssuedTokens(store, graceMs);
  // An injected 429/503 answers with this route's own documented examples, not userinfo's.
  const faultBodies = readFaultBodies(document, ENDPOINTS.token, 'post', {
    'too-many-requests': getExchangeOutcome('rate-limited'),
    'service-unavailable': getExchangeOutcome('unavailable'),
  });
  const examples = new Map<ExchangeOutcomeName, ErrorBody>();
  const prepared = new Map<ExchangeOutcomeName, PreparedResponse>();
  for (const outcome of EXCHANGE_OUTCOMES) {
    if (outcome.status === 200) continue;
    const body = getExampleValue(
      document,
      ENDPOINTS.token,
      'post',
      outcome.status,
      outcome.example,
    ) as ErrorBody;
    examples.set(outcome.name, body);
    prepared.set(outcome.name, prepareError(outcome.name, outcome.status, body));
  }

  function prepareError(
    name: ExchangeOutcomeName,
    status: number,
    body: ErrorBody,
    extraHeaders: readonly string[] = [],
  ): PreparedResponse {
    const headers = status === 429 ? ['Retry-After', retryAfter, ...extraHeaders] : extraHeaders;
    return prepareJson(context, status, body, { scenario: `token:${name}`, headers });
  }

  /** The outcome's example, verbatim, or with `detail` after its description (why, and what to fix). */
  function fail(
    name: Exclude<ExchangeOutcomeName, 'issued'>,
    detail?: string,
    closeConnection = false,
  ): PreparedResponse {
    const answer = prepared.get(name) as PreparedResponse;
    if (detail === undefined) return answer;
    const example = examples.get(name) as ErrorBody;
    const body = { error: example.error, error_description: `${example.error_description} ${detail}` };
    return prepareError(name, answer.status, body, closeConnection ? ['Connection', 'close'] : []);
  }

  function issue(clientId: string, persona: string | null, scopes: Scope[]): PreparedResponse {
    const accessToken = newToken();
    const now = settings.clock.now();
    const record: TokenRecord & { expiresAt: number } = {
      id: accessToken,
      scenario: 'valid',
      persona,
      scopes,
      expiresAt: now + settings.tokenLifetimeSeconds * 1000,
      clientId,
    };
    const body: TokenResponse = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: settings.tokenLifetimeSeconds,
      scope: scopes.join(' '),
    };
    // Assumed (the refresh grant is undocumented): a refresh token only for offline_access, as OpenID Connect Core §11 asks.
    if (scopes.includes('offline_access')) {
      const refreshToken = newToken();
      const expiresAt = record.expiresAt + graceMs;
      store.insert('refreshTokens', { id: refreshToken, clientId, persona, scopes: [...scopes], expiresAt });
      record.refreshToken = refreshToken;
      body.refresh_token = refreshToken;
    }
    store.insert('tokens', record);
    issuedTokens.issued(record, now);
    return prepareJson(context, 200, body, { scenario: 'token:issued' });
  }

  function exchangeCode(fields: URLSearchParams, clientId: string): PreparedResponse {
    const code = fields.get('code') ?? '';
    const verifier = fields.get('code_verifier') ?? '';
    const record = store.findCode(code);
    if (record === undefined)
      return fail('invalid-code', 'No such code: register one, or use a built-in code.');
    if (record.scenario !== 'issued') return fail(record.scenario);
    if (record.clientId !== undefined && record.clientId !== clientId) {
      return fail('invalid-code', 'The code was issued to another client.');
    }
    if (record.usedAt !== undefined) return fail('expired-code', 'This code was already exchanged.');
    if (record.expiresAt !== undefined && settings.clock.now() >= record.expiresAt) {
      return fail('expired-code', 'This code has expired.');
    }
    if (!isCodeVerifier(verifier)) {
      return fail(
        'invalid-verifier',
        `The code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1); got ${verifier.length} characters${/^[A-Za-z0-9._~-]*$/.test(verifier) ? '' : ', some outside that set'}.`,
      );
    }
    if (record.codeChallenge !== undefined && !verifyCodeVerifier(verifier, record.codeChallenge)) {
      return fail(
        'invalid-verifier',
        'Its S256 challenge does not match the code_challenge of the code (RFC 7636 §4.6).',
      );
    }
    if (!record.reusable) markUsed(record);
    return issue(clientId, record.persona, [...record.scopes]);
  }

  function markUsed(record: CodeRecord): void {
    record.usedAt = settings.clock.now();
  }

  function refresh(fields: URLSearchParams, clientId: string): PreparedResponse {
    const record = store.findRefreshToken(fields.get('refresh_token') ?? '');
    if (record === undefined) return fail('invalid-refresh-token');
    if (record.clientId !== clientId)
      return fail('invalid-refresh-token', 'It was issued to another client.');
    if (record.expiresAt !== undefined && settings.clock.now() >= record.expiresAt) {
      return fail(
        'invalid-refresh-token',
        'It has expired (its access token expired over the grace period ago).',
      );
    }
    // Rotation (RFC 9700 §4.14.2): a public client's refresh token is good for one use.
    store.remove('refreshTokens', new Set([record.id]));
    return issue(clientId, record.persona, [...record.scopes]);
  }

  /**
   * The fault of the code the form names (else the global one). A 429/503 answers instead of the exchange,
   * so the code stays unused; a delay, a broken connection or cut JSON come after the exchange happened,
   * as when an answer is lost on its way back.
   */
  return async function answerToken(request) {
    const form = await readFormBody(request);
    if (!form.ok) return faulted(fail('empty-parameters', form.problem, form.tooLarge), store.data.fault);
    const { fields } = form;
    const code = fields.get('grant_type') === 'refresh_token' ? undefined : fields.get('code');
    const fault = (code ? store.findCode(code)?.fault : undefined) ?? store.data.fault;
    // The fault's own 429/503 replaces this answer; only its shape (no delay) matters.
    if (refusesRequest(fault)) return faulted(fail('rate-limited'), fault);
    return faulted(answerForm(fields), fault);
  };

  function faulted(answer: PreparedResponse, fault: Fault): PreparedResponse {
    return withFault(answer, fault, faultBodies, context);
  }

  function answerForm(fields: URLSearchParams): PreparedResponse {
    const grantType = fields.get('grant_type') ?? '';
    if (grantType !== '' && !GRANT_SET.has(grantType)) {
      return fail(
        'unsupported-grant-type',
        `grant_type "${grantType.slice(0, 64)}" is not one of ${GRANT_TYPES.join(', ')}.`,
      );
    }
    const required =
      grantType === 'refresh_token'
        ? ['grant_type', 'client_id', 'refresh_token']
        : ['grant_type', 'client_id', 'code', 'code_verifier'];
    const empty = required.filter((name) => !fields.get(name));
    if (empty.length > 0) return fail('empty-parameters', `Missing or empty: ${empty.join(', ')}.`);
    // RFC 6749 §3.2: request parameters must not be sent more than once.
    const repeated = required.filter((name) => fields.getAll(name).length > 1);
    if (repeated.length > 0) return fail('empty-parameters', `Sent more than once: ${repeated.join(', ')}.`);

    const clientId = fields.get('client_id') ?? '';
    const client = store.findClient(clientId);
    if (client === undefined) {
      return fail(
        'invalid-client',
        `No client "${clientId.slice(0, 64)}"; the mock's default client is documented in its README.`,
      );
    }
    if (!client.grantTypes.includes(grantType as GrantType)) {
      return fail(
        'unauthorized-client',
        `Client "${clientId}" may use: ${client.grantTypes.join(', ') || 'no grant'}.`,
      );
    }
    return grantType === 'refresh_token' ? refresh(fields, clientId) : exchangeCode(fields, clientId);
  }
}

/** A fresh opaque token: 32 random bytes, base64url (RFC 6750 b64token syntax). */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

// The Retry-After value is the document's own example of the header, so the two cannot drift apart.
function retryAfterSeconds(document: OpenAPIV3_1.Document): string {
  const header = document.components?.headers?.RetryAfter;
  const example: unknown = header
    ? resolveReference<OpenAPIV3_1.HeaderObject>(document, header).example
    : undefined;
  return typeof example === 'string' ? example : '30';
}
