/**
 * Checks a private key the mock signs with (a test double's ID-token key, not for production) once, when
 * the config or the `--db` file is read: a key jose would refuse at the first ID token, or one whose
 * tokens would never verify, is reported with the rest of the problems, one line for each kind.
 */
import {
  createPrivateKey,
  createPublicKey,
  type JsonWebKey,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';

// jose refuses RS256 keys under 2048 bits (RFC 7518 §3.3).
const MIN_MODULUS_BITS = 2048;

const HINT = 'give a private RSA JWK (kty, n, e, d, p, q, dp, dq, qi), as `jose` exportJWK writes one';

/** Why a key of another type cannot sign RS256, by its `kty`. */
const OTHER_KEY_TYPES: Readonly<Record<string, string>> = Object.freeze({
  oct: 'a shared secret (kty "oct")',
  EC: 'an elliptic-curve key (kty "EC")',
  OKP: 'an Edwards-curve key (kty "OKP")',
});

/**
 * Problems of `value` as the private RSA JWK ID tokens are signed with (or, with `signs`, other RSA
 * signatures the mock makes), each naming `field`; empty when it is usable.
 *
 * @example
 * signingKeyProblems({ kty: 'oct', k: 'c2VjcmV0' });
 * // ['signingKey: a shared secret (kty "oct") cannot sign RS256 ID tokens; give a private RSA JWK ...']
 */
export function signingKeyProblems(
  value: unknown,
  field = 'signingKey',
  signs = 'RS256 ID tokens',
): string[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${field}: must be an object; ${HINT}`];
  }
  const jwk = value as Record<string, unknown>;
  if (jwk.kty !== 'RSA') {
    const kind =
      typeof jwk.kty === 'string'
        ? (OTHER_KEY_TYPES[jwk.kty] ?? `a key of kty ${JSON.stringify(jwk.kty.slice(0, 20))}`)
        : 'a key without a kty';
    return [`${field}: ${kind} cannot sign ${signs}; ${HINT}`];
  }
  if (jwk.d === undefined) {
    return [
      `${field}: a public RSA key (no "d") cannot sign; give the private key it belongs to (kty, n, e, d, p, q, dp, dq, qi)`,
    ];
  }
  if (jwk.kid !== undefined && (typeof jwk.kid !== 'string' || jwk.kid === '')) {
    return [`${field}.kid: must be a non-empty string`];
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch (error) {
    return [`${field}: not a usable RSA private key (${(error as Error).message}); ${HINT}`];
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_MODULUS_BITS)
    return [`${field}: ${signs} need a key of at least ${MIN_MODULUS_BITS} bits, got ${bits}`];
  return halvesMatch(key, jwk)
    ? []
    : [
        `${field}: its public part (n, e) does not belong to its private part, so nothing signed with it would verify; export both from one key pair`,
      ];
}

/**
 * Whether what the private part signs verifies with the public part the key set would serve (`n`, `e`):
 * Node takes a JWK whose `n` belongs to another key, and signs with its private factors.
 */
function halvesMatch(key: KeyObject, jwk: Record<string, unknown>): boolean {
  const probe = Buffer.from('truecaller-oauth-kit signing key check');
  try {
    const publicKey = createPublicKey({
      key: { kty: 'RSA', n: jwk.n, e: jwk.e } as JsonWebKey,
      format: 'jwk',
    });
    return verify('sha256', probe, publicKey, sign('sha256', probe, key));
  } catch {
    return false;
  }
}
