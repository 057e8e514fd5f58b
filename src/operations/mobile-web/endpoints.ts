/**
 * The documented host of the mobile websites' profile endpoint (`/v1/default`): the `endpoint` of
 * Truecaller's callback to the partner names it. The mock serves it on the same port as the OAuth API
 * (the paths do not clash); the in-process doors intercept it by default too.
 */
export const TRUECALLER_PROFILE_URL = 'https://profile4-noneu.truecaller.com';

/** The paths of the mobile websites' sign-in, on `TRUECALLER_PROFILE_URL`. */
export const MOBILE_WEB_ENDPOINTS = Object.freeze({
  /**
   * `GET` on `TRUECALLER_PROFILE_URL`, header `Authorization: Bearer <accessToken>`: the profile of the
   * user who approved a mobile website's sign-in, by the access token Truecaller posted to the partner's
   * callback (documented, "Mobile websites → Fetch User Profile").
   */
  webProfile: '/v1/default',
} as const);
