/**
 * The bound on what the mock accumulates (a test double, not for production): a day-long CI run issuing
 * tokens and registering codes must not grow the store without end. Issued access tokens, their refresh
 * tokens, codes and phone-number tokens made at run time are dropped once they have been expired for a
 * grace period.
 */
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

/** A collection whose records expire: how long one is kept past its `expiresAt`, and which never go. */
export interface ExpiringCollection {
  readonly collection: Collection;
  readonly graceMs: number;
  /** True for a record that stays whatever its expiry says (a reusable code). */
  readonly keeps?: ((record: RecordOf<Collection>) => boolean) | undefined;
}

/** When a record of `expiring` may be dropped (its expiry plus the grace), or undefined if never. */
export function dropTime(
  expiring: ExpiringCollection | undefined,
  record: RecordOf<Collection>,
): number | undefined {
  if (expiring === undefined || expiring.keeps?.(record) === true) return undefined;
  const { expiresAt } = record as { expiresAt?: number };
  return expiresAt === undefined ? undefined : expiresAt + expiring.graceMs;
}

interface Entry {
  readonly collection: Collection;
  readonly id: string;
  readonly dropAt: number;
}

/**
 * A min-heap of records by the time they may be dropped: O(log n) to schedule, and dropping what is due
 * costs O(log n) per record dropped. Records without `expiresAt` (built-in, configured, admin-added
 * tokens) never enter it. It follows the store: every record set, whoever set it (the control plane, an
 * issue, another replica through a shared store), is scheduled by its expiry.
 */
export class ExpiryQueue {
  readonly #store: MockStore;
  readonly #expiring: ReadonlyMap<Collection, ExpiringCollection>;
  #heap: Entry[] = [];
  // The most entries the heap array held since it was last made to fit: an array keeps its capacity.
  #peak = 0;

  constructor(store: MockStore, expiring: readonly ExpiringCollection[]) {
    this.#store = store;
    this.#expiring = new Map(expiring.map((each) => [each.collection, each]));
    this.rebuild();
    store.onChange((change) => {
      if (change.kind === 'all') this.rebuild();
      else if (change.kind === 'record' && this.#expiring.has(change.collection)) {
        const record = store.get(change.collection, change.id);
        if (record !== undefined) this.schedule(change.collection, record);
      }
    });
  }

  /** How many records wait in the queue (for tests and the benchmark). */
  get length(): number {
    return this.#heap.length;
  }

  /** Notes a record that may expire; one without `expiresAt` is ignored. */
  schedule(collection: Collection, record: RecordOf<Collection>): void {
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
      else this.#store.delete(entry.collection, entry.id, 'expiry');
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
    for (const collection of this.#expiring.keys()) {
      for (const record of this.#store.values(collection)) this.schedule(collection, record);
    }
  }

  #dropAt(collection: Collection, record: RecordOf<Collection>): number | undefined {
    return dropTime(this.#expiring.get(collection), record);
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
