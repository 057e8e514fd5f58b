/**
 * The documented host of the non-Truecaller users' phone-number validation (`phoneNumberDetail`). The
 * mock serves it on the same port as the OAuth API (the paths do not clash); the in-process doors
 * intercept it by default too.
 */
export const TRUECALLER_OTP_URL = 'https://sdk-otp-verification-noneu.truecaller.com';

/** The two documented forms of the validation call, on `TRUECALLER_OTP_URL`. */
export const PHONE_NUMBER_ENDPOINTS = Object.freeze({
  /**
   * `GET` on `TRUECALLER_OTP_URL`: the phone number of a user verified without the Truecaller app (drop
   * call or OTP), by the access token the SDK handed the app; header `clientId` (documented, SDK 3.x).
   */
  phoneNumberDetail: '/v1/otp/client/installation/phoneNumberDetail/{accessToken}',
  /** The same call as SDK 2.8 made it: no `/client/`, header `appKey` (documented). */
  phoneNumberDetailLegacy: '/v1/otp/installation/phoneNumberDetail/{accessToken}',
} as const);
