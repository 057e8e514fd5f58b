import type { PactV4 } from '@pact-foundation/pact';
import type { OpenAPIV3_1 } from 'openapi-types';
import { getExampleValue, loadApiDocument } from '../../../src/openapi/api-document.js';
import { MOBILE_WEB_ENDPOINTS } from '../../../src/operations/mobile-web/endpoints.js';
import {
  getWebProfileScenario,
  type WebProfileScenario,
  type WebProfileScenarioName,
} from '../../../src/operations/mobile-web/scenarios.js';
import type { WebProfileErrorBody } from '../../../src/operations/mobile-web/wire-types.js';
import type {
  InteractionOptions,
  ReadyInteraction,
  RequestBuilder,
  ResponseBuilder,
} from '../../pact/pact-steps.js';
import { loadPact } from '../../pact/peer-dependencies.js';
import {
  type Operation,
  propertyMatcher,
  responseHeaderMatchers,
  responseSchema,
} from '../../pact/response-matchers.js';
import { recordedBeforeVerdict } from '../../pact/recorded-requests.js';

const WEB_PROFILE: Operation = { path: MOBILE_WEB_ENDPOINTS.webProfile, method: 'get' };

/** Choices a consumer test makes about one interaction of the mobile websites' profile fetch. */
export interface WebProfileInteractionOptions extends InteractionOptions {
  /**
   * The access token the consumer test's client sends (the one its callback received). At verification
   * the provider state's token takes its place (`fromProviderState`), so any string will do. Default: the
   * scenario's built-in token.
   */
  token?: string;
}

/**
 * Adds the interaction of one scenario of `GET /v1/default` (a mobile website's profile fetch) to a
 * `PactV4` consumer test: the provider state by its documented name, the bearer token from that state,
 * and a response whose status, headers and body matchers come from `openapi.yaml`: each attribute of the
 * scenario's named example by type (a list by the type of its items), an error's numeric `status`
 * exactly and its `message` by type. Run the client inside the returned builder's `executeTest`.
 *
 * @example
 * const pact = new PactV4({ consumer: 'my-website-backend', provider: PACT_PROVIDER, dir: 'pacts' });
 * await webProfileInteraction(pact, 'profile').executeTest(async (mock) => {
 *   const profile = await getWebProfile('web-valid', { endpoint: `${mock.url}/v1/default` });
 *   expect(profile.phoneNumbers).toHaveLength(1);
 * });
 */
export function webProfileInteraction(
  pact: Pick<PactV4, 'addInteraction'>,
  name: WebProfileScenarioName,
  options: WebProfileInteractionOptions = {},
): ReadyInteraction {
  const { MatchersV3 } = loadPact('webProfileInteraction');
  const scenario = getWebProfileScenario(name);
  const token = options.token ?? scenario.token;
  const interaction = pact
    .addInteraction()
    .given(scenario.providerState)
    .uponReceiving(
      options.description ?? `a request for a mobile-web user's profile, given ${scenario.providerState}`,
    )
    .withRequest('GET', WEB_PROFILE.path, (request: RequestBuilder) => {
      request.headers({ Authorization: MatchersV3.fromProviderState('Bearer ${token}', `Bearer ${token}`) });
    })
    .willRespondWith(scenario.status, (response: ResponseBuilder) => {
      response
        .headers(responseHeaderMatchers(WEB_PROFILE, scenario.status))
        .jsonBody(responseBody(scenario, MatchersV3));
    });
  return recordedBeforeVerdict(interaction);
}

function responseBody(
  scenario: WebProfileScenario,
  MatchersV3: ReturnType<typeof loadPact>['MatchersV3'],
): unknown {
  const example = getExampleValue(
    loadApiDocument(),
    WEB_PROFILE.path,
    'get',
    scenario.status,
    scenario.example,
  );
  if (scenario.kind === 'error') {
    const { status, message } = example as WebProfileErrorBody;
    return { status, message: MatchersV3.string(message) };
  }
  const properties = responseSchema(WEB_PROFILE, scenario.status).properties ?? {};
  return Object.fromEntries(
    Object.entries(example as Record<string, unknown>).map(([attribute, value]) => [
      attribute,
      Array.isArray(value)
        ? // A list by the type of its items (one at least); an empty one as it is.
          value.length > 0
          ? MatchersV3.eachLike(value[0] as unknown)
          : value
        : propertyMatcher(properties[attribute] as OpenAPIV3_1.SchemaObject | undefined, value),
    ]),
  );
}
