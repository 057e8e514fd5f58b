/**
 * The RSA key the mock signs ID tokens with (a test double, not for production): generated once per
 * process on first use (RSA key generation takes a while, so never at start-up and never on the userinfo
 * path), or imported from a config's `signingKey` for tests that need the same key on every run.
 */
import type * as Jose from 'jose';
import type { CryptoKey, JWK } from 'jose';

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

let generated: Promise<SigningKey> | undefined;
const imported = new Map<string, Promise<SigningKey>>();

/**
 * The key for a config's `signingKey` (a private RSA JWK, already checked), or the process's generated
 * key when there is none.
 *
 * @example
 * const { kid, publicJwk } = await signingKeyFor(undefined);
 */
export function signingKeyFor(jwk: JWK | undefined): Promise<SigningKey> {
  if (jwk === undefined) return (generated ??= generate());
  // A reloaded config holds a new object with the same key: import each distinct key once.
  const text = JSON.stringify(jwk);
  let key = imported.get(text);
  if (key === undefined) {
    key = fromJwk(jwk);
    imported.set(text, key);
  }
  return key;
}

async function generate(): Promise<SigningKey> {
  const { generateKeyPair, exportJWK } = await loadJose();
  const { privateKey, publicKey } = await generateKeyPair(ID_TOKEN_ALGORITHM, { extractable: true });
  return describe(privateKey, await exportJWK(publicKey), undefined);
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
