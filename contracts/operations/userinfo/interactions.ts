import type { PactV4 } from '@pact-foundation/pact';
import {
  grantedScopes,
  type InteractionOptions,
  type ProfileStateOptions,
  profileStateParams,
  type ReadyInteraction,
  type RequestBuilder,
  type ResponseBuilder,
} from '../../pact/pact-steps.js';
import { getExampleValue, loadApiDocument } from '../../../src/openapi/api-document.js';
import { getScenario, type Scenario, type ScenarioName } from '../../../src/operations/userinfo/scenarios.js';
import { CLAIMS_BY_SCOPE } from '../../../src/scopes.js';
import { type UserInfoClaim } from '../../../src/user-info.js';
import {
  errorBodyMatcher,
  type Operation,
  propertyMatcher,
  responseHeaderMatchers,
  responseSchema,
} from '../../pact/response-matchers.js';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { loadPact } from '../../pact/peer-dependencies.js';
import { recordedBeforeVerdict } from '../../pact/recorded-requests.js';

const USERINFO: Operation = { path: ENDPOINTS.userinfo, method: 'get' };

/** Choices a consumer test makes about one `GET /v1/userinfo` interaction. */
export interface UserInfoInteractionOptions extends InteractionOptions, ProfileStateOptions {
  /**
   * The token the consumer test's client sends to Pact's mock. At verification the provider state's token
   * takes its place (`fromProviderState`), so any string will do. Default: the scenario's built-in token.
   */
  token?: string;
}

/**
 * Adds the interaction of one scenario of `GET /v1/userinfo` to a `PactV4` consumer test: the provider
 * state by its documented name, the bearer token from that state, and a response whose status, headers
 * and body matchers come from `openapi.yaml` (types, the phone-number and country-code patterns, the OAuth
 * `error` code exactly). Run the client inside the returned builder's `executeTest`.
 *
 * @example
 * const pact = new PactV4({ consumer: 'my-app', provider: PACT_PROVIDER, dir: 'pacts' });
 * await userInfoInteraction(pact, 'expired').executeTest(async (mock) => {
 *   await expect(getUserInfo('expired', { baseUrl: mock.url })).rejects.toThrow('401');
 * });
 */
export function userInfoInteraction(
  pact: Pick<PactV4, 'addInteraction'>,
  name: ScenarioName,
  options: UserInfoInteractionOptions = {},
): ReadyInteraction {
  const { MatchersV3 } = loadPact('userInfoInteraction');
  const scenario = getScenario(name);
  const params = profileStateParams(options, scenario.kind === 'profile', `Scenario "${scenario.name}"`);
  const token = options.token ?? scenario.token;
  const interaction = pact
    .addInteraction()
    .given(scenario.providerState, params)
    .uponReceiving(options.description ?? `a request for the user's profile, given ${scenario.providerState}`)
    .withRequest('GET', ENDPOINTS.userinfo, (request: RequestBuilder) => {
      // Without a token the request carries no Authorization header: the documented "not bearer" 401.
      if (token !== null) {
        request.headers({
          Authorization: MatchersV3.fromProviderState('Bearer ${token}', `Bearer ${token}`),
        });
      }
    })
    .willRespondWith(scenario.status, (response: ResponseBuilder) => {
      response
        .headers(responseHeaderMatchers(USERINFO, scenario.status))
        .jsonBody(responseBody(scenario, options));
    });
  return recordedBeforeVerdict(interaction);
}

function responseBody(scenario: Scenario, options: UserInfoInteractionOptions): unknown {
  const document = loadApiDocument();
  const example = getExampleValue(document, ENDPOINTS.userinfo, 'get', scenario.status, scenario.example);
  if (scenario.kind !== 'profile') return errorBodyMatcher(example);
  // Every claim of the granted scopes, valued by the full-profile example and matched by its schema.
  const schema = responseSchema(USERINFO, scenario.status);
  const full = getExampleValue(document, ENDPOINTS.userinfo, 'get', 200, 'valid') as Record<string, unknown>;
  const scopes = grantedScopes(options, `Scenario "${scenario.name}"`) ?? scenario.scopes ?? [];
  const claims: UserInfoClaim[] = scopes.flatMap((scope) => CLAIMS_BY_SCOPE[scope]);
  return Object.fromEntries(
    claims.map((claim) => [claim, propertyMatcher(schema.properties?.[claim], full[claim])]),
  );
}
