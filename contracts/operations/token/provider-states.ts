/** The Pact provider states of `POST /v1/token`: one per outcome of its table. */
import {
  EXCHANGE_OUTCOMES,
  type ExchangeOutcome,
  type ExchangeOutcomeName,
} from '../../../src/operations/token/outcomes.js';
import { createPkcePair } from '../../../src/operations/token/pkce.js';
import { readScopes } from '../../../src/scopes.js';
import { defineProviderState, type ProviderStateDefinition } from '../../pact/provider-state.js';

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

/** The states of `POST /v1/token`, in the order of its outcome table. */
export const EXCHANGE_STATE_DEFINITIONS: readonly ProviderStateDefinition[] = Object.freeze(
  EXCHANGE_OUTCOMES.map((outcome) => exchangeState(outcome)),
);

// The success state registers a fresh code bound to a fresh PKCE pair, so the verifier is checked exactly
// as a real exchange would be, for the persona and scopes given (the full-in persona, every scope, by
// default); an error state hands out its outcome's built-in code, so a mock whose built-in codes are
// reconfigured is verified as it is. The refresh-grant state needs nothing set up.
function exchangeState(outcome: ExchangeOutcome): ProviderStateDefinition {
  return defineProviderState({
    name: outcome.providerState,
    params: outcome.status === 200 ? ['scopes', 'persona'] : [],
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
  });
}
