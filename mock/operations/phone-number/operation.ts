/**
 * The validation call of users without the Truecaller app in the mock (a test double, not for
 * production): its two routes, its state and its start-up table.
 */
import { PHONE_NUMBER } from '../../../src/operations/phone-number/index.js';
import { PHONE_NUMBER_CALLS, phoneNumberTokenInPath } from '../../../src/operations/phone-number/calls.js';
import { DEFAULT_CLIENT_ID } from '../../../src/operations/token/grants.js';
import { fillPath } from '../../../src/paths.js';
import { defineMockOperation } from '../operation.js';
import { formatPhoneNumberTokenTable } from './phone-number-table.js';
import { createPhoneNumberRoutes } from './phone-number-route.js';
import { phoneNumberControls } from './register-phone-number-token.js';
import { PHONE_NUMBER_TOKENS, type PhoneNumberTokensConfig } from './phone-number-tokens.js';

const { phoneNumberDetail } = PHONE_NUMBER.endpoints;

/** The validation call of the mock. */
export const PHONE_NUMBER_MOCK = defineMockOperation({
  api: PHONE_NUMBER,
  collections: [PHONE_NUMBER_TOKENS],
  // An answer is the token's, checked against the partner credentials (a client id), with the fault in force.
  reads: ['phoneNumberTokens', 'clients', 'fault'],
  faultPaths: Object.values(PHONE_NUMBER_CALLS).map((call) => call.path),
  controls: phoneNumberControls,
  createRoutes(context) {
    const handlers = createPhoneNumberRoutes(context);
    return Object.values(PHONE_NUMBER_CALLS).map((call) => ({
      path: call.path,
      handlers: { GET: handlers[call.sdk], HEAD: handlers[call.sdk] },
      requestHeaders: [call.credentialHeader],
    }));
  },
  // The access token travels in the path, not in a header.
  credentialInPath: phoneNumberTokenInPath,
  startupText: (store, baseUrl) => ({
    table:
      `Users without the Truecaller app, GET ${phoneNumberDetail} (header clientId: ${DEFAULT_CLIENT_ID}):\n` +
      formatPhoneNumberTokenTable(store),
    tryIt: [`curl -H 'clientId: ${DEFAULT_CLIENT_ID}' ${baseUrl}${fillPath(phoneNumberDetail, 'otp-valid')}`],
  }),
});

/** What a config file may hold for the validation call. */
export type PhoneNumberConfig = PhoneNumberTokensConfig;
