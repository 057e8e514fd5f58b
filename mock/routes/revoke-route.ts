/**
 * `POST /v1/revoke` of the mock (a test double, not for production). Undocumented by Truecaller (seen on
 * the real host); it behaves as RFC 7009 says, which is what an OAuth client expects.
 */
import type { IncomingMessage } from 'node:http';
import type { OpenAPIV3_1 } from 'openapi-types';
import { getExampleValue } from '../../src/openapi/api-document.js';
import type { ErrorBody } from '../../src/wire-types.js';
import { readFormBody } from '../http/form-body.js';
import { type PreparedResponse, prepareEmpty, prepareJson, type ResponseContext } from '../http/responses.js';
import type { MockStore } from '../state/store.js';
import { ENDPOINTS } from '../../src/endpoints.js';

/**
 * The handler of `POST /v1/revoke`: removes an issued access token, or a refresh token and every access
 * token issued with it (RFC 7009 §2.1). An unknown token also gets 200 (§2.2).
 */
export function createRevokeRoute(
  store: MockStore,
  document: OpenAPIV3_1.Document,
  context: ResponseContext,
): (request: IncomingMessage) => Promise<PreparedResponse> {
  const revoked = prepareEmpty(context, 200, ['Cache-Control', 'no-store'], 'revoke:revoked');
  const example = getExampleValue(document, ENDPOINTS.revoke, 'post', 400, 'missingToken') as ErrorBody;
  const missing = prepareJson(context, 400, example, { scenario: 'revoke:missing-token' });

  return async function answerRevoke(request) {
    const form = await readFormBody(request);
    if (!form.ok) {
      const body = { error: example.error, error_description: form.problem };
      const headers = form.tooLarge ? ['Connection', 'close'] : [];
      return prepareJson(context, 400, body, { scenario: 'revoke:bad-form', headers });
    }
    const token = form.fields.get('token') ?? '';
    if (token === '') return missing;
    const refresh = store.findRefreshToken(token);
    if (refresh !== undefined) {
      store.remove('refreshTokens', new Set([token]));
      const issuedWith = store.data.tokens.filter((record) => record.refreshToken === token);
      store.remove('tokens', new Set(issuedWith.map((record) => record.id)));
      return revoked;
    }
    // Only issued tokens can be revoked: the built-in and configured ones are fixtures that must keep answering.
    if (store.findToken(token)?.expiresAt !== undefined) store.remove('tokens', new Set([token]));
    return revoked;
  };
}
