/**
 * The private keys of signed profiles in the mock (a test double, not for production): read once per PEM,
 * checked when a config or a record brings one, and made for the process when a config names a key
 * without one (RSA key generation takes a while: only then, and once per key id).
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** The smallest key accepted: the size of Truecaller's own (the reference's test vector is RSA-1024). */
const MIN_MODULUS_BITS = 1024;

/** The most keys kept read; past it the cache starts again (a config or an admin API adds few). */
const MAX_READ_KEYS = 64;

const read = new Map<string, KeyObject>();
const generated = new Map<string, string>();

/** The key of a PEM already checked, read once. */
export function keyObjectOf(pem: string): KeyObject {
  let key = read.get(pem);
  if (key === undefined) {
    if (read.size >= MAX_READ_KEYS) read.clear();
    key = createPrivateKey(pem);
    read.set(pem, key);
  }
  return key;
}

/**
 * The private key (PKCS#8 PEM) made for key `id` in this process: the same for every config reload and
 * every call; a `--db` file keeps it across restarts, as it keeps every record.
 */
export function generatedPrivateKey(id: string): string {
  const known = generated.get(id);
  if (known !== undefined) return known;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = String(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  generated.set(id, pem);
  return pem;
}

/** Problems of `value` as a key's `privateKey`, naming `field`; empty when it can sign. */
export function privateKeyProblems(field: string, value: unknown): string[] {
  if (value === undefined) return [];
  const hint =
    'give an RSA private key as PEM (openssl genpkey -algorithm RSA writes one), or leave it out to have one made';
  if (typeof value !== 'string') return [`${field}: must be a PEM string; ${hint}`];
  let key: KeyObject;
  try {
    key = createPrivateKey(value);
  } catch (error) {
    return [`${field}: not a readable private key (${(error as Error).message}); ${hint}`];
  }
  if (key.asymmetricKeyType !== 'rsa')
    return [
      `${field}: must be an RSA key (SHA512withRSA), got ${key.asymmetricKeyType ?? 'another kind'}; ${hint}`,
    ];
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  return bits < MIN_MODULUS_BITS ? [`${field}: must be at least ${MIN_MODULUS_BITS} bits, got ${bits}`] : [];
}
