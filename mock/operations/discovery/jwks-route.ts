/**
 * `GET /.well-known/{clientId}/jwks.json` of the mock (a test double, not for production): the public key
 * ID tokens are signed with. Undocumented by Truecaller; the real host's discovery names this per-client
 * path with a literal `:clientId` placeholder, so the mock serves the same key set at that literal path
 * and at every known client's id.
 */
import { ENDPOINTS } from '../../../src/endpoints.js';
import { pathOf } from '../../http/request-path.js';
import { printable } from '../../http/printable.js';
import { type PreparedResponse, prepareJson } from '../../http/responses.js';
import { idTokenSigningKey, type SigningKey } from '../../state/signing-key.js';
import type { RouteHandler } from '../../routes/route-context.js';
import type { OperationContext } from '../operation.js';

const PLACEHOLDER = ':clientId';
const [JWKS_PREFIX = '', JWKS_SUFFIX = ''] = ENDPOINTS.jwks.split(PLACEHOLDER);

/** The two ends of the key set's path, around the client id; a route table matches paths by them. */
export const JWKS_PATH_ENDS = Object.freeze({ prefix: JWKS_PREFIX, suffix: JWKS_SUFFIX });

/** The client id of a key-set path, or undefined when `path` is not one (one segment between the ends). */
function jwksClientId(path: string): string | undefined {
  if (!path.startsWith(JWKS_PREFIX) || !path.endsWith(JWKS_SUFFIX)) return undefined;
  const raw = path.slice(JWKS_PREFIX.length, path.length - JWKS_SUFFIX.length);
  if (raw === '' || raw.includes('/')) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** The handler of the key set: the mock's one public key, for the placeholder and every known client. */
export function createJwksRoute({ state: store, answers, settings, keys }: OperationContext): RouteHandler {
  let last: { key: SigningKey; answer: PreparedResponse } | undefined;

  return async function answerJwks(request) {
    const clientId = jwksClientId(pathOf(request.url)) ?? '';
    if (clientId !== PLACEHOLDER && store.get('clients', clientId) === undefined) {
      return prepareJson(
        answers,
        404,
        {
          error: 'not_found',
          error_description: `No client "${printable(clientId, 64)}": the key set is served for each known client id and for the literal ${PLACEHOLDER}.`,
        },
        { scenario: 'jwks:unknown-client' },
      );
    }
    const key = await idTokenSigningKey(keys, settings.idTokens().signingKey);
    if (last?.key !== key) {
      last = { key, answer: prepareJson(answers, 200, { keys: [key.publicJwk] }, { scenario: 'jwks' }) };
    }
    return last.answer;
  };
}
