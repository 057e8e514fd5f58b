/** The paths of the token operation, on `TRUECALLER_OAUTH_URL`. */
export const TOKEN_ENDPOINTS = Object.freeze({
  /** `POST`: the authorization code (or a refresh token) for an access token (documented). */
  token: '/v1/token',
  /** `POST`: RFC 7009 token revocation (seen on the real host, undocumented). */
  revoke: '/v1/revoke',
} as const);
