/**
 * What `POST /v1/token` works with besides its outcomes: the grants it knows, the clients the mock has
 * out of the box, a verifier of valid syntax and how long a code lives.
 */
/** The client id the mock accepts out of the box (for both grants), so a test needs no set-up. */
export const DEFAULT_CLIENT_ID = 'kit-test-client';

/** A built-in client the mock knows but allows no grant: it reaches the documented 403 `unauthorized-client`. */
export const RESTRICTED_CLIENT_ID = 'kit-restricted-client';

/** A verifier of valid RFC 7636 syntax (the RFC's own Appendix B example). Built-in codes have no challenge, so any valid verifier passes. */
export const EXAMPLE_CODE_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

/** Assumed (Truecaller documents no code lifetime): ten minutes, RFC 6749 §4.1.2's recommended maximum. */
export const CODE_LIFETIME_SECONDS = 600;

/** The grants `POST /v1/token` knows: `authorization_code` (documented) and `refresh_token` (undocumented). */
export const GRANT_TYPES = ['authorization_code', 'refresh_token'] as const;

/** One grant type. */
export type GrantType = (typeof GRANT_TYPES)[number];
