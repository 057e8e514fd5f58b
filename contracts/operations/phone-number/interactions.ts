import type { PactV4 } from '@pact-foundation/pact';
import { DEFAULT_CLIENT_ID } from '../../../src/operations/token/index.js';
import { getExampleValue, loadApiDocument } from '../../../src/openapi/api-document.js';
import {
  getPhoneNumberScenario,
  type PhoneNumberScenario,
  type PhoneNumberScenarioName,
} from '../../../src/operations/phone-number/scenarios.js';
import {
  PHONE_NUMBER_CALLS,
  PHONE_NUMBER_PATTERN,
  type PhoneNumberSdk,
} from '../../../src/operations/phone-number/calls.js';
import type {
  PhoneNumberDetail,
  PhoneNumberErrorBody,
} from '../../../src/operations/phone-number/wire-types.js';
import type {
  InteractionOptions,
  ReadyInteraction,
  RequestBuilder,
  ResponseBuilder,
} from '../../pact/pact-steps.js';
import { loadPact } from '../../pact/peer-dependencies.js';
import { UNKNOWN_PARTNER_CLIENT_ID } from './provider-states.js';
import { propertyMatcher, responseHeaderMatchers, responseSchema } from '../../pact/response-matchers.js';
import { recordedBeforeVerdict } from '../../pact/recorded-requests.js';

/** Choices a consumer test makes about one interaction of the validation call. */
export interface PhoneNumberInteractionOptions extends InteractionOptions {
  /**
   * The access token the consumer test's client puts in the path. At verification the provider state's
   * token takes its place (`fromProviderState`), so any token of URL-safe characters will do. Default:
   * the scenario's built-in token.
   */
  token?: string;
  /**
   * The client id (or, for SDK 2.8, app key) the client sends. At verification the state's credentials
   * take its place. Default: `kit-test-client`, or for `invalid-credentials` a client the mock does not know.
   */
  clientId?: string;
  /** Which documented form of the call: `'3'` (`/client/` and `clientId`, the default) or `'2.8'` (`appKey`). */
  sdk?: PhoneNumberSdk;
}

/**
 * Adds the interaction of one scenario of the validation call of users without the Truecaller app to a
 * `PactV4` consumer test: the provider state by its documented name, the access token (in the path) and
 * the partner credentials (in the header) from that state, and a response whose status, headers and body
 * matchers come from `openapi.yaml`: the number as a JSON integer (the documented form) or, for
 * `verified-string`, as a string of digits; the country by pattern; an error's numeric `code` exactly and
 * its `message` by type. Run the client inside the returned builder's `executeTest`.
 *
 * @example
 * const pact = new PactV4({ consumer: 'my-backend', provider: PACT_PROVIDER, dir: 'pacts' });
 * await phoneNumberInteraction(pact, 'invalid-token').executeTest(async (mock) => {
 *   await expect(
 *     validatePhoneNumberToken('otp-invalid', { baseUrl: mock.url, clientId: 'kit-test-client' }),
 *   ).rejects.toMatchObject({ response: { status: 404, code: 1404 } });
 * });
 */
export function phoneNumberInteraction(
  pact: Pick<PactV4, 'addInteraction'>,
  name: PhoneNumberScenarioName,
  options: PhoneNumberInteractionOptions = {},
): ReadyInteraction {
  const { MatchersV3 } = loadPact('phoneNumberInteraction');
  const scenario = getPhoneNumberScenario(name);
  const call = PHONE_NUMBER_CALLS[options.sdk ?? '3'];
  const token = options.token ?? scenario.token;
  const clientId =
    options.clientId ?? (name === 'invalid-credentials' ? UNKNOWN_PARTNER_CLIENT_ID : DEFAULT_CLIENT_ID);
  const path = MatchersV3.fromProviderState(
    call.path.replace('{accessToken}', '${token}'),
    call.path.replace('{accessToken}', encodeURIComponent(token)),
  );
  const interaction = pact
    .addInteraction()
    .given(scenario.providerState)
    .uponReceiving(
      options.description ??
        `a validation of a phone-number token (SDK ${call.sdk}), given ${scenario.providerState}`,
    )
    .withRequest('GET', path, (request: RequestBuilder) => {
      request.headers({ [call.credentialHeader]: MatchersV3.fromProviderState('${clientId}', clientId) });
    })
    .willRespondWith(scenario.status, (response: ResponseBuilder) => {
      response
        .headers(responseHeaderMatchers({ path: call.path, method: 'get' }, scenario.status))
        .jsonBody(responseBody(scenario, call.path, MatchersV3));
    });
  return recordedBeforeVerdict(interaction);
}

function responseBody(
  scenario: PhoneNumberScenario,
  path: string,
  MatchersV3: ReturnType<typeof loadPact>['MatchersV3'],
): unknown {
  const example = getExampleValue(loadApiDocument(), path, 'get', scenario.status, scenario.example);
  if (scenario.kind === 'error') {
    const { code, message } = example as PhoneNumberErrorBody;
    return { code, message: MatchersV3.string(message) };
  }
  const { phoneNumber, countryCode } = example as PhoneNumberDetail;
  const schema = responseSchema({ path, method: 'get' }, scenario.status);
  return {
    phoneNumber:
      typeof phoneNumber === 'number'
        ? MatchersV3.integer(phoneNumber)
        : MatchersV3.regex(PHONE_NUMBER_PATTERN, phoneNumber),
    countryCode: propertyMatcher(schema.properties?.countryCode, countryCode),
  };
}
