/**
 * A replica's local model of the shared state (a test double, not for production): its `MockStore`,
 * kept equal to what Redis holds. Redis numbers every change and publishes it on the change channel in
 * that order; the model applies them in order, so the answer caches, the expiry queue and the
 * control plane of every replica follow as they do in one process.
 *
 * The model also applies what this process's own writes got back (a claim won or lost, a record found
 * on a miss) at once, without waiting for the channel, and remembers the number of that change for its
 * key (a floor): an older change of the same key arriving later on the channel is not applied over it.
 * A gap in the numbers (a message missed while a connection was down) makes the model reload.
 */
import type { StoreData } from '../../src/wire-types.js';
import type { MockClock } from '../state/clock.js';
import type { Collection, MockStore, RecordOf } from '../state/store.js';
import {
  type ChangeItem,
  type ChangeMessage,
  CLOCK_ITEM,
  FAULT_ITEM,
  itemKey,
  RESET_ITEM,
} from './change-message.js';
import { TOMBSTONE } from './shared-keys.js';

type AnyRecord = RecordOf<Collection>;

/** What the model works on. */
export interface ReplicaModelContext {
  readonly store: MockStore;
  readonly clock: MockClock;
  /** When a record may be dropped on the mock's clock (its expiry plus its grace), or undefined. */
  readonly dropAt: (collection: Collection, record: AnyRecord) => number | undefined;
  /** A change named this key (a record's `collection\0id`, the fault): what a miss learnt of it is stale. */
  readonly changed: (key: string) => void;
  /** Everything may have changed (a reset, a reload). */
  readonly changedAll: () => void;
  /** Messages were missed: the model must be reloaded. */
  readonly missed: () => void;
}

/** The local model of one replica. */
export class ReplicaModel {
  readonly #context: ReplicaModelContext;
  readonly #collections: ReadonlySet<string>;
  #initial: StoreData;
  #initialIds = new Map<string, Map<string, AnyRecord>>();
  /** The number of the last change applied from the channel (or read by a reload). */
  #seq = 0;
  readonly #floors = new Map<string, number>();
  /** Messages below this number were overtaken by this process's own reset. */
  #resetAt = 0;
  /** While reloading: the messages that arrive meanwhile, applied after it. */
  #buffered: ChangeMessage[] | undefined;

  constructor(context: ReplicaModelContext, initial: StoreData) {
    this.#context = context;
    this.#collections = new Set(context.store.collections);
    this.#initial = initial;
    this.#index();
  }

  /** The number of the last change applied. */
  get seq(): number {
    return this.#seq;
  }

  /** The record of `collection` every replica starts with (built-in or configured), or undefined. */
  initialRecord(collection: Collection, id: string): AnyRecord | undefined {
    return this.#initialIds.get(collection)?.get(id);
  }

  /** What every replica starts with (a config reload changes it). */
  setInitial(initial: StoreData): void {
    this.#initial = initial;
    this.#index();
  }

  /** A copy of what every replica starts with. */
  initialData(): StoreData {
    return structuredClone(this.#initial);
  }

  /** Starts buffering the channel's messages: a reload is under way. */
  beginReload(): void {
    this.#buffered ??= [];
  }

  /**
   * Ends a reload: `data` (read after change `seq`) replaces the local store, then the messages that
   * arrived meanwhile are applied. Undefined `data`: the reload failed; messages apply as they come.
   */
  endReload(seq: number, data: StoreData | undefined, clockOffset: number): void {
    const buffered = this.#buffered ?? [];
    this.#buffered = undefined;
    if (data === undefined) return;
    this.#seq = seq;
    this.#floors.clear();
    this.#resetAt = 0;
    this.#context.store.replace(data, 'replica');
    this.#context.clock.follow(clockOffset);
    this.#context.changedAll();
    for (const message of buffered) this.receive(message);
  }

  /** A message of the change channel. */
  receive(message: ChangeMessage): void {
    if (this.#buffered !== undefined) {
      this.#buffered.push(message);
      return;
    }
    if (message.seq <= this.#seq) return;
    if (message.seq !== this.#seq + 1) {
      this.#context.missed();
      return;
    }
    this.#seq = message.seq;
    for (const item of message.items) {
      const key = itemKey(item);
      this.#context.changed(key);
      // This process applied a change of this key as Redis made it at `floor`: older news is not applied.
      const floor = this.#floors.get(key);
      if (floor !== undefined && floor <= message.seq) this.#floors.delete(key);
      if (floor !== undefined && floor >= message.seq) continue;
      if (message.seq < this.#resetAt && item.c !== CLOCK_ITEM) continue;
      this.#apply(item);
    }
  }

  /**
   * This process's own change, as Redis made it with number `seq`: applied now unless the channel has
   * already brought it (and maybe newer ones), and remembered so the channel does not apply it over newer.
   */
  applyOwn(seq: number, items: readonly ChangeItem[]): void {
    if (seq <= this.#seq) return;
    for (const item of items) {
      if (item.c === RESET_ITEM) this.#resetAt = Math.max(this.#resetAt, seq);
      else this.#floors.set(itemKey(item), Math.max(this.#floors.get(itemKey(item)) ?? 0, seq));
      this.#apply(item);
    }
  }

  /**
   * A record's value as Redis held it at change `seq` (`stored`: the text, `~`, or empty for an absent
   * key, which stands for the record replicas start with).
   */
  storedRecord(collection: Collection, id: string, stored: string): AnyRecord | undefined {
    if (stored === TOMBSTONE) return undefined;
    if (stored === '') return this.initialRecord(collection, id);
    return JSON.parse(stored) as AnyRecord;
  }

  /** Applies one item to the local store, as the replica that made it did. */
  #apply(item: ChangeItem): void {
    const { store } = this.#context;
    if ('i' in item) {
      if (!this.#collections.has(item.c)) return;
      const collection = item.c as Collection;
      const record = item.v as AnyRecord | null;
      if (record === null || this.#pastDrop(collection, record)) store.delete(collection, item.i, 'replica');
      else store.set(collection, record, 'replica');
    } else if (item.c === RESET_ITEM) {
      store.replace(this.initialData(), 'replica');
      this.#context.changedAll();
    } else if (item.c === FAULT_ITEM) store.setFault(item.v, 'replica');
    else this.#context.clock.follow(item.v);
  }

  /** Whether a record is past the time every replica drops it (a clock move can bring that time early). */
  #pastDrop(collection: Collection, record: AnyRecord): boolean {
    const dropAt = this.#context.dropAt(collection, record);
    return dropAt !== undefined && dropAt <= this.#context.clock.now();
  }

  /** Whether `record` should be held: not past its drop time. */
  keeps(collection: Collection, record: AnyRecord): boolean {
    return !this.#pastDrop(collection, record);
  }

  #index(): void {
    this.#initialIds = new Map();
    for (const collection of this.#context.store.collections) {
      const records = (this.#initial[collection] ?? []) as readonly AnyRecord[];
      this.#initialIds.set(collection, new Map(records.map((record) => [record.id, record])));
    }
  }
}
