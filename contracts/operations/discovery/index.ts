/**
 * OpenID discovery and the ID tokens' key set in the contracts: what `probe` asks of a host. No provider
 * state (it has no scenario) and no check of the kit's own.
 */
import { DISCOVERY } from '../../../src/operations/discovery/index.js';
import { defineContractOperation } from '../operation.js';
import { probeDiscovery } from './probe-checks.js';

/** What discovery contributes to the contracts. */
export const DISCOVERY_CONTRACT = defineContractOperation({
  operation: DISCOVERY,
  providerStates: [],
  pactChecks: {},
  replay: {},
  probe: { credentialFree: probeDiscovery },
});
