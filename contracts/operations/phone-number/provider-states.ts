/**
 * The Pact provider states of the validation call of users without the Truecaller app: one per scenario
 * of its table.
 */
import {
  PHONE_NUMBER_SCENARIOS,
  type PhoneNumberScenario,
  type PhoneNumberScenarioName,
} from '../../../src/operations/phone-number/scenarios.js';
import { DEFAULT_CLIENT_ID } from '../../../src/operations/token/index.js';
import { defineProviderState, type ProviderStateDefinition } from '../../pact/provider-state.js';

/**
 * Provider-state names by scenario of the validation call of users without the Truecaller app, straight
 * from its scenario table.
 *
 * @example
 * pact.addInteraction().given(PHONE_NUMBER_PROVIDER_STATES['invalid-token'])
 */
export const PHONE_NUMBER_PROVIDER_STATES: Readonly<Record<PhoneNumberScenarioName, string>> = Object.freeze(
  Object.fromEntries(
    PHONE_NUMBER_SCENARIOS.map((scenario) => [scenario.name, scenario.providerState]),
  ) as Record<PhoneNumberScenarioName, string>,
);

/**
 * A client id the mock does not know: the partner credentials the state "the partner credentials are
 * invalid" sends (a config that adds a client of this id would change that state's answer).
 */
export const UNKNOWN_PARTNER_CLIENT_ID = 'kit-unknown-partner';

/** The states of the validation call, in the order of its scenario table. */
export const PHONE_NUMBER_STATE_DEFINITIONS: readonly ProviderStateDefinition[] = Object.freeze(
  PHONE_NUMBER_SCENARIOS.map((scenario: PhoneNumberScenario) => phoneNumberState(scenario)),
);

// Each state hands out its scenario's built-in token (so a mock whose built-in tokens are reconfigured is
// verified as it is) and the partner credentials to send: the default client, or for the bad-credentials
// state one the mock does not know.
function phoneNumberState(scenario: PhoneNumberScenario): ProviderStateDefinition {
  const clientId = scenario.name === 'invalid-credentials' ? UNKNOWN_PARTNER_CLIENT_ID : DEFAULT_CLIENT_ID;
  return defineProviderState({
    name: scenario.providerState,
    params: [],
    setup: () => Promise.resolve({ token: scenario.token, clientId }),
  });
}
