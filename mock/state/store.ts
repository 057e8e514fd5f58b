/**
 * The mock's state (a test double, not for production): one map by id per collection (personas, and the
 * collections each operation declares: tokens, codes, clients, refresh tokens, phone-number tokens, ...)
 * and the global fault. It is changed only through its own methods: every record it holds is frozen, and
 * every change is announced to its listeners, which is how answer caches and the `--db` log keep up.
 * Every operation a request makes (a look-up, an issue, a revocation, an admin write) is O(1) in the
 * store's size; only listing and saving walk it.
 */
import type { JWK } from 'jose';
import type { Fault } from '../../src/faults.js';
import type { StoreData } from '../../src/wire-types.js';

/** The store's collections: every field of `StoreData` but the singular `fault`. */
export type Collection = Exclude<keyof StoreData, 'fault'>;

/** The record type of one collection. */
export type RecordOf<C extends Collection> = StoreData[C][number];

/**
 * The private keys the mock signs with, as JWKs, by what each signs (`id-token`, ...): part of the store,
 * so a `--db` file keeps them and a restarted mock signs with the same keys; never served.
 */
export type KeptKeys = Readonly<Record<string, JWK>>;

/** What a `--db` file holds: the store's data and the keys kept with it. */
export type SavedStore = StoreData & { readonly keys?: KeptKeys };

/** What an answer can depend on: a collection, or the global fault. */
export type StateKey = Collection | 'fault';

/**
 * Who made a change: this process (`write`: the control plane, a `register...` call, an operation's
 * claim, a reset), the store replicas share (`replica`: a change another process made, or this one's
 * claim as the shared store decided it), or the expiry queue (`expiry`: a record dropped past its
 * expiry, which every process drops for itself on the same clock). A shared store writes on only what
 * this process wrote.
 */
export type ChangeOrigin = 'write' | 'replica' | 'expiry';

/**
 * What changed: one record of a collection (by id), the global fault, or everything (a reset, a reload).
 * Caches built from the store listen and drop only what the change touches.
 */
export type StoreChange =
  | {
      readonly kind: 'record';
      readonly collection: Collection;
      readonly id: string;
      readonly origin: ChangeOrigin;
    }
  | { readonly kind: 'fault'; readonly origin: ChangeOrigin }
  | { readonly kind: 'key'; readonly purpose: string; readonly origin: ChangeOrigin }
  | { readonly kind: 'all'; readonly origin: ChangeOrigin };

/** Whether `change` can touch an answer made from `reads` (a kept key touches none: it is no record). */
export function changeTouches(change: StoreChange, reads: ReadonlySet<StateKey>): boolean {
  if (change.kind === 'all') return true;
  if (change.kind === 'key') return false;
  return reads.has(change.kind === 'fault' ? 'fault' : change.collection);
}

type AnyRecord = RecordOf<Collection>;

/** The live store. */
export class MockStore {
  /** The collections, in the order a saved store lists them. */
  readonly collections: readonly Collection[];
  #maps: Map<Collection, Map<string, AnyRecord>>;
  #fault: Fault;
  readonly #keys: Map<string, JWK>;
  readonly #listeners = new Set<(change: StoreChange) => void>();

  constructor(collections: readonly Collection[], data: StoreData, keys: KeptKeys = {}) {
    this.collections = Object.freeze([...collections]);
    this.#maps = this.#toMaps(data);
    this.#fault = deepFreeze(data.fault);
    this.#keys = new Map(Object.entries(keys).map(([purpose, jwk]) => [purpose, deepFreeze({ ...jwk })]));
  }

  /** The record of `collection` with this id, or undefined. */
  get<C extends Collection>(collection: C, id: string): RecordOf<C> | undefined {
    return this.#map(collection).get(id);
  }

  /** Whether `collection` has a record with this id. */
  has(collection: Collection, id: string): boolean {
    return this.#map(collection).has(id);
  }

  /** Adds a record, or replaces the one with its id (keeping its place in the listing); the record is frozen. */
  set<C extends Collection>(collection: C, record: RecordOf<C>, origin: ChangeOrigin = 'write'): void {
    this.#map(collection).set(record.id, deepFreeze(record));
    this.#emit({ kind: 'record', collection, id: record.id, origin });
  }

  /** Removes the record with this id; whether there was one. */
  delete(collection: Collection, id: string, origin: ChangeOrigin = 'write'): boolean {
    const had = this.#map(collection).delete(id);
    if (had) this.#emit({ kind: 'record', collection, id, origin });
    return had;
  }

  /** The records of `collection`, in the order they were added. */
  values<C extends Collection>(collection: C): IterableIterator<RecordOf<C>> {
    return this.#map(collection).values() as IterableIterator<RecordOf<C>>;
  }

  /** The ids of `collection`, in the order they were added. */
  ids(collection: Collection): string[] {
    return [...this.#map(collection).keys()];
  }

  /** How many records `collection` holds. */
  size(collection: Collection): number {
    return this.#map(collection).size;
  }

  /** The fault every answer gets unless its token or code has one; `{}` for none. */
  get fault(): Fault {
    return this.#fault;
  }

  set fault(fault: Fault) {
    this.setFault(fault);
  }

  /** Sets the global fault (what `fault = ...` does), saying who made the change. */
  setFault(fault: Fault, origin: ChangeOrigin = 'write'): void {
    this.#fault = deepFreeze(fault);
    this.#emit({ kind: 'fault', origin });
  }

  /** The private key kept for `purpose` (`id-token`, ...), or undefined. */
  key(purpose: string): JWK | undefined {
    return this.#keys.get(purpose);
  }

  /** Keeps a private key for `purpose`; a reset or a reloaded config keeps it too (it is not the tests' data). */
  setKey(purpose: string, jwk: JWK): void {
    this.#keys.set(purpose, deepFreeze({ ...jwk }));
    this.#emit({ kind: 'key', purpose, origin: 'write' });
  }

  /** Every kept key by purpose: what `--db` saves beside the data. */
  keys(): KeptKeys {
    return Object.fromEntries(this.#keys);
  }

  /** The whole store as plain arrays: what `--db` saves and `GET /__admin/db` shows (without the keys). */
  snapshot(): StoreData {
    const data: Record<string, unknown> = {};
    for (const collection of this.collections) data[collection] = [...this.#map(collection).values()];
    data.fault = this.#fault;
    return data as unknown as StoreData;
  }

  /** Swaps in new data (a reset or a reloaded config); the kept keys stay. */
  replace(data: StoreData, origin: ChangeOrigin = 'write'): void {
    this.#maps = this.#toMaps(data);
    this.#fault = deepFreeze(data.fault);
    this.#emit({ kind: 'all', origin });
  }

  /** Calls `listener` after every change; returns a function that stops it. */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #map(collection: Collection): Map<string, AnyRecord> {
    const map = this.#maps.get(collection);
    if (map === undefined) throw new TypeError(`The store has no collection "${String(collection)}".`);
    return map;
  }

  #emit(change: StoreChange): void {
    for (const listener of this.#listeners) listener(change);
  }

  #toMaps(data: StoreData): Map<Collection, Map<string, AnyRecord>> {
    const maps = new Map<Collection, Map<string, AnyRecord>>();
    for (const collection of this.collections) {
      const records = (data[collection] ?? []) as readonly AnyRecord[];
      maps.set(collection, new Map(records.map((record) => [record.id, deepFreeze(record)])));
    }
    return maps;
  }
}

/** `value` frozen all the way down: a record in the store cannot be changed behind its back. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.isFrozen(value) ? value : Object.freeze(value);
}
