/**
 * The private keys a mock signs with (a test double, not for production), kept in its store by purpose:
 * the ID token's (`id-token`) and any other an operation signs with. A key is made once per process for
 * each purpose, on first use, and then kept by every store that needs one, so a `--db` file holds it and
 * a restarted mock signs with the same key. Kept keys are never served.
 */
import type { JWK } from 'jose';
import type { MockStore } from './store.js';

/** The keys of one mock, by purpose. */
export interface KeyRing {
  /**
   * The private JWK kept for `purpose`; without one, the key `make` made for it in this process (made
   * once, shared by every mock of the process), which the store keeps from then on.
   *
   * @example
   * const jwk = await context.keys.kept('id-token', generateRsaJwk);
   */
  kept(purpose: string, make: () => Promise<JWK>): Promise<JWK>;
}

const made = new Map<string, Promise<JWK>>();

/** The key ring of `store`. */
export function createKeyRing(store: MockStore): KeyRing {
  return {
    async kept(purpose, make) {
      const kept = store.key(purpose);
      if (kept !== undefined) return kept;
      let making = made.get(purpose);
      if (making === undefined) {
        making = make();
        made.set(purpose, making);
        // A failed making is not remembered: the next use tries again.
        making.catch(() => made.delete(purpose));
      }
      const jwk = await making;
      // Two first uses at once: the one that kept a key first wins, and both sign with it.
      const keptMeanwhile = store.key(purpose);
      if (keptMeanwhile !== undefined) return keptMeanwhile;
      store.setKey(purpose, jwk);
      return jwk;
    },
  };
}
