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
import { isStoreUnavailable } from '../../state/store-access.js';
import type { OperationContext } from '../operation.js';

/** How many times a revocation reads again after another request changed what it was revoking. */
const REVOKE_ATTEMPTS = 3;

/**
 * The handler of `POST /v1/revoke`: removes an issued access token, or a refresh token and the access
 * token issued with it (RFC 7009 §2.1), in one claim. An unknown token also gets 200 (§2.2). A shared
 * store that cannot be reached gets a 503, which tells the client the token may still be valid (§2.2.1).
 */
export function createRevokeRoute({ state: store, document, answers }: OperationContext): RouteHandler {
  const revoked = prepareEmpty(answers, 200, ['Cache-Control', 'no-store'], 'revoke:revoked');
  const example = getExampleValue(document, ENDPOINTS.revoke, 'post', 400, 'missingToken') as ErrorBody;
  const missing = prepareJson(answers, 400, example, { scenario: 'revoke:missing-token' });
  const unavailable = prepareJson(
    answers,
    503,
    getExampleValue(document, ENDPOINTS.revoke, 'post', 503, 'storeUnavailable'),
    { scenario: 'revoke:store-unavailable' },
  );

  /** One attempt: whether nothing changed what it read before its claim. */
  async function revoke(token: string): Promise<boolean> {
    const refresh = await store.lookup('refreshTokens', token);
    if (refresh !== undefined) {
      const access =
        refresh.accessToken === undefined ? undefined : await store.lookup('tokens', refresh.accessToken);
      return store.claim([
        { collection: 'refreshTokens', expected: refresh, next: undefined },
        ...(access === undefined
          ? []
          : [{ collection: 'tokens' as const, expected: access, next: undefined }]),
      ]);
    }
    // Only issued tokens can be revoked: the built-in and configured ones are fixtures that must keep answering.
    const access = await store.lookup('tokens', token);
    if (access?.expiresAt === undefined) return true;
    return store.claim([{ collection: 'tokens', expected: access, next: undefined }]);
  }

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
    try {
      // Another request changed the token between the read and the claim (rotated it, revoked it): read again.
      let done = false;
      for (let attempt = 0; attempt < REVOKE_ATTEMPTS && !done; attempt++) done = await revoke(token);
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      return unavailable;
    }
    return revoked;
  };
}
