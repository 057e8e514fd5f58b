/** OpenID discovery and the ID tokens' key set in the contracts: no provider state (it has no scenario). */
import { DISCOVERY } from '../../../src/operations/discovery/index.js';
import { defineContractOperation } from '../operation.js';

/** What discovery contributes to the contracts. */
export const DISCOVERY_CONTRACT = defineContractOperation({
  operation: DISCOVERY,
  providerStates: [],
  pactChecks: {},
  replay: {},
});
