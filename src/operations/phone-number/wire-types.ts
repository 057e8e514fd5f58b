/** The shapes of the validation call of users without the Truecaller app that cross the wire: its bodies and the tokens the control plane serves. */
import type { Fault } from '../../faults.js';
import type { PhoneNumberAs, PhoneNumberTokenScenarioName } from './scenarios.js';

/**
 * The 200 body of the non-Truecaller users' validation call (the `PhoneNumberDetail` schema): the number
 * as calling code and national number, digits only. The documentation prints it as a bare JSON number;
 * clients in the wild read a string, so it is either.
 */
export interface PhoneNumberDetail {
  phoneNumber: number | string;
  /** ISO 3166-1 alpha-2, upper case (`IN`). */
  countryCode: string;
}

/** An error body of the validation call (documented): `{"code": 1404, "message": "Invalid access token."}`. */
export interface PhoneNumberErrorBody {
  code: number;
  message: string;
}

/**
 * An access token of a user verified without the Truecaller app, as the validation call answers it. `id`
 * is the token itself.
 */
export interface PhoneNumberTokenRecord {
  id: string;
  /** `verified` answers with the number; any other answers that documented error. */
  scenario: PhoneNumberTokenScenarioName;
  /** Calling code and national number, digits only (`919812345678`). */
  phoneNumber: string;
  /** ISO 3166-1 alpha-2 of the number (`IN`). */
  countryCode: string;
  /** How a 200 writes the number; a JSON number (as documented) when absent. */
  phoneNumberAs?: PhoneNumberAs;
  /** When it expires (epoch ms on the mock's clock), then the documented 1404; never when absent. */
  expiresAt?: number;
  /** Replaces the global fault for this token's answers. */
  fault?: Fault;
}

/** The collections of the store the validation call owns. */
export interface PhoneNumberStoreData {
  /** Access tokens of users verified without the Truecaller app. */
  phoneNumberTokens: PhoneNumberTokenRecord[];
}
