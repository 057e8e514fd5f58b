/**
 * `GET /v1/userinfo` in the contracts: its provider states, its interaction builder, what `verify`
 * checks of its interactions and puts into their requests, and what `probe` asks of a host.
 */
import { USERINFO } from '../../../src/operations/userinfo/index.js';
import { defineContractOperation } from '../operation.js';
import { userInfoProblems } from './pact-checks.js';
import { USERINFO_STATE_DEFINITIONS } from './provider-states.js';
import { probeUserInfoErrors, probeUserInfoWithToken } from './probe-checks.js';
import { substituteBearerToken } from './requests.js';

/** What `GET /v1/userinfo` contributes to the contracts. */
export const USERINFO_CONTRACT = defineContractOperation({
  operation: USERINFO,
  providerStates: USERINFO_STATE_DEFINITIONS,
  pactChecks: { userinfo: userInfoProblems },
  replay: { userinfo: substituteBearerToken },
  probe: { credentialFree: probeUserInfoErrors, credentialed: probeUserInfoWithToken },
});

export { PROVIDER_STATES } from './provider-states.js';
export { userInfoInteraction, type UserInfoInteractionOptions } from './interactions.js';
