/** The Pact provider states of the mobile websites' profile fetch (`GET /v1/default`): one per scenario of its table. */
import {
  WEB_PROFILE_SCENARIOS,
  type WebProfileScenarioName,
} from '../../../src/operations/mobile-web/scenarios.js';
import { defineProviderState, type ProviderStateDefinition } from '../../pact/provider-state.js';

/**
 * Provider-state names by scenario of `GET /v1/default`, straight from its scenario table.
 *
 * @example
 * pact.addInteraction().given(WEB_PROFILE_PROVIDER_STATES.expired) // 'an expired access token of a mobile-web sign-in'
 */
export const WEB_PROFILE_PROVIDER_STATES: Readonly<Record<WebProfileScenarioName, string>> = Object.freeze(
  Object.fromEntries(
    WEB_PROFILE_SCENARIOS.map((scenario) => [scenario.name, scenario.providerState]),
  ) as Record<WebProfileScenarioName, string>,
);

/**
 * The states of `GET /v1/default`, in the order of its scenario table. Each hands out its scenario's
 * built-in token, so a mock whose built-in tokens are reconfigured is verified as it is.
 */
export const WEB_PROFILE_STATE_DEFINITIONS: readonly ProviderStateDefinition[] = Object.freeze(
  WEB_PROFILE_SCENARIOS.map((scenario) =>
    defineProviderState({
      name: scenario.providerState,
      params: [],
      setup: () => Promise.resolve({ token: scenario.token }),
    }),
  ),
);
