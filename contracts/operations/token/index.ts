/** `POST /v1/token` in the contracts: its provider states and its interaction builder. */
import { TOKEN } from '../../../src/operations/token/index.js';
import { defineContractOperation } from '../operation.js';
import { EXCHANGE_STATE_DEFINITIONS } from './provider-states.js';

/** What `POST /v1/token` (and `POST /v1/revoke`) contributes to the contracts. */
export const TOKEN_CONTRACT = defineContractOperation({
  operation: TOKEN,
  providerStates: EXCHANGE_STATE_DEFINITIONS,
});

export { EXCHANGE_PROVIDER_STATES } from './provider-states.js';
export { tokenExchangeInteraction, type TokenExchangeInteractionOptions } from './interactions.js';
