/**
 * The validation call of users without the Truecaller app in the contracts: its provider states, its
 * interaction builder, and what `verify` checks of its interactions and puts into their requests, for
 * both documented forms of the call.
 */
import { PHONE_NUMBER, PHONE_NUMBER_CALLS } from '../../../src/operations/phone-number/index.js';
import { defineContractOperation } from '../operation.js';
import { phoneNumberProblems } from './pact-checks.js';
import { PHONE_NUMBER_STATE_DEFINITIONS } from './provider-states.js';
import { substitutePhoneNumberState } from './requests.js';

const { '3': SDK_3, '2.8': SDK_2_8 } = PHONE_NUMBER_CALLS;

/** What the validation call contributes to the contracts. */
export const PHONE_NUMBER_CONTRACT = defineContractOperation({
  operation: PHONE_NUMBER,
  providerStates: PHONE_NUMBER_STATE_DEFINITIONS,
  pactChecks: {
    phoneNumberDetail: (interaction) => phoneNumberProblems(interaction, SDK_3),
    phoneNumberDetailLegacy: (interaction) => phoneNumberProblems(interaction, SDK_2_8),
  },
  replay: {
    phoneNumberDetail: substitutePhoneNumberState(SDK_3),
    phoneNumberDetailLegacy: substitutePhoneNumberState(SDK_2_8),
  },
  // probe checks Truecaller's OAuth host; the validation call is on another (TRUECALLER_OTP_URL).
  probe: {},
});

export { PHONE_NUMBER_PROVIDER_STATES, UNKNOWN_PARTNER_CLIENT_ID } from './provider-states.js';
export { phoneNumberInteraction, type PhoneNumberInteractionOptions } from './interactions.js';
