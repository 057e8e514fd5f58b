/**
 * Signed profiles in the contracts: the provider states of their scenarios (each sets up what
 * `GET /v1/key` serves), the key fetch's interaction builder, and what `verify` checks of it. The key
 * endpoint takes no credentials, so a replayed request needs nothing from a state.
 */
import { SIGNED_PROFILE } from '../../../src/operations/signed-profile/index.js';
import { defineContractOperation } from '../operation.js';
import { publicKeysProblems } from './pact-checks.js';
import { SIGNED_PROFILE_STATE_DEFINITIONS } from './provider-states.js';

/** What signed profiles contribute to the contracts. */
export const SIGNED_PROFILE_CONTRACT = defineContractOperation({
  operation: SIGNED_PROFILE,
  providerStates: SIGNED_PROFILE_STATE_DEFINITIONS,
  pactChecks: { publicKeys: publicKeysProblems },
  replay: {},
  // probe checks Truecaller's OAuth host; the keys are on another (TRUECALLER_KEYS_URL).
  probe: {},
});

export { SIGNED_PROFILE_PROVIDER_STATES } from './provider-states.js';
export { publicKeysInteraction } from './interactions.js';
