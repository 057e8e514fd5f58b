import { ENDPOINTS } from '../../../src/endpoints.js';
import { SCENARIOS, type Scenario } from '../../../src/operations/userinfo/scenarios.js';
import { CLAIMS_BY_SCOPE, readScopes, type Scope } from '../../../src/scopes.js';
import type { PactInteraction } from '../../pact/pact-file.js';

const SCENARIO_BY_STATE: ReadonlyMap<string, Scenario> = new Map(
  SCENARIOS.map((scenario) => [scenario.providerState, scenario]),
);

/**
 * The kit's own checks of a `GET /v1/userinfo` interaction: the request carries a `Bearer` Authorization
 * header (unless its state is about a missing one), and a 200 expects only claims that the scopes of its
 * state grant.
 */
export function userInfoProblems(interaction: PactInteraction): string[] {
  const problems: string[] = [];
  const scenarios = interaction.providerStates.flatMap((state) => {
    const scenario = SCENARIO_BY_STATE.get(state.name);
    return scenario ? [{ scenario, params: state.params }] : [];
  });
  const aboutTheHeader = scenarios.some(({ scenario }) => scenario.kind === 'header');
  const authorization = interaction.requestHeaders.authorization;
  if (!aboutTheHeader) {
    if (authorization === undefined) {
      problems.push(
        `request header Authorization: missing; GET ${ENDPOINTS.userinfo} needs "Bearer <ACCESS_TOKEN>"`,
      );
    } else if (!/^bearer +\S/i.test(authorization)) {
      problems.push(
        `request header Authorization: "${authorization}" is not "Bearer <ACCESS_TOKEN>" (use the state "${SCENARIOS.find((scenario) => scenario.kind === 'header')?.providerState}" to expect the 401 for that)`,
      );
    }
  }
  const body = interaction.responseBody;
  const profile = profileState(interaction);
  if (interaction.status === 200 && profile && typeof body === 'object' && body !== null) {
    const granted = new Set<string>(profile.scopes.flatMap((scope) => CLAIMS_BY_SCOPE[scope]));
    for (const claim of Object.keys(body)) {
      if (!granted.has(claim)) {
        problems.push(
          `response body $.${claim}: not granted by the scopes of state "${profile.providerState}" (${profile.scopes.join(' ')})`,
        );
      }
    }
  }
  return problems;
}

// The profile state of the interaction (a 200 scenario) and the scopes it grants: its `scopes` parameter,
// else the scenario's own; undefined for an interaction without one.
function profileState(
  interaction: PactInteraction,
): { providerState: string; scopes: readonly Scope[] } | undefined {
  for (const state of interaction.providerStates) {
    const scenario = SCENARIO_BY_STATE.get(state.name);
    if (scenario?.kind === 'profile') {
      return {
        providerState: scenario.providerState,
        scopes: readScopes(state.params.scopes) ?? scenario.scopes ?? [],
      };
    }
  }
  return undefined;
}
