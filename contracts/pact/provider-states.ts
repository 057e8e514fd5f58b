import {
  DEFAULT_CLIENT_ID,
  EXCHANGE_OUTCOMES,
  type ExchangeOutcome,
  type ExchangeOutcomeName,
} from '../../src/operations/token/outcomes.js';
import { createPkcePair } from '../../src/operations/token/pkce.js';
import {
  PHONE_NUMBER_SCENARIOS,
  type PhoneNumberScenario,
  type PhoneNumberScenarioName,
} from '../../src/operations/phone-number/scenarios.js';
import type { Scenario, ScenarioName } from '../../src/operations/userinfo/scenarios.js';
import { SCENARIOS } from '../../src/operations/userinfo/scenarios.js';
import { readScopes } from '../../src/scopes.js';
import type { StateRegistrars } from './token-registrar.js';

/** The provider name the kit's pacts carry, and the one `verify` accepts. */
export const PACT_PROVIDER = 'truecaller-oauth-api';

/** Parameters a pact gives a provider state (`given(state, params)`). */
export type StateParams = Readonly<Record<string, unknown>>;

/**
 * What a state handler resolves with: the values `fromProviderState` expressions read, such as `${token}`
 * (userinfo states), `${code}` and `${codeVerifier}` (token states), or `${token}` and `${clientId}`
 * (the validation call's states).
 */
export type StateValues = Record<string, string>;

/** Sets one provider state up; what it resolves with feeds `fromProviderState` expressions. */
export type StateHandler = (params?: unknown) => Promise<StateValues>;

/** State handlers by state name, in the form Pact's `Verifier` takes as `stateHandlers`. */
export type StateHandlers = Record<string, StateHandler>;

/**
 * One provider state the kit sets up on its mock. A table of these, not a switch: the states of
 * `POST /v1/token` join it as rows.
 */
export interface ProviderStateDefinition {
  /** The stable name a pact's `given(...)` uses. */
  readonly name: string;
  /** The parameters it accepts, for messages and the README. */
  readonly params: readonly string[];
  /** Problems with `params`, each naming the parameter; empty when they are usable. */
  check(params: StateParams): string[];
  /** Sets the state up; resolves with the values the request may inject (`token`, `code`, `codeVerifier`). */
  setup(params: StateParams, register: StateRegistrars): Promise<StateValues>;
}

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

/**
 * Provider-state names by outcome of `POST /v1/token`, straight from the exchange-outcome table.
 *
 * @example
 * pact.addInteraction().given(EXCHANGE_PROVIDER_STATES['expired-code']) // 'the authorization code has expired'
 */
export const EXCHANGE_PROVIDER_STATES: Readonly<Record<ExchangeOutcomeName, string>> = Object.freeze(
  Object.fromEntries(EXCHANGE_OUTCOMES.map((outcome) => [outcome.name, outcome.providerState])) as Record<
    ExchangeOutcomeName,
    string
  >,
);

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

/**
 * Every provider state the kit knows: one per scenario of `GET /v1/userinfo`, one per outcome of
 * `POST /v1/token`, one per scenario of the validation call of users without the Truecaller app.
 */
export const PROVIDER_STATE_DEFINITIONS: readonly ProviderStateDefinition[] = Object.freeze([
  ...SCENARIOS.map((scenario) => userInfoState(scenario)),
  ...EXCHANGE_OUTCOMES.map((outcome) => exchangeState(outcome)),
  ...PHONE_NUMBER_SCENARIOS.map((scenario: PhoneNumberScenario) => phoneNumberState(scenario)),
]);

const BY_NAME: ReadonlyMap<string, ProviderStateDefinition> = new Map(
  PROVIDER_STATE_DEFINITIONS.map((definition) => [definition.name, definition]),
);

/** The provider state called `name`, or undefined when the kit does not know it. */
export function findProviderState(name: string): ProviderStateDefinition | undefined {
  return BY_NAME.get(name);
}

/**
 * State handlers for Pact's `Verifier`: each sets its state up through `register` and returns the values
 * for it (a token, or a code and verifier), which `fromProviderState` expressions put into the request.
 *
 * @example
 * const server = createMockServer();
 * const handlers = createStateHandlers(mockStateRegistrars(server));
 * await new Verifier({ providerBaseUrl: await server.start(), pactUrls, stateHandlers: handlers }).verifyProvider();
 */
export function createStateHandlers(
  register: StateRegistrars,
  definitions: readonly ProviderStateDefinition[] = PROVIDER_STATE_DEFINITIONS,
): StateHandlers {
  const handlers: StateHandlers = {};
  for (const definition of definitions) {
    handlers[definition.name] = async (params?: unknown): Promise<StateValues> => {
      const given: StateParams =
        typeof params === 'object' && params !== null && !Array.isArray(params)
          ? (params as StateParams)
          : {};
      const problems = definition.check(given);
      if (problems.length > 0)
        throw new Error(`Provider state "${definition.name}": ${problems.join('; ')}.`);
      return definition.setup(given, register);
    };
  }
  return handlers;
}

// A `profile` state takes `scopes` and `persona`; without them it hands out the scenario's built-in token,
// so a mock whose built-in tokens are reconfigured is verified as it is.
function userInfoState(scenario: Scenario): ProviderStateDefinition {
  const params = scenario.kind === 'profile' ? ['scopes', 'persona'] : [];
  return {
    name: scenario.providerState,
    params,
    check: (given) => parameterProblems(given, params),
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
  };
}

// The success state registers a fresh code bound to a fresh PKCE pair, so the verifier is checked exactly
// as a real exchange would be, for the persona and scopes given (the full-in persona, every scope, by
// default); an error state hands out its outcome's built-in code, so a mock whose built-in codes are
// reconfigured is verified as it is. The refresh-grant state needs nothing set up.
function exchangeState(outcome: ExchangeOutcome): ProviderStateDefinition {
  const params = outcome.status === 200 ? ['scopes', 'persona'] : [];
  return {
    name: outcome.providerState,
    params,
    check: (given) => parameterProblems(given, params),
    async setup(given, register) {
      if (outcome.status === 200) {
        const { codeVerifier, codeChallenge } = createPkcePair();
        const scopes = readScopes(given.scopes);
        const code = await register.code({
          codeChallenge,
          ...(scopes === undefined ? {} : { scopes }),
          ...(typeof given.persona === 'string' ? { persona: given.persona } : {}),
        });
        return { code, codeVerifier };
      }
      return outcome.code === null ? {} : { code: outcome.code };
    },
  };
}

// Each state hands out its scenario's built-in token (so a mock whose built-in tokens are reconfigured is
// verified as it is) and the partner credentials to send: the default client, or for the bad-credentials
// state one the mock does not know.
function phoneNumberState(scenario: PhoneNumberScenario): ProviderStateDefinition {
  const clientId = scenario.name === 'invalid-credentials' ? UNKNOWN_PARTNER_CLIENT_ID : DEFAULT_CLIENT_ID;
  return {
    name: scenario.providerState,
    params: [],
    check: (given) => parameterProblems(given, []),
    setup: () => Promise.resolve({ token: scenario.token, clientId }),
  };
}

// Parameters a state does not take, and unusable `scopes` or `persona`: each problem names the parameter.
function parameterProblems(given: StateParams, params: readonly string[]): string[] {
  const problems = Object.keys(given)
    .filter((key) => !params.includes(key))
    .map((key) =>
      params.length === 0
        ? `takes no parameters, got "${key}"`
        : `unknown parameter "${key}" (it takes ${params.join(', ')})`,
    );
  if ('scopes' in given && readScopes(given.scopes) === undefined) {
    problems.push(
      `parameter "scopes" must be a list or a space-separated string of documented scopes, got ${JSON.stringify(given.scopes)}`,
    );
  }
  if ('persona' in given && typeof given.persona !== 'string') {
    problems.push(`parameter "persona" must be a persona id, got ${JSON.stringify(given.persona)}`);
  }
  return problems;
}
