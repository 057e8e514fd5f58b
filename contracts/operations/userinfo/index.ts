/** `GET /v1/userinfo` in the contracts: its provider states and its interaction builder. */
import { USERINFO } from '../../../src/operations/userinfo/index.js';
import { defineContractOperation } from '../operation.js';
import { USERINFO_STATE_DEFINITIONS } from './provider-states.js';

/** What `GET /v1/userinfo` contributes to the contracts. */
export const USERINFO_CONTRACT = defineContractOperation({
  operation: USERINFO,
  providerStates: USERINFO_STATE_DEFINITIONS,
});

export { PROVIDER_STATES } from './provider-states.js';
export { userInfoInteraction, type UserInfoInteractionOptions } from './interactions.js';
