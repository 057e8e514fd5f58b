/**
 * The RSA key the mock signs ID tokens with (a test double, not for production): generated once per
 * process on first use (RSA key generation takes a while, so never at start-up and never on the userinfo
 * path) and kept in the store by the key ring, or imported from a config's `signingKey` for tests that
 * need the same key on every run.
 */
import type * as Jose from 'jose';
import type { CryptoKey, JWK } from 'jose';
import type { KeyRing } from './key-ring.js';

let jose: Promise<typeof Jose> | undefined;

/**
 * jose, loaded on first use: importing it takes about 30 ms, half of the mock's start-up imports, and a
 * mock that is never asked for an ID token never needs it.
 */
export function loadJose(): Promise<typeof Jose> {
  return (jose ??= import('jose'));
}

/** The private half to sign with and the public half the JWKS serves, under one `kid`. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** The public JWK as the JWKS lists it: `kty`, `n`, `e`, `kid`, `alg`, `use`. */
  readonly publicJwk: JWK;
}

/** The only algorithm the real host's discovery advertises (`id_token_signing_alg_values_supported`). */
export const ID_TOKEN_ALGORITHM = 'RS256';

/** The purpose the ID token's key is kept under in the store (and its `--db` file). */
export const ID_TOKEN_KEY_PURPOSE = 'id-token';

const byObject = new WeakMap<JWK, Promise<SigningKey>>();
const byText = new Map<string, Promise<SigningKey>>();

/**
 * The key ID tokens are signed with: a config's `signingKey` (a private RSA JWK, already checked), else
 * the key the mock keeps for ID tokens (made on first use, once per process, and kept in the store: a
 * `--db` file holds it, so an ID token issued before a restart verifies after it).
 *
 * @example
 * const { kid, publicJwk } = await idTokenSigningKey(context.keys, undefined);
 */
export async function idTokenSigningKey(keys: KeyRing, configured: JWK | undefined): Promise<SigningKey> {
  return importOnce(configured ?? (await keys.kept(ID_TOKEN_KEY_PURPOSE, generateJwk)));
}

/** A private JWK as a signing key, imported once per key (a reloaded config holds a new object with the same key). */
function importOnce(jwk: JWK): Promise<SigningKey> {
  let key = byObject.get(jwk);
  if (key !== undefined) return key;
  const text = JSON.stringify(jwk);
  key = byText.get(text);
  if (key === undefined) {
    key = fromJwk(jwk);
    byText.set(text, key);
    key.catch(() => byText.delete(text));
  }
  byObject.set(jwk, key);
  return key;
}

/** A new RSA key pair for RS256, as the private JWK the store keeps (RSA generation runs off the event loop). */
async function generateJwk(): Promise<JWK> {
  const { generateKeyPair, exportJWK } = await loadJose();
  const { privateKey } = await generateKeyPair(ID_TOKEN_ALGORITHM, { extractable: true });
  return exportJWK(privateKey);
}

async function fromJwk(jwk: JWK): Promise<SigningKey> {
  const { importJWK } = await loadJose();
  const privateKey = await importJWK({ ...jwk, alg: ID_TOKEN_ALGORITHM }, ID_TOKEN_ALGORITHM);
  return describe(privateKey as CryptoKey, jwk, jwk.kid);
}

// Only the public members are served (never d, p, q, ...). The kid is the key's own, else its RFC 7638
// thumbprint: the same key always gets the same kid.
async function describe(privateKey: CryptoKey, publicJwk: JWK, kid: string | undefined): Promise<SigningKey> {
  const { n = '', e = '' } = publicJwk;
  const id = kid ?? (await (await loadJose()).calculateJwkThumbprint({ kty: 'RSA', n, e }));
  return Object.freeze({
    kid: id,
    privateKey,
    publicJwk: Object.freeze({ kty: 'RSA', n, e, kid: id, alg: ID_TOKEN_ALGORITHM, use: 'sig' }),
  });
}
