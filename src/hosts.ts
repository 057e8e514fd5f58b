/**
 * The documented host of `/v1/token` and `/v1/userinfo` (and, seen on it, discovery and revocation): the
 * in-process doors intercept it by default. Operations on other hosts name theirs in their own folder.
 */
export const TRUECALLER_OAUTH_URL = 'https://oauth-account-noneu.truecaller.com';
