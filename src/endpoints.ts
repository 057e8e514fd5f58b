/**
 * Every path the kit serves or calls, in one table: the mock's routes, the reference clients, discovery,
 * the contracts and the tests read it, so a path is spelled once.
 */
export const ENDPOINTS = Object.freeze({
  /** `GET`: the user's profile by bearer token (documented). */
  userinfo: '/v1/userinfo',
  /** `POST`: the authorization code (or a refresh token) for an access token (documented). */
  token: '/v1/token',
  /** `POST`: RFC 7009 token revocation (seen on the real host, undocumented). */
  revoke: '/v1/revoke',
  /** `GET`: the OpenID discovery document (seen on the real host, undocumented). */
  discovery: '/.well-known/openid-configuration',
  /**
   * `GET`: the key set ID tokens are signed with, per client, as the real host's discovery names it (with
   * this literal `:clientId` placeholder; the mock serves it there and at each client's own id).
   */
  jwks: '/.well-known/:clientId/jwks.json',
  /** Where the real host sends a user to sign in; the mock only names it in discovery. */
  authorization: '/v1/auth',
  /** `GET`: the mock's own `openapi.yaml`, the document it answers from (not part of Truecaller's API). */
  apiDocumentYaml: '/openapi.yaml',
  /** `GET`: the same document as JSON. */
  apiDocumentJson: '/openapi.json',
  /** The prefix of the mock's own control plane (not part of Truecaller's API). */
  admin: '/__admin',
  /**
   * `GET` on `TRUECALLER_OTP_URL`: the phone number of a user verified without the Truecaller app (drop
   * call or OTP), by the access token the SDK handed the app; header `clientId` (documented, SDK 3.x).
   */
  phoneNumberDetail: '/v1/otp/client/installation/phoneNumberDetail/{accessToken}',
  /** The same call as SDK 2.8 made it: no `/client/`, header `appKey` (documented). */
  phoneNumberDetailLegacy: '/v1/otp/installation/phoneNumberDetail/{accessToken}',
} as const);

/** One path of `ENDPOINTS`. */
export type Endpoint = (typeof ENDPOINTS)[keyof typeof ENDPOINTS];

/** The documented host of `/v1/token` and `/v1/userinfo`; the in-process doors intercept it by default. */
export const TRUECALLER_OAUTH_URL = 'https://oauth-account-noneu.truecaller.com';

/**
 * The documented host of the non-Truecaller users' phone-number validation (`phoneNumberDetail`). The
 * mock serves it on the same port as the OAuth API (the paths do not clash); the in-process doors
 * intercept it by default too.
 */
export const TRUECALLER_OTP_URL = 'https://sdk-otp-verification-noneu.truecaller.com';

/**
 * A path template of `ENDPOINTS` with its `{parameter}` filled in, percent-encoded.
 *
 * @example
 * fillPath(ENDPOINTS.phoneNumberDetail, 'otp-valid'); // '/v1/otp/client/installation/phoneNumberDetail/otp-valid'
 */
export function fillPath(template: string, value: string): string {
  return template.replace(/\{[^}]+\}/, encodeURIComponent(value));
}

/**
 * A path template of `ENDPOINTS` as the pattern of the paths it names: each `{parameter}` one non-empty
 * segment, the rest literal.
 *
 * @example
 * pathTemplatePattern(ENDPOINTS.phoneNumberDetail).test('/v1/otp/client/installation/phoneNumberDetail/t'); // true
 */
export function pathTemplatePattern(template: string): RegExp {
  const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^${template
      .split(/\{[^}]+\}/)
      .map(literal)
      .join('[^/]+')}$`,
  );
}
