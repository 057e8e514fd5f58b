/**
 * The keys of signed profiles in the mock (a test double, not for production): the kit's TEST key by
 * default, or a config's (its PEM, or one made for the process), each served on `/v1/key` or not.
 */
import { KIT_TEST_KEY_ID, KIT_TEST_PRIVATE_KEY } from '../../../src/operations/signed-profile/test-keys.js';
import type { ProfileKeyRecord } from '../../../src/operations/signed-profile/wire-types.js';
import { defineCollection, ID_PATTERN, isObject, mergeById } from '../collection.js';
import { generatedPrivateKey, privateKeyProblems } from './key-material.js';

/** One key of a config file's `profileKeys`. Every field is optional. */
export interface ProfileKeyConfig {
  /** An RSA private key, PEM (PKCS#8 or PKCS#1). Default: one made for the process (kept by `--db`). */
  privateKey?: string;
  /** Whether `/v1/key` serves it. Default true. */
  served?: boolean;
}

/** The `profileKeys` section of a config file (the keys of signed profiles, by id). */
export interface ProfileKeysConfig {
  profileKeys?: Record<string, ProfileKeyConfig>;
}

/** The `profileKeys` collection. */
export const PROFILE_KEYS = defineCollection({
  name: 'profileKeys',
  idIs: 'the key id',
  builtIns: (): ProfileKeyRecord[] => [
    { id: KIT_TEST_KEY_ID, privateKey: KIT_TEST_PRIVATE_KEY, served: true },
  ],
  config: {
    schema: {
      type: 'object',
      propertyNames: { pattern: ID_PATTERN },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { privateKey: { type: 'string', maxLength: 16_384 }, served: { type: 'boolean' } },
      },
    },
    idRule: 'key id (1 to 64 letters, digits, . _ -)',
    problems: (entries) =>
      Object.entries(entries).flatMap(([id, entry]) =>
        isObject(entry) ? privateKeyProblems(`profileKeys.${id}.privateKey`, entry.privateKey) : [],
      ),
    apply(base, entries) {
      const added = Object.entries(entries).map(([id, entry]): ProfileKeyRecord => ({
        id,
        privateKey: (entry.privateKey as string | undefined) ?? generatedPrivateKey(id),
        served: (entry.served as boolean | undefined) ?? true,
      }));
      // A config that serves keys of its own replaces the kit's: the keys it does not name stop being served.
      const named = new Set(added.map((key) => key.id));
      const replaces = added.some((key) => key.served);
      const kept = (base as ProfileKeyRecord[]).map((key) =>
        replaces && !named.has(key.id) ? { ...key, served: false } : key,
      );
      return mergeById(kept, added);
    },
  },
  admin: { served: true },
  listFields: ['id', 'served'],
});
