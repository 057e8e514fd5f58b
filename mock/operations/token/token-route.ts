/**
 * `POST /v1/token` of the mock (a test double, not for production): exchanges an authorization code
 * (with its PKCE verifier) or a refresh token for an access token, answering every documented status
 * with the named examples of `openapi.yaml`.
 */
import { ENDPOINTS } from '../../../src/endpoints.js';
import { getExchangeOutcome } from '../../../src/operations/token/outcomes.js';
import { type GrantType, GRANT_TYPES } from '../../../src/operations/token/grants.js';
import type { Fault } from '../../../src/faults.js';
import { readFaultBodies, refusesRequest, withFault } from '../../http/faults.js';
import { readFormBody, repeatedFieldsProblem } from '../../http/form-body.js';
import { requestOrigin } from '../../http/request-origin.js';
import type { PreparedResponse } from '../../http/responses.js';
import type { RouteHandler } from '../../routes/route-context.js';
import { isStoreUnavailable } from '../../state/store-access.js';
import type { OperationContext } from '../operation.js';
import { exchangeAuthorizationCode, exchangeRefreshToken, type GrantContext } from './token-grants.js';
import { prepareTokenErrors } from './token-errors.js';
import { createTokenIssuer } from './token-issuer.js';

const GRANT_SET: ReadonlySet<string> = new Set(GRANT_TYPES);

/** Why an exchange got the 503 when the mock's shared store (`--store`) could not be reached. */
export const STORE_UNAVAILABLE = "The mock's shared store cannot be reached; nothing was exchanged, retry.";

/** The handler of `POST /v1/token`. */
export function createTokenRoute(context: OperationContext): RouteHandler {
  const { state: store, document, answers } = context;
  const fail = prepareTokenErrors(document, answers);
  const grants: Omit<GrantContext, 'issuer'> = {
    store,
    clock: context.clock,
    fail,
    issue: createTokenIssuer(context),
  };
  // An injected 429/503 answers with this route's own documented examples, not userinfo's.
  const faultBodies = readFaultBodies(document, ENDPOINTS.token, 'post', {
    'too-many-requests': getExchangeOutcome('rate-limited'),
    'service-unavailable': getExchangeOutcome('unavailable'),
  });
  const faulted = (answer: PreparedResponse, fault: Fault): PreparedResponse =>
    withFault(answer, fault, faultBodies, answers);
  const storeUnavailable = fail('unavailable', STORE_UNAVAILABLE);

  /**
   * The fault of the code the form names (else the global one). A 429/503 answers instead of the
   * exchange, so the code stays unused; a delay, a broken connection or cut JSON come after the exchange
   * happened, as when an answer is lost on its way back. A shared store that cannot be reached gets the
   * documented 503: nothing was exchanged.
   */
  return async function answerToken(request) {
    const form = await readFormBody(request);
    if (!form.ok) return faulted(fail('empty-parameters', form.problem), store.fault);
    const { fields } = form;
    const code = fields.get('grant_type') === 'refresh_token' ? undefined : fields.get('code');
    try {
      const fault = (code ? (await store.lookup('codes', code))?.fault : undefined) ?? store.fault;
      // The fault's own 429/503 replaces this answer; only its shape (no delay) matters.
      if (refusesRequest(fault)) return faulted(fail('rate-limited'), fault);
      // An ID token names the base URL the client called, as discovery does.
      const issuer = requestOrigin(request, context.settings.baseUrl) ?? context.settings.baseUrl();
      return faulted(await answerForm(fields, { ...grants, issuer }), fault);
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      return storeUnavailable;
    }
  };
}

/** Checks the form (grant, empty or repeated fields, the client), then runs its grant. */
function answerForm(
  fields: URLSearchParams,
  grants: GrantContext,
): PreparedResponse | Promise<PreparedResponse> {
  const { fail, store } = grants;
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
  const repeated = repeatedFieldsProblem(fields);
  if (repeated !== undefined) return fail('empty-parameters', repeated);

  const client = store.get('clients', fields.get('client_id') ?? '');
  if (client === undefined) {
    return fail(
      'invalid-client',
      `No client "${(fields.get('client_id') ?? '').slice(0, 64)}"; the mock's default client is documented in its README.`,
    );
  }
  // What a token keeps comes from the store, never from the form: a value URLSearchParams read is a slice
  // of the whole body, and kept in a record it would keep every byte of that body alive (V8 sliced
  // strings), 16 KiB per token for a 16 KiB form. The client record's own id is the same text.
  const clientId = client.id;
  if (!client.grantTypes.includes(grantType as GrantType)) {
    return fail(
      'unauthorized-client',
      `Client "${clientId}" may use: ${client.grantTypes.join(', ') || 'no grant'}.`,
    );
  }
  return grantType === 'refresh_token'
    ? exchangeRefreshToken(fields, clientId, grants)
    : exchangeAuthorizationCode(fields, clientId, grants);
}
