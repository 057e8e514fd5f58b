import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 7636 §4.1: a verifier is 43 to 128 unreserved characters. */
export const CODE_VERIFIER_PATTERN = /^[A-Za-z0-9._~-]{43,128}$/;

/** An S256 challenge is base64url without padding of a SHA-256 digest: always 43 characters. */
export const CODE_CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A PKCE verifier and its S256 challenge, as the Truecaller SDK makes them. */
export interface PkcePair {
  readonly codeVerifier: string;
  readonly codeChallenge: string;
  readonly codeChallengeMethod: 'S256';
}

/** Whether `value` has the syntax RFC 7636 §4.1 requires of a code verifier. */
export function isCodeVerifier(value: string): boolean {
  return CODE_VERIFIER_PATTERN.test(value);
}

/**
 * The S256 challenge of a verifier: base64url-no-pad(SHA-256(ASCII(verifier))), RFC 7636 §4.2.
 *
 * @example
 * codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'); // 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
 */
export function codeChallengeS256(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}

/**
 * A fresh PKCE pair. Like the SDK: the verifier is base64url of 64 random bytes (86 characters).
 *
 * @example
 * const { codeVerifier, codeChallenge } = createPkcePair();
 * const code = mock.registerCode({ codeChallenge });
 */
export function createPkcePair(): PkcePair {
  const codeVerifier = randomBytes(64).toString('base64url');
  return Object.freeze({
    codeVerifier,
    codeChallenge: codeChallengeS256(codeVerifier),
    codeChallengeMethod: 'S256',
  });
}

/** Whether `codeVerifier` is the one `codeChallenge` was made from (S256), compared in constant time. */
export function verifyCodeVerifier(codeVerifier: string, codeChallenge: string): boolean {
  const expected = Buffer.from(codeChallenge, 'ascii');
  const actual = Buffer.from(codeChallengeS256(codeVerifier), 'ascii');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
