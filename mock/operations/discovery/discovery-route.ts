/**
 * `GET /.well-known/openid-configuration` of the mock (a test double, not for production). Undocumented
 * by Truecaller; the fields are those captured from the real host, with every URL on the mock's own
 * base URL, so a client that discovers its endpoints needs only the base URL changed.
 */
import { GRANT_TYPES } from '../../../src/operations/token/grants.js';
import { getExampleValue } from '../../../src/openapi/api-document.js';
import { SCOPES } from '../../../src/scopes.js';
import { requestOrigin } from '../../http/request-origin.js';
import { type PreparedResponse, prepareJson } from '../../http/responses.js';
import type { RouteHandler } from '../../routes/route-context.js';
import type { OperationContext } from '../operation.js';
import { ID_TOKEN_CLAIMS } from '../token/id-token.js';
import { ID_TOKEN_ALGORITHM } from '../../state/signing-key.js';
import { ENDPOINTS } from '../../../src/endpoints.js';

/**
 * The handler of the discovery document. The base URL comes from the request's `Host` (what the client
 * called), else from the context's `baseUrl()` (the URL the server listens on).
 */
export function createDiscoveryRoute({
  document,
  answers: context,
  settings,
}: OperationContext): RouteHandler {
  const { baseUrl } = settings;
  const invalidHost = prepareJson(
    context,
    400,
    getExampleValue(document, ENDPOINTS.discovery, 'get', 400, 'invalidHost'),
    { scenario: 'discovery:invalid-host' },
  );
  let last: { base: string; answer: PreparedResponse } | undefined;

  return function answerDiscovery(request) {
    const base = requestOrigin(request, baseUrl);
    if (base === undefined) return invalidHost;
    // Clients call it once per run, from one host: keep the last answer rather than a map a client could grow.
    if (last?.base !== base)
      last = { base, answer: prepareJson(context, 200, metadata(base), { scenario: 'discovery' }) };
    return last.answer;
  };
}

function metadata(base: string): Record<string, unknown> {
  return {
    issuer: base,
    authorization_endpoint: `${base}/v1/auth`,
    token_endpoint: `${base}${ENDPOINTS.token}`,
    userinfo_endpoint: `${base}${ENDPOINTS.userinfo}`,
    revocation_endpoint: `${base}${ENDPOINTS.revoke}`,
    // As captured: one key set per client, named with a literal placeholder the mock also serves.
    jwks_uri: `${base}${ENDPOINTS.jwks}`,
    scopes_supported: [...SCOPES],
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    grant_types_supported: [...GRANT_TYPES],
    code_challenge_methods_supported: ['S256'],
    id_token_signing_alg_values_supported: [ID_TOKEN_ALGORITHM],
    claims_supported: [...ID_TOKEN_CLAIMS],
    token_endpoint_auth_methods_supported: ['none'],
  };
}
