/** The Pact provider states of `GET /v1/userinfo`: one per scenario of its table. */
import { SCENARIOS, type Scenario, type ScenarioName } from '../../../src/operations/userinfo/scenarios.js';
import { readScopes } from '../../../src/scopes.js';
import { defineProviderState, type ProviderStateDefinition } from '../../pact/provider-state.js';

/**
 * Provider-state names by scenario, straight from the scenario table: the public, stable names a client
 * team writes in `given(...)`.
 *
 * @example
 * pact.addInteraction().given(PROVIDER_STATES.expired) // 'an expired access token'
 */
export const PROVIDER_STATES: Readonly<Record<ScenarioName, string>> = Object.freeze(
  Object.fromEntries(SCENARIOS.map((scenario) => [scenario.name, scenario.providerState])) as Record<
    ScenarioName,
    string
  >,
);

/** The states of `GET /v1/userinfo`, in the order of its scenario table. */
export const USERINFO_STATE_DEFINITIONS: readonly ProviderStateDefinition[] = Object.freeze(
  SCENARIOS.map((scenario) => userInfoState(scenario)),
);

// A `profile` state takes `scopes` and `persona`; without them it hands out the scenario's built-in token,
// so a mock whose built-in tokens are reconfigured is verified as it is.
function userInfoState(scenario: Scenario): ProviderStateDefinition {
  const profile = scenario.kind === 'profile';
  return defineProviderState({
    name: scenario.providerState,
    params: profile ? ['scopes', 'persona'] : [],
    async setup(given, register) {
      if (scenario.token === null) return {};
      const scopes = readScopes(given.scopes);
      const persona = typeof given.persona === 'string' ? given.persona : undefined;
      if (scopes === undefined && persona === undefined) return { token: scenario.token };
      const token = await register.token({
        scenario: 'valid',
        persona: persona ?? scenario.persona ?? null,
        scopes: scopes ?? scenario.scopes ?? [],
      });
      return { token };
    },
    ...(profile ? { grantedScopes: (given) => readScopes(given.scopes) ?? scenario.scopes ?? [] } : {}),
  });
}
