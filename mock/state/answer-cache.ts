/**
 * Answers an operation prepared once and serves many times (a test double, not for production), kept
 * until the state they were made from changes. The engine makes one per operation from what the
 * operation declares it reads: a change to the record an answer is keyed by drops that answer; a change
 * to anything else it reads drops them all. No route clears a cache by hand.
 */
import { changeTouches, type Collection, type MockStore, type StateKey } from './store.js';

/** One operation's cache of answers by record id, plus values made from its state as a whole. */
export interface AnswerCache<V> {
  get(id: string): V | undefined;
  set(id: string, value: V): void;
  /**
   * A value made from the state as a whole (the answer to an unknown token with the global fault, say):
   * made on first use, and again on first use after any change to what the operation reads.
   */
  shared<T>(make: () => T): () => T;
}

/**
 * A cache for answers keyed by the ids of `keyedBy`, made from `reads` of `store` (which `keyedBy` is
 * one of): a change to one record of `keyedBy` drops its answer, any other change of `reads` drops all.
 */
export function createAnswerCache<V>(
  store: MockStore,
  reads: readonly StateKey[],
  keyedBy: Collection | undefined,
): AnswerCache<V> {
  const depends: ReadonlySet<StateKey> = new Set(reads);
  if (keyedBy !== undefined && !depends.has(keyedBy))
    throw new TypeError(`A cache keyed by ${keyedBy} must read it: add ${keyedBy} to the reads.`);
  const answers = new Map<string, V>();
  let generation = 0;
  store.onChange((change) => {
    if (!changeTouches(change, depends)) return;
    // Shared values may read anything the operation reads: any change it depends on makes them anew.
    generation += 1;
    if (change.kind === 'record' && change.collection === keyedBy) answers.delete(change.id);
    else answers.clear();
  });
  return {
    get: (id) => answers.get(id),
    set: (id, value) => void answers.set(id, value),
    shared<T>(make: () => T): () => T {
      let madeIn = -1;
      let value: T;
      return () => {
        if (madeIn !== generation) {
          value = make();
          madeIn = generation;
        }
        return value;
      };
    },
  };
}
