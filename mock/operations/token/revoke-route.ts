/**
 * `POST /v1/revoke` of the mock (a test double, not for production). Undocumented by Truecaller (seen on
 * the real host); it behaves as RFC 7009 says, which is what an OAuth client expects.
 */
import { ENDPOINTS } from '../../../src/endpoints.js';
import { getExampleValue } from '../../../src/openapi/api-document.js';
import type { ErrorBody } from '../../../src/wire-types.js';
import { readFormBody, repeatedFieldsProblem } from '../../http/form-body.js';
import { prepareEmpty, prepareJson } from '../../http/responses.js';
import type { RouteHandler } from '../../routes/route-context.js';
import type { OperationContext } from '../operation.js';

/**
 * The handler of `POST /v1/revoke`: removes an issued access token, or a refresh token and the access
 * token issued with it (RFC 7009 §2.1). An unknown token also gets 200 (§2.2).
 */
export function createRevokeRoute({ state: store, document, answers }: OperationContext): RouteHandler {
  const revoked = prepareEmpty(answers, 200, ['Cache-Control', 'no-store'], 'revoke:revoked');
  const example = getExampleValue(document, ENDPOINTS.revoke, 'post', 400, 'missingToken') as ErrorBody;
  const missing = prepareJson(answers, 400, example, { scenario: 'revoke:missing-token' });

  return async function answerRevoke(request) {
    const form = await readFormBody(request);
    if (!form.ok) {
      const body = { error: example.error, error_description: form.problem };
      return prepareJson(answers, 400, body, { scenario: 'revoke:bad-form' });
    }
    const token = form.fields.get('token') ?? '';
    if (token === '') return missing;
    const repeated = repeatedFieldsProblem(form.fields);
    if (repeated !== undefined) {
      const body = { error: example.error, error_description: repeated };
      return prepareJson(answers, 400, body, { scenario: 'revoke:repeated-field' });
    }
    const refresh = store.get('refreshTokens', token);
    if (refresh !== undefined) {
      store.delete('refreshTokens', token);
      if (refresh.accessToken !== undefined) store.delete('tokens', refresh.accessToken);
      return revoked;
    }
    // Only issued tokens can be revoked: the built-in and configured ones are fixtures that must keep answering.
    if (store.get('tokens', token)?.expiresAt !== undefined) store.delete('tokens', token);
    return revoked;
  };
}
