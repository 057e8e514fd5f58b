/**
 * The bound on what the mock accumulates (a test double, not for production): a day-long CI run issuing
 * tokens and registering codes must not grow the store without end. Issued access tokens, their refresh
 * tokens, codes and phone-number tokens made at run time are dropped once they have been expired for a
 * grace period.
 */
import { CODE_LIFETIME_SECONDS } from '../../src/operations/token/outcomes.js';
import type { Collection, MockStore, RecordOf } from './store.js';

/**
 * Assumed (Truecaller documents no refresh token lifetime): how long after its expiry an issued access
 * token is kept (answering 401 `expired`) and its refresh token still works: an hour, or the access token
 * lifetime if longer.
 */
export const ISSUED_TOKEN_GRACE_SECONDS = 3600;

/** The grace for a given access token lifetime. */
export function issuedTokenGraceMs(tokenLifetimeSeconds: number): number {
  return Math.max(ISSUED_TOKEN_GRACE_SECONDS, tokenLifetimeSeconds) * 1000;
}

/** The collections whose records expire. */
type Expiring = Extract<Collection, 'tokens' | 'refreshTokens' | 'codes' | 'phoneNumberTokens'>;

interface Entry {
  readonly collection: Expiring;
  readonly id: string;
  readonly dropAt: number;
}

/**
 * A min-heap of records by the time they may be dropped: O(log n) to schedule, and dropping what is due
 * costs O(log n) per record dropped. Records without `expiresAt` (built-in, configured, admin-added
 * tokens) never enter it.
 */
export class ExpiryQueue {
  readonly #store: MockStore;
  readonly #graceMs: Readonly<Record<Expiring, number>>;
  #heap: Entry[] = [];
  // The most entries the heap array held since it was last made to fit: an array keeps its capacity.
  #peak = 0;

  constructor(store: MockStore, tokenLifetimeSeconds: number) {
    this.#store = store;
    const tokenGrace = issuedTokenGraceMs(tokenLifetimeSeconds);
    // A used or expired code is kept one more lifetime, so a late second exchange still hears "expired".
    // A phone-number token past its expiry answers the documented 1404 for as long as an issued token answers 401.
    this.#graceMs = {
      tokens: tokenGrace,
      refreshTokens: 0,
      codes: CODE_LIFETIME_SECONDS * 1000,
      phoneNumberTokens: tokenGrace,
    };
    this.rebuild();
    store.onChange((change) => {
      if (change.kind === 'all') this.rebuild();
    });
  }

  /** How many records wait in the queue (for tests and the benchmark). */
  get length(): number {
    return this.#heap.length;
  }

  /** Notes a record that may expire; one without `expiresAt` is ignored. */
  schedule(collection: Expiring, record: RecordOf<Expiring>): void {
    const dropAt = this.#dropAt(collection, record);
    if (dropAt !== undefined) this.#push({ collection, id: record.id, dropAt });
  }

  /** Drops every record whose time has come; one changed since it was scheduled is scheduled anew. */
  dropDue(now: number): void {
    while (this.#heap.length > 0 && (this.#heap[0]?.dropAt ?? Infinity) <= now) {
      const entry = this.#pop();
      const current = this.#store.get(entry.collection, entry.id);
      if (current === undefined) continue;
      const dropAt = this.#dropAt(entry.collection, current);
      if (dropAt === undefined) continue;
      if (dropAt > now) this.#push({ ...entry, dropAt });
      else this.#store.delete(entry.collection, entry.id);
    }
    // After a burst, a heap a quarter of its peak is copied to fit, so the memory goes with the records.
    if (this.#heap.length * 4 < this.#peak) {
      this.#heap = this.#heap.slice();
      this.#peak = this.#heap.length;
    }
  }

  /** Schedules every expiring record of the store afresh (after a reset, a reload or loading `--db`). */
  rebuild(): void {
    this.#heap = [];
    this.#peak = 0;
    for (const collection of ['tokens', 'refreshTokens', 'codes', 'phoneNumberTokens'] as const) {
      for (const record of this.#store.values(collection)) this.schedule(collection, record);
    }
  }

  #dropAt(collection: Expiring, record: RecordOf<Expiring>): number | undefined {
    if (collection === 'codes' && (record as RecordOf<'codes'>).reusable === true) return undefined;
    const expiresAt = record.expiresAt;
    return expiresAt === undefined ? undefined : expiresAt + this.#graceMs[collection];
  }

  #push(entry: Entry): void {
    const heap = this.#heap;
    heap.push(entry);
    if (heap.length > this.#peak) this.#peak = heap.length;
    let at = heap.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if ((heap[parent] as Entry).dropAt <= entry.dropAt) break;
      heap[at] = heap[parent] as Entry;
      at = parent;
    }
    heap[at] = entry;
  }

  #pop(): Entry {
    const heap = this.#heap;
    const top = heap[0] as Entry;
    const last = heap.pop() as Entry;
    if (heap.length > 0) {
      let at = 0;
      for (;;) {
        const left = at * 2 + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child =
          right < heap.length && (heap[right] as Entry).dropAt < (heap[left] as Entry).dropAt ? right : left;
        if ((heap[child] as Entry).dropAt >= last.dropAt) break;
        heap[at] = heap[child] as Entry;
        at = child;
      }
      heap[at] = last;
    }
    return top;
  }
}
