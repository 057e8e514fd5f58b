/** The path of `GET /v1/userinfo` (documented), on `TRUECALLER_OAUTH_URL`. */
export const USERINFO_ENDPOINTS = Object.freeze({
  /** `GET`: the user's profile by bearer token (documented). */
  userinfo: '/v1/userinfo',
} as const);
