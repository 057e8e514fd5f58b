/**
 * `POST /v1/token` in the contracts: its provider states, its interaction builder, what `verify`
 * checks of its interactions and puts into their requests, and what `probe` asks of a host.
 */
import { TOKEN } from '../../../src/operations/token/index.js';
import { defineContractOperation } from '../operation.js';
import { tokenProblems } from './pact-checks.js';
import { EXCHANGE_STATE_DEFINITIONS } from './provider-states.js';
import { probeExchange, probeTokenErrors } from './probe-checks.js';
import { substituteCodeAndVerifier } from './requests.js';

/** What `POST /v1/token` (and `POST /v1/revoke`) contributes to the contracts. */
export const TOKEN_CONTRACT = defineContractOperation({
  operation: TOKEN,
  providerStates: EXCHANGE_STATE_DEFINITIONS,
  // POST /v1/revoke has no state and no check of the kit's own: the comparison with openapi.yaml covers it.
  pactChecks: { token: tokenProblems },
  replay: { token: substituteCodeAndVerifier },
  probe: { credentialFree: probeTokenErrors, credentialed: probeExchange },
});

export { EXCHANGE_PROVIDER_STATES } from './provider-states.js';
export { tokenExchangeInteraction, type TokenExchangeInteractionOptions } from './interactions.js';
