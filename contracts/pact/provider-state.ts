/**
 * What a Pact provider state of the kit is: its name, the parameters it takes, and how it sets the mock
 * up. Each operation's folder (`contracts/operations/<op>/provider-states.ts`) defines its states with
 * `defineProviderState`; `provider-states.ts` gathers them from the list of operations.
 */
import { readScopes, type Scope } from '../../src/scopes.js';
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
 * One provider state the kit sets up on its mock. A table of these, not a switch: each operation's
 * states join it as rows.
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
  /**
   * For a state whose 200 answers the claims of the granted scopes (a profile of `GET /v1/userinfo`):
   * those scopes, from its `scopes` parameter or its own. `verify` reads them to check and label the
   * claims a pact expects.
   */
  grantedScopes?(params: StateParams): readonly Scope[];
}

/**
 * A provider state whose `check` refuses the parameters it does not take, and unusable `scopes` or
 * `persona`.
 *
 * @example
 * defineProviderState({ name: 'an expired access token', params: [], setup: () => Promise.resolve({ token: 'expired' }) });
 */
export function defineProviderState(state: Omit<ProviderStateDefinition, 'check'>): ProviderStateDefinition {
  return Object.freeze({ ...state, check: (given: StateParams) => parameterProblems(given, state.params) });
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
