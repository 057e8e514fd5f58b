/**
 * The Pact provider states of signed profiles: one per scenario of the table, each setting up what
 * `GET /v1/key` serves for it (the key set, or the 500). The profile itself never crosses the wire
 * between a backend and Truecaller (the app hands it over): a backend pacts its key fetch.
 */
import {
  SIGNED_PROFILE_SCENARIOS,
  type SignedProfileScenario,
  type SignedProfileScenarioName,
} from '../../../src/operations/signed-profile/scenarios.js';
import { defineProviderState, type ProviderStateDefinition } from '../../pact/provider-state.js';
import type { StateRegistrars } from '../../pact/token-registrar.js';

/**
 * Provider-state names by scenario of signed profiles, straight from the scenario table.
 *
 * @example
 * pact.addInteraction().given(SIGNED_PROFILE_PROVIDER_STATES['key-rotation'])
 */
export const SIGNED_PROFILE_PROVIDER_STATES: Readonly<Record<SignedProfileScenarioName, string>> =
  Object.freeze(
    Object.fromEntries(
      SIGNED_PROFILE_SCENARIOS.map((scenario) => [scenario.name, scenario.providerState]),
    ) as Record<SignedProfileScenarioName, string>,
  );

/** The states of signed profiles, in the order of the table. */
export const SIGNED_PROFILE_STATE_DEFINITIONS: readonly ProviderStateDefinition[] = Object.freeze(
  SIGNED_PROFILE_SCENARIOS.map((scenario: SignedProfileScenario) =>
    defineProviderState({
      name: scenario.providerState,
      params: [],
      setup: (_params, register) => setUpKeyEndpoint(scenario, register),
    }),
  ),
);

// Every state sets the key endpoint whole (its scenario, no fault, the rotation key served or not), so a
// state never inherits the one before it.
async function setUpKeyEndpoint(
  scenario: SignedProfileScenario,
  register: StateRegistrars,
): Promise<Record<string, string>> {
  const setKeyEndpoint = register.controls?.setKeyEndpoint;
  if (setKeyEndpoint === undefined) {
    throw new Error(
      `Provider state "${scenario.providerState}" sets the mock's key endpoint: give the state handlers a mock's controls (mockStateRegistrars(mock)).`,
    );
  }
  await Promise.resolve();
  setKeyEndpoint({
    scenario: scenario.name === 'keys-server-error' ? 'keys-server-error' : 'keys',
    rotation: scenario.name === 'key-rotation',
  });
  return {};
}
