/**
 * The mobile websites' profile fetch (`GET /v1/default`) in the contracts: its provider states, its
 * interaction builder, and what `verify` checks of its interactions and puts into their requests.
 */
import { MOBILE_WEB } from '../../../src/operations/mobile-web/index.js';
import { defineContractOperation } from '../operation.js';
import { webProfileProblems } from './pact-checks.js';
import { WEB_PROFILE_STATE_DEFINITIONS } from './provider-states.js';
import { substituteWebToken } from './requests.js';

/** What the mobile websites' profile fetch contributes to the contracts. */
export const MOBILE_WEB_CONTRACT = defineContractOperation({
  operation: MOBILE_WEB,
  providerStates: WEB_PROFILE_STATE_DEFINITIONS,
  pactChecks: { webProfile: webProfileProblems },
  replay: { webProfile: substituteWebToken },
  // probe checks Truecaller's OAuth host; the profile endpoint is on another (TRUECALLER_PROFILE_URL), and
  // its tokens come from a real sign-in's callback, which probe cannot make.
  probe: {},
});

export { WEB_PROFILE_PROVIDER_STATES } from './provider-states.js';
export { webProfileInteraction, type WebProfileInteractionOptions } from './interactions.js';
