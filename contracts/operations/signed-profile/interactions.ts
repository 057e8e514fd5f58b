import type { PactV4 } from '@pact-foundation/pact';
import type { OpenAPIV3_1 } from 'openapi-types';
import { getExampleValue, loadApiDocument, resolveReference } from '../../../src/openapi/api-document.js';
import { SIGNED_PROFILE_ENDPOINTS } from '../../../src/operations/signed-profile/endpoints.js';
import {
  getSignedProfileScenario,
  type SignedProfileScenarioName,
} from '../../../src/operations/signed-profile/scenarios.js';
import type {
  KeyEndpointErrorBody,
  PublicKeyEntry,
} from '../../../src/operations/signed-profile/wire-types.js';
import type { InteractionOptions, ReadyInteraction, ResponseBuilder } from '../../pact/pact-steps.js';
import { loadPact } from '../../pact/peer-dependencies.js';
import { propertyMatcher, responseHeaderMatchers, responseSchema } from '../../pact/response-matchers.js';
import { recordedBeforeVerdict } from '../../pact/recorded-requests.js';

const PATH = SIGNED_PROFILE_ENDPOINTS.publicKeys;

/**
 * Adds the interaction of one scenario of signed profiles to a `PactV4` consumer test: `GET /v1/key` (no
 * credentials) given the scenario's provider state, answered as `openapi.yaml` says: a JSON **array** of
 * keys, each `key` a base64 string by pattern and `keyType` `RSA` (at least two for `key-rotation`), or
 * the 500's numeric `code` exactly and its `message` by type. Default: `keys`, the served keys. Run the
 * backend's key fetch (or its whole verification) inside the returned builder's `executeTest`.
 *
 * @example
 * const pact = new PactV4({ consumer: 'my-backend', provider: PACT_PROVIDER, dir: 'pacts' });
 * await publicKeysInteraction(pact, 'key-rotation').executeTest(async (mock) => {
 *   expect(await fetchPublicKeys({ keysUrl: `${mock.url}/v1/key` })).toHaveLength(2);
 * });
 */
export function publicKeysInteraction(
  pact: Pick<PactV4, 'addInteraction'>,
  name: SignedProfileScenarioName = 'keys',
  options: InteractionOptions = {},
): ReadyInteraction {
  const { MatchersV3 } = loadPact('publicKeysInteraction');
  const scenario = getSignedProfileScenario(name);
  const example = getExampleValue(loadApiDocument(), PATH, 'get', scenario.status, scenario.example);
  const interaction = pact
    .addInteraction()
    .given(scenario.providerState)
    .uponReceiving(
      options.description ?? `a request for the keys of signed profiles, given ${scenario.providerState}`,
    )
    .withRequest('GET', PATH)
    .willRespondWith(scenario.status, (response: ResponseBuilder) => {
      response.headers(responseHeaderMatchers({ path: PATH, method: 'get' }, scenario.status));
      if (scenario.status !== 200) {
        const { code, message } = example as KeyEndpointErrorBody;
        response.jsonBody({ code, message: MatchersV3.string(message) });
        return;
      }
      const keys = example as PublicKeyEntry[];
      const [first = { key: '', keyType: 'RSA' }] = keys;
      const { key, keyType } = publicKeySchema().properties ?? {};
      response.jsonBody(
        MatchersV3.eachLike(
          { key: propertyMatcher(key, first.key), keyType: propertyMatcher(keyType, first.keyType) },
          Math.max(1, keys.length),
        ),
      );
    });
  return recordedBeforeVerdict(interaction);
}

/** The schema of one key of `/v1/key`, resolved. */
function publicKeySchema(): OpenAPIV3_1.SchemaObject {
  const array = responseSchema({ path: PATH, method: 'get' }, 200) as OpenAPIV3_1.ArraySchemaObject;
  const items = array.items ?? {};
  return resolveReference<OpenAPIV3_1.SchemaObject>(loadApiDocument(), items);
}
