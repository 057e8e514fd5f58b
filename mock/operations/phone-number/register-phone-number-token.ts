/**
 * `registerPhoneNumberToken`: an access token of a user verified without the Truecaller app, added from
 * code (a test double, not for production).
 */
import type { Fault } from '../../../src/faults.js';
import type {
  PhoneNumberAs,
  PhoneNumberTokenScenarioName,
} from '../../../src/operations/phone-number/scenarios.js';
import type { ControlContext } from '../operation.js';
import { expiryOf, type RegisterCall, registerRecord } from '../registration.js';

/** An access token of a user verified without the Truecaller app, for the validation call. Every field is optional. */
export interface RegisterPhoneNumberTokenInput {
  /** The token itself (sent in the path: letters, digits, `. _ ~ -`). Default: a random one. */
  token?: string;
  /** Calling code and national number, digits only. Default: the persona `non-truecaller-in`'s. */
  phoneNumber?: string;
  /** ISO 3166-1 alpha-2. Default `IN`. */
  countryCode?: string;
  /** Default `verified` (answer with the number), or a documented error. */
  scenario?: PhoneNumberTokenScenarioName;
  /** How a 200 writes the number: `number` (default, as documented) or `string`. */
  phoneNumberAs?: PhoneNumberAs;
  /** Seconds until it expires on the mock's clock (then the documented 1404). Default: never. */
  expiresInSeconds?: number;
  /** A fault its answers get instead of the global one. */
  fault?: Fault;
}

/** The controls of the validation call, on every door. */
export interface PhoneNumberControls {
  /**
   * Adds an access token of a user verified without the Truecaller app (drop call or OTP) and returns
   * it: the validation call (`phoneNumberDetail`) answers it with its phone number, or its scenario.
   *
   * @example
   * const token = mock.registerPhoneNumberToken({ phoneNumber: '919812345678', expiresInSeconds: 600 });
   */
  readonly registerPhoneNumberToken: (input?: RegisterPhoneNumberTokenInput) => string;
}

const CALL: RegisterCall = {
  name: 'registerPhoneNumberToken',
  idField: 'token',
  errorCode: 'ERR_TOKEN_INVALID',
};

/** The validation call's controls of one mock. */
export function phoneNumberControls(context: ControlContext): PhoneNumberControls {
  return {
    registerPhoneNumberToken(input = {}) {
      const { token, expiresInSeconds, ...fields } = input;
      const expiresAt = expiryOf(context, CALL.name, expiresInSeconds, undefined);
      return registerRecord(context, CALL, 'phoneNumberTokens', { ...fields, id: token, expiresAt });
    },
  };
}
