/**
 * Checks a config's `signingKey` (a test double's ID-token key, not for production) once, when the config
 * is read: a key jose would refuse at the first ID token is reported with the rest of the config's problems.
 */
import { createPrivateKey, type JsonWebKey } from 'node:crypto';

// jose refuses RS256 keys under 2048 bits (RFC 7518 §3.3).
const MIN_MODULUS_BITS = 2048;

/** Problems of `value` as the private RSA JWK ID tokens are signed with; empty when it is usable. */
export function signingKeyProblems(value: unknown): string[] {
  if (value === undefined) return [];
  const hint = 'give a private RSA JWK (kty, n, e, d, p, q, dp, dq, qi), as `jose` exportJWK writes one';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`signingKey: must be an object; ${hint}`];
  }
  const jwk = value as Record<string, unknown>;
  if (jwk.kty !== 'RSA' || typeof jwk.d !== 'string') {
    return [`signingKey: must be a private RSA key (kty "RSA" with "d"); ${hint}`];
  }
  if (jwk.kid !== undefined && (typeof jwk.kid !== 'string' || jwk.kid === '')) {
    return ['signingKey.kid: must be a non-empty string'];
  }
  try {
    const key = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    return bits < MIN_MODULUS_BITS
      ? [`signingKey: RS256 needs a key of at least ${MIN_MODULUS_BITS} bits, got ${bits}`]
      : [];
  } catch (error) {
    return [`signingKey: not a usable RSA private key (${(error as Error).message}); ${hint}`];
  }
}
