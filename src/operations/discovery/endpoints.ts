/** The paths of OpenID discovery, seen on `TRUECALLER_OAUTH_URL` (undocumented). */
export const DISCOVERY_ENDPOINTS = Object.freeze({
  /** `GET`: the OpenID discovery document (seen on the real host, undocumented). */
  discovery: '/.well-known/openid-configuration',
  /**
   * `GET`: the key set ID tokens are signed with, per client, as the real host's discovery names it (with
   * this literal `:clientId` placeholder; the mock serves it there and at each client's own id).
   */
  jwks: '/.well-known/:clientId/jwks.json',
  /** Where the real host sends a user to sign in; the mock only names it in discovery. */
  authorization: '/v1/auth',
} as const);
