import type { StateValues } from '../../pact/provider-state.js';
import type { ReplayedRequest } from '../operation.js';

/**
 * At verification, a `GET /v1/default` request's bearer token is the provider state's: a hand-written
 * pact's own token stands for "the one of this state". A request without a `Bearer` header is left as it
 * is (the 401 for that).
 */
export function substituteWebToken(request: ReplayedRequest, values: StateValues): void {
  const header = request.headers.authorization;
  if (values.token !== undefined && header !== undefined && /^bearer +/i.test(header))
    request.headers.authorization = `Bearer ${values.token}`;
}
