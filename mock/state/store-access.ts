/**
 * An operation's window on the store (a test double, not for production): it reads only what it declared
 * and writes only what it declared, so what an answer depends on is known, and the engine can drop a
 * cached answer when, and only when, something it depends on changes. Reading or writing anything else
 * throws at once: a forgotten dependency fails the first test that reaches it.
 *
 * Reads are the local store's (a map look-up). Writes are claims: all-or-none compare-and-set changes
 * decided by the store's authority, in memory for the embedded store, atomically in the shared store
 * when replicas share one (`--store`). So a code is used, a refresh token rotated and a token revoked
 * exactly once, however many processes answer, and an operation never knows which store it runs on.
 */
import { KitError } from '../../src/errors.js';
import type { Fault } from '../../src/faults.js';
import { type Collection, type MockStore, type RecordOf, type StateKey } from './store.js';

/**
 * One change of a claim: `collection`'s record must still be `expected` (undefined: there must be none
 * with `next`'s id), and becomes `next` (undefined: it is removed).
 */
export type Claim = {
  readonly [C in Collection]: {
    readonly collection: C;
    readonly expected: RecordOf<C> | undefined;
    readonly next: RecordOf<C> | undefined;
  };
}[Collection];

/** The id a claim is about. */
export function claimedId(claim: Claim): string {
  const record = claim.expected ?? claim.next;
  if (record === undefined) throw new TypeError('A claim needs the record expected, the next one, or both.');
  return record.id;
}

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
  /**
   * The record of a credential a request carries: the local store's, or, when it has none, the one the
   * shared store holds (made on another replica a moment ago); undefined at once when there is nothing
   * else to ask, as with the embedded store. A promise rejects with `StoreUnavailableError` when the
   * shared store cannot be reached.
   */
  lookup<C extends Collection>(
    collection: C,
    id: string,
  ): RecordOf<C> | undefined | Promise<RecordOf<C> | undefined>;
  /**
   * Makes every change of `claims` if every record is still as expected, else none: resolves whether
   * they were made (false: another request, here or on another replica, changed one first). Rejects
   * with `StoreUnavailableError` when the shared store cannot be reached (nothing was changed).
   */
  claim(claims: readonly Claim[]): Promise<boolean>;
}

/** Where the records of a store are decided: in memory, or in a store that replicas share. */
export interface StoreAuthority {
  /** Asked when the local store has no such record: the shared store's (a promise), or undefined at once. */
  miss(collection: Collection, id: string): Promise<RecordOf<Collection> | undefined> | undefined;
  /** Makes the changes of `claims` all or none (see `StoreAccess.claim`). */
  claim(claims: readonly Claim[]): Promise<boolean>;
}

/**
 * The shared store could not be reached, or failed a write: the request that needed it gets its
 * operation's documented 5xx, and the process goes on.
 */
export class StoreUnavailableError extends KitError {
  constructor(message: string, cause?: unknown) {
    super('ERR_STORE_UNAVAILABLE', message, cause === undefined ? undefined : { cause });
  }
}

/** Whether `error` is the shared store's being unreachable (not a bug of the mock). */
export function isStoreUnavailable(error: unknown): error is StoreUnavailableError {
  return error instanceof StoreUnavailableError;
}

/** The authority of a store nobody else shares: claims decided in memory, nothing to ask on a miss. */
export function embeddedAuthority(store: MockStore): StoreAuthority {
  return {
    miss: () => undefined,
    claim: (claims) => Promise.resolve(applyClaims(store, claims)),
  };
}

/**
 * Makes `claims` on `store` if every record is still the very one expected (records are frozen: one
 * read is one object), else nothing; whether they were made.
 */
export function applyClaims(store: MockStore, claims: readonly Claim[]): boolean {
  for (const claim of claims) {
    if (store.get(claim.collection, claimedId(claim)) !== claim.expected) return false;
  }
  for (const claim of claims) {
    if (claim.next === undefined) store.delete(claim.collection, claimedId(claim));
    else store.set(claim.collection, claim.next);
  }
  return true;
}

/** What an operation declares of the store. */
export interface StoreNeeds {
  /** What its answers read; a change to any of these drops its cached answers. */
  readonly reads: readonly StateKey[];
  /** What its requests change (an issued token, a used code); empty for a read-only operation. */
  readonly writes?: readonly Collection[];
}

/** `store` as an operation called `name` may use it, its changes decided by `authority`. */
export function storeAccess(
  store: MockStore,
  authority: StoreAuthority,
  name: string,
  needs: StoreNeeds,
): StoreAccess {
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
    lookup<C extends Collection>(collection: C, id: string) {
      if (reads[collection] !== true) undeclared('read', collection);
      return store.get(collection, id) ?? authority.miss(collection, id);
    },
    claim(claims) {
      for (const { collection } of claims) if (writes[collection] !== true) undeclared('write', collection);
      return authority.claim(claims);
    },
  };
}
