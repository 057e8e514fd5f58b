/**
 * `GET /.well-known/openid-configuration` of the mock (a test double, not for production). Undocumented
 * by Truecaller; the fields are those captured from the real host, with every URL on the mock's own
 * base URL, so a client that discovers its endpoints needs only the base URL changed.
 */
import { GRANT_TYPES } from '../../src/exchange-outcomes.js';
import { getExampleValue } from '../../src/openapi/api-document.js';
import { SCOPES } from '../../src/scopes.js';
import { headerValue } from '../http/mock-request.js';
import { type PreparedResponse, prepareJson } from '../http/responses.js';
import type { RouteContext, RouteHandler } from './route-context.js';
import { ENDPOINTS } from '../../src/endpoints.js';

// RFC 9112 §3.2 / RFC 3986 §3.2.2: a host name or an IPv4 or bracketed IPv6 address, then an optional port.
const HOST_PATTERN = /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;

/**
 * The handler of the discovery document. The base URL comes from the request's `Host` (what the client
 * called), else from the context's `baseUrl()` (the URL the server listens on).
 */
export function createDiscoveryRoute({ document, answers: context, baseUrl }: RouteContext): RouteHandler {
  const invalidHost = prepareJson(
    context,
    400,
    getExampleValue(document, ENDPOINTS.discovery, 'get', 400, 'invalidHost'),
    { scenario: 'discovery:invalid-host' },
  );
  let last: { base: string; answer: PreparedResponse } | undefined;

  return function answerDiscovery(request) {
    const host = headerValue(request, 'host');
    if (host !== undefined && !HOST_PATTERN.test(host)) return invalidHost;
    // An in-process door knows the origin the client called (https for the real host); a socket knows the Host.
    const base = request.origin ?? (host === undefined ? baseUrl() : `http://${host}`);
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
    scopes_supported: [...SCOPES],
    response_types_supported: ['code'],
    grant_types_supported: [...GRANT_TYPES],
    code_challenge_methods_supported: ['S256'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['none'],
  };
}
