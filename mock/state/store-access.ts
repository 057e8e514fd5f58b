/**
 * An operation's window on the store (a test double, not for production): it reads only what it declared
 * and writes only what it declared, so what an answer depends on is known, and the engine can drop a
 * cached answer when, and only when, something it depends on changes. Reading or writing anything else
 * throws at once: a forgotten dependency fails the first test that reaches it.
 */
import type { Fault } from '../../src/faults.js';
import { type Collection, type MockStore, type RecordOf, type StateKey } from './store.js';

/** What an operation may read. */
export interface StoreReader {
  get<C extends Collection>(collection: C, id: string): RecordOf<C> | undefined;
  has(collection: Collection, id: string): boolean;
  values<C extends Collection>(collection: C): IterableIterator<RecordOf<C>>;
  /** The global fault. */
  readonly fault: Fault;
}

/** What an operation may read and change. */
export interface StoreAccess extends StoreReader {
  set<C extends Collection>(collection: C, record: RecordOf<C>): void;
  delete(collection: Collection, id: string): boolean;
}

/** What an operation declares of the store. */
export interface StoreNeeds {
  /** What its answers read; a change to any of these drops its cached answers. */
  readonly reads: readonly StateKey[];
  /** What its requests change (an issued token, a used code); empty for a read-only operation. */
  readonly writes?: readonly Collection[];
}

/** `store` as an operation called `name` may use it. */
export function storeAccess(store: MockStore, name: string, needs: StoreNeeds): StoreAccess {
  const reads: Readonly<Record<string, true>> = Object.fromEntries(needs.reads.map((key) => [key, true]));
  const writes: Readonly<Record<string, true>> = Object.fromEntries(
    (needs.writes ?? []).map((key) => [key, true]),
  );
  const undeclared = (what: 'read' | 'write', key: string): never => {
    throw new TypeError(
      `The operation "${name}" ${what}s ${key}, which it does not declare in its ${what}s: add it there, so the answers it caches follow that state.`,
    );
  };
  return {
    get(collection, id) {
      if (reads[collection] !== true) undeclared('read', collection);
      return store.get(collection, id);
    },
    has(collection, id) {
      if (reads[collection] !== true) undeclared('read', collection);
      return store.has(collection, id);
    },
    values(collection) {
      if (reads[collection] !== true) undeclared('read', collection);
      return store.values(collection);
    },
    get fault() {
      if (reads.fault !== true) undeclared('read', 'fault');
      return store.fault;
    },
    set(collection, record) {
      if (writes[collection] !== true) undeclared('write', collection);
      store.set(collection, record);
    },
    delete(collection, id) {
      if (writes[collection] !== true) undeclared('write', collection);
      return store.delete(collection, id);
    },
  };
}
