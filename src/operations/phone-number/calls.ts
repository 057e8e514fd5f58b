/** The two documented forms of the validation call (SDK 3.x and 2.8), and the token a path carries. */
import { PHONE_NUMBER_ENDPOINTS } from './endpoints.js';

/** The SDK versions whose validation call is documented. */
export type PhoneNumberSdk = '3' | '2.8';

/** One documented form of the validation call: its path template and the header carrying the partner credentials. */
export interface PhoneNumberCall {
  readonly sdk: PhoneNumberSdk;
  readonly path: string;
  /** The header as the documentation spells it (HTTP header names are case-insensitive). */
  readonly credentialHeader: 'clientId' | 'appKey';
}

/**
 * Both forms, SDK 3.x first: `/client/` in the path and the `clientId` header; SDK 2.8 without `/client/`
 * and with `appKey`. The mock answers both alike.
 */
export const PHONE_NUMBER_CALLS: Readonly<Record<PhoneNumberSdk, PhoneNumberCall>> = Object.freeze({
  '3': Object.freeze({
    sdk: '3',
    path: PHONE_NUMBER_ENDPOINTS.phoneNumberDetail,
    credentialHeader: 'clientId',
  }),
  '2.8': Object.freeze({
    sdk: '2.8',
    path: PHONE_NUMBER_ENDPOINTS.phoneNumberDetailLegacy,
    credentialHeader: 'appKey',
  }),
} as const);

const TOKEN_PREFIXES: readonly string[] = Object.values(PHONE_NUMBER_CALLS).map((call) =>
  call.path.slice(0, call.path.indexOf('{')),
);

/**
 * The access token a validation call's path (no query) carries, as sent; null for any other path.
 *
 * @example
 * phoneNumberTokenInPath('/v1/otp/installation/phoneNumberDetail/otp-valid'); // 'otp-valid'
 */
export function phoneNumberTokenInPath(path: string): string | null {
  for (const prefix of TOKEN_PREFIXES) {
    if (path.length > prefix.length && path.startsWith(prefix) && !path.includes('/', prefix.length))
      return path.slice(prefix.length);
  }
  return null;
}

/**
 * What a phone-number token, sent in the path, may be: RFC 3986's unreserved characters, so it reads the
 * same percent-encoded or not. The kit's own choice: Truecaller documents no token syntax.
 */
export const PHONE_NUMBER_TOKEN_PATTERN = '^[A-Za-z0-9._~-]{1,512}$';

/** A phone number as the kit writes it: calling code and national number, digits only (as `phone_number`). */
export const PHONE_NUMBER_PATTERN = '^[1-9][0-9]{6,14}$';
