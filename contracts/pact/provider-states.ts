/**
 * Every provider state the kit knows, gathered from the list of operations (each defines its own in
 * `contracts/operations/<op>/provider-states.ts`), and the state handlers Pact's `Verifier` takes.
 */
import { CONTRACT_OPERATIONS } from '../operations/index.js';
import type { ProviderStateDefinition, StateHandlers, StateParams, StateValues } from './provider-state.js';
import type { StateRegistrars } from './token-registrar.js';

/**
 * Every provider state the kit knows: one per scenario of `GET /v1/userinfo`, one per outcome of
 * `POST /v1/token`, one per scenario of the validation call of users without the Truecaller app.
 */
export const PROVIDER_STATE_DEFINITIONS: readonly ProviderStateDefinition[] = Object.freeze(
  CONTRACT_OPERATIONS.flatMap((contract) => contract.providerStates),
);

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
