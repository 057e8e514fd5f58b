/**
 * `GET /v1/key` of the mock (a test double, not for production): the public halves of the served keys,
 * as the real host answers them (a JSON array of `{ key, keyType }`), or the key endpoint's 500, with the
 * key endpoint's fault (else the global one). Made once, and again only when a key, the key endpoint or
 * the global fault changes: the hot path returns a prepared answer.
 */
import { FAULT_RESPONSES } from '../../../src/faults.js';
import { getExampleValue } from '../../../src/openapi/api-document.js';
import { SIGNED_PROFILE_ENDPOINTS } from '../../../src/operations/signed-profile/endpoints.js';
import { getSignedProfileScenario } from '../../../src/operations/signed-profile/scenarios.js';
import { publicKeyEntry } from '../../../src/operations/signed-profile/signing.js';
import type { PublicKeyEntry } from '../../../src/operations/signed-profile/wire-types.js';
import { readFaultBodies, withFault } from '../../http/faults.js';
import { type PreparedResponse, prepareJson } from '../../http/responses.js';
import type { RouteHandler } from '../../routes/route-context.js';
import type { StoreReader } from '../../state/store-access.js';
import type { OperationContext } from '../operation.js';
import { KEY_ENDPOINT_ID } from './key-endpoints.js';
import { keyObjectOf } from './key-material.js';

const PATH = SIGNED_PROFILE_ENDPOINTS.publicKeys;

/** The handler of the key endpoint. */
export function createKeyRoute(context: OperationContext): RouteHandler {
  const { state, answers, document } = context;
  const faultBodies = readFaultBodies(document, PATH, 'get', FAULT_RESPONSES);
  const failing = getSignedProfileScenario('keys-server-error');
  const serverError = prepareJson(
    answers,
    failing.status,
    getExampleValue(document, PATH, 'get', failing.status, failing.example),
    { scenario: failing.name },
  );
  const answer = context.cache<PreparedResponse>().shared(() => {
    const endpoint = state.get('keyEndpoints', KEY_ENDPOINT_ID);
    const plain =
      endpoint?.scenario === failing.name
        ? serverError
        : prepareJson(answers, 200, servedKeys(state), { scenario: 'keys' });
    return withFault(plain, endpoint?.fault ?? state.fault, faultBodies, answers);
  });
  return function answerPublicKeys() {
    return answer();
  };
}

/** The `/v1/key` entries of the served keys, in the order of the store. */
export function servedKeys(state: StoreReader): PublicKeyEntry[] {
  const entries: PublicKeyEntry[] = [];
  for (const key of state.values('profileKeys'))
    if (key.served) entries.push(publicKeyEntry(keyObjectOf(key.privateKey)));
  return entries;
}
