/**
 * The validation call of users without the Truecaller app in the contracts: its provider states and its
 * interaction builder.
 */
import { PHONE_NUMBER } from '../../../src/operations/phone-number/index.js';
import { defineContractOperation } from '../operation.js';
import { PHONE_NUMBER_STATE_DEFINITIONS } from './provider-states.js';

/** What the validation call contributes to the contracts. */
export const PHONE_NUMBER_CONTRACT = defineContractOperation({
  operation: PHONE_NUMBER,
  providerStates: PHONE_NUMBER_STATE_DEFINITIONS,
});

export { PHONE_NUMBER_PROVIDER_STATES, UNKNOWN_PARTNER_CLIENT_ID } from './provider-states.js';
export { phoneNumberInteraction, type PhoneNumberInteractionOptions } from './interactions.js';
