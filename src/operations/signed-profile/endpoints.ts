/**
 * The documented host of the legacy flows' public keys (iOS TrueSDK, Android SDK 2.x): a backend verifies
 * the signed profile the app hands it with the keys served here. The mock serves the path on the same
 * port as the OAuth API (the paths do not clash); the in-process doors intercept this host by default too.
 */
export const TRUECALLER_KEYS_URL = 'https://api4.truecaller.com';

/** The path of the signed profiles' keys, on `TRUECALLER_KEYS_URL`. */
export const SIGNED_PROFILE_ENDPOINTS = Object.freeze({
  /**
   * `GET` on `TRUECALLER_KEYS_URL`: a JSON array of `{ key, keyType }`, each `key` the base64 DER
   * (X.509 SubjectPublicKeyInfo) of an RSA public key that signed profiles verify with (documented).
   */
  publicKeys: '/v1/key',
} as const);
