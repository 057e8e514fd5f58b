/**
 * The store replicas share (a test double, not for production): `--store redis://host:port/db`. Redis
 * holds everything made or changed at run time; each replica keeps its `MockStore` as a local model of
 * it, so `GET /v1/userinfo` stays a local map look-up (built-in and configured tokens never need Redis).
 *
 * - An operation's claims (a code used, a refresh token rotated, a revocation, the tokens issued) are
 *   decided by one Lua script in Redis, all or none, before the request is answered.
 * - A change made through this process's control plane or controls (`registerToken`, a fault, a clock
 *   move, a reset) is applied here at once and written to Redis behind it, in order; the control plane
 *   answers once it is written (`synced`).
 * - Every change is published; every replica applies it to its model (see replica-model.ts).
 * - A credential this process does not hold is asked of Redis once before it is called unknown (see
 *   miss-lookups.ts), so a token issued on one replica answers on another before the news arrives.
 * - Expiry: records carry a Redis TTL of the time left before they are dropped on the mock's clock when
 *   written. The clock only moves forward, so a move makes a record due earlier: every replica then
 *   treats it as gone (its own expiry queue drops it, and a late read of it is ignored), and Redis frees
 *   it at the latest when its TTL runs out.
 */
import type { JWK } from 'jose';
import type { StoreData } from '../../src/wire-types.js';
import type { MockClock } from '../state/clock.js';
import { loadJose } from '../state/signing-key.js';
import { type Claim, claimedId, StoreUnavailableError, type StoreAuthority } from '../state/store-access.js';
import type { Collection, MockStore, RecordOf, StoreChange } from '../state/store.js';
import {
  type ChangeItem,
  faultItem,
  FAULT_ITEM,
  readChangeMessage,
  recordItem,
  RESET_ITEM,
  CLOCK_ITEM,
} from './change-message.js';
import { MissLookups } from './miss-lookups.js';
import { RedisLink } from './redis-link.js';
import { ReplicaModel } from './replica-model.js';
import { CHANGE_SCRIPT, CLOCK_SCRIPT, LOOKUP_SCRIPT, RESET_SCRIPT } from './scripts.js';
import { sharedKeys, type SharedKeys, TOMBSTONE } from './shared-keys.js';
import type { SharedStoreSettings } from './store-option.js';
import { readStoredState } from './stored-state.js';

type AnyRecord = RecordOf<Collection>;

/** What a shared store is opened with. */
export interface SharedStoreOptions {
  readonly settings: SharedStoreSettings;
  /** The local model (holding what every replica starts with until `open` reads Redis). */
  readonly store: MockStore;
  readonly clock: MockClock;
  /** What every replica starts with: the built-ins, the config, the options' fault. */
  readonly initial: StoreData;
  /** When a record may be dropped on the mock's clock (its expiry plus its grace), or undefined. */
  readonly dropAt: (collection: Collection, record: AnyRecord) => number | undefined;
  /** Whether ID tokens are signed with a generated key (on, and no config key): it is then shared too. */
  readonly sharesSigningKey: boolean;
}

/** One change of a script call: its key, what it expects, its next value and what the channel says. */
interface ScriptChange {
  readonly key: string;
  /** `*`: any; empty: none; else the stored text expected. */
  readonly expected: string;
  /** The text an absent key stands for (the record every replica starts with), or empty. */
  readonly absent: string;
  /** The next stored text (`~` for a deleted record replicas start with); empty: delete the key. */
  readonly value: string;
  readonly ttl: string;
  /** The item the channel carries (JSON), and the same as applied here. */
  readonly item: string;
  readonly local: ChangeItem;
}

/** What the change script answers: `[seq]` when made, `[0, seq, index, stored]` when an expectation failed. */
type ChangeReply = [number, number, number, string];

/** A shared store: its authority for the operations, and how the engine drives it. */
export class SharedStore {
  readonly link: RedisLink;
  readonly keys: SharedKeys;
  readonly authority: StoreAuthority;
  readonly #options: SharedStoreOptions;
  readonly #model: ReplicaModel;
  readonly #lookups: MissLookups<AnyRecord>;
  /** The last write behind a local change: writes go in order (from `open` on), and claims wait for them. */
  #writes: Promise<void>;
  #startWriting: () => void = () => undefined;
  #opening: Promise<void> | undefined;
  #failed: StoreUnavailableError | undefined;
  #signingKey: JWK | undefined;
  #reloading: Promise<void> | undefined;
  #closed = false;

  constructor(options: SharedStoreOptions) {
    this.#options = options;
    this.link = new RedisLink(options.settings);
    this.keys = sharedKeys(options.settings.prefix);
    this.#lookups = new MissLookups((key) => this.#fetch(key));
    this.#model = new ReplicaModel(
      {
        store: options.store,
        clock: options.clock,
        dropAt: options.dropAt,
        changed: (key) => this.#lookups.forget(key),
        changedAll: () => this.#lookups.forgetAll(),
        missed: () => this.#reloadInBackground(),
      },
      options.initial,
    );
    this.authority = {
      miss: (collection, id) => this.#lookups.find(`${collection}\u0000${id}`),
      claim: (claims) => this.#claim(claims),
    };
    // Changes made before `open` (a control called before the first request) are written once it is done.
    this.#writes = new Promise((resolve) => {
      this.#startWriting = resolve;
    });
    options.store.onChange((change) => this.#writeBehind(change));
    options.clock.onAdvance((ms) => this.#behind(() => this.#advanceClock(ms)));
  }

  /** The private JWK ID tokens are signed with when no config gives one (read or made by `open`). */
  get signingKey(): JWK | undefined {
    return this.#signingKey;
  }

  /**
   * Connects, subscribes to the change channel, reads the shared state into the local model, then writes
   * the changes made here meanwhile; once, however often it is called. Rejects with a one-line
   * `StoreUnavailableError` when Redis cannot be reached.
   */
  ready(): Promise<void> {
    this.#opening ??= this.#open();
    return this.#opening;
  }

  async #open(): Promise<void> {
    const { link, keys } = this;
    try {
      await link.open();
      await link.subscribe(keys.changes, (message) => {
        const read = readChangeMessage(message);
        if (read !== undefined) this.#model.receive(read);
      });
      link.onRestored(() => this.#reloadInBackground());
      await this.#reload();
      if (this.#options.sharesSigningKey) this.#signingKey = await this.#sharedSigningKey();
    } finally {
      this.#startWriting();
    }
    // The changes made before: in Redis, and back here over what the reload read, before the first answer.
    await this.#writes;
  }

  /**
   * Resolves once every change this process made so far is in Redis; rejects with the store's error if
   * one could not be written since the last call (it is then undone here when Redis is back).
   */
  async synced(): Promise<void> {
    await this.#writes;
    const failed = this.#failed;
    this.#failed = undefined;
    if (failed !== undefined) throw failed;
  }

  /** The config changed: what every replica starts with is new; Redis's records are laid over it again. */
  rebuild(initial: StoreData): Promise<void> {
    this.#model.setInitial(initial);
    return this.#reload();
  }

  /** What every replica starts with, a copy (a reset restores it here at once). */
  initialData(): StoreData {
    return this.#model.initialData();
  }

  /** Writes what is pending, then closes the connections. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Never opened (a server never started): the writes queued meanwhile fail, and nothing waits for them.
    if (this.#opening === undefined) this.#startWriting();
    await this.#writes;
    await this.link.close();
  }

  /** The changes of a local write (origin `write`), written to Redis behind it, in order. */
  #writeBehind(change: StoreChange): void {
    // A kept key (`--db`'s) stays with its process: the ID token's key is shared as `signingKey`.
    if (change.origin !== 'write' || change.kind === 'key' || this.#closed) return;
    if (change.kind === 'all') {
      this.#behind(() => this.#resetShared());
      return;
    }
    const changed =
      change.kind === 'fault' ? this.#faultChange() : this.#recordChange(change.collection, change.id);
    this.#behind(async () => {
      const [seq] = await this.#run([changed]);
      if (seq !== 0) this.#model.applyOwn(seq, [changed.local]);
    });
  }

  /** Queues `write` after the writes before it; a failure is kept for `synced`. */
  #behind(write: () => Promise<void>): void {
    this.#writes = this.#writes.then(write).catch((error: unknown) => {
      this.#failed ??=
        error instanceof StoreUnavailableError ? error : new StoreUnavailableError(String(error), error);
    });
  }

  async #claim(claims: readonly Claim[]): Promise<boolean> {
    // A record this process wrote a moment ago must be in Redis before a claim compares against it.
    await this.#writes;
    const changes = claims.map((claim) => this.#claimChange(claim));
    const [won, seq, index, stored] = await this.#run(changes);
    if (won !== 0) {
      this.#model.applyOwn(
        won,
        changes.map((change) => change.local),
      );
      return true;
    }
    // Lost: another request changed one first. What Redis holds now is applied here, so this replica knows.
    const claim = claims[index - 1] as Claim;
    const id = claimedId(claim);
    const current = this.#model.storedRecord(claim.collection, id, stored);
    this.#model.applyOwn(seq, [
      { c: claim.collection, i: id, v: (current ?? null) as Record<string, unknown> | null },
    ]);
    return false;
  }

  #claimChange(claim: Claim): ScriptChange {
    const id = claimedId(claim);
    const initial = this.#model.initialRecord(claim.collection, id);
    const value =
      claim.next === undefined ? (initial === undefined ? '' : TOMBSTONE) : JSON.stringify(claim.next);
    return {
      key: this.keys.record(claim.collection, id),
      expected: claim.expected === undefined ? '' : JSON.stringify(claim.expected),
      absent: initial === undefined ? '' : JSON.stringify(initial),
      value,
      ttl: claim.next === undefined ? '' : this.#ttl(claim.collection, claim.next),
      item: recordItem(claim.collection, id, value),
      local: { c: claim.collection, i: id, v: (claim.next ?? null) as Record<string, unknown> | null },
    };
  }

  #recordChange(collection: Collection, id: string): ScriptChange {
    const record = this.#options.store.get(collection, id);
    const initial = this.#model.initialRecord(collection, id);
    const value = record === undefined ? (initial === undefined ? '' : TOMBSTONE) : JSON.stringify(record);
    return {
      key: this.keys.record(collection, id),
      expected: '*',
      absent: '',
      value,
      ttl: record === undefined ? '' : this.#ttl(collection, record),
      item: recordItem(collection, id, value),
      local: { c: collection, i: id, v: (record ?? null) as Record<string, unknown> | null },
    };
  }

  #faultChange(): ScriptChange {
    const { fault } = this.#options.store;
    const value = JSON.stringify(fault);
    return {
      key: this.keys.fault,
      expected: '*',
      absent: '',
      value,
      ttl: '',
      item: faultItem(value),
      local: { c: FAULT_ITEM, v: fault as Record<string, unknown> },
    };
  }

  /** A record's TTL in Redis: the time left before it is dropped on the mock's clock (empty: none). */
  #ttl(collection: Collection, record: AnyRecord): string {
    const dropAt = this.#options.dropAt(collection, record);
    if (dropAt === undefined) return '';
    return String(Math.max(1, Math.ceil(dropAt - this.#options.clock.now())));
  }

  /** Runs the change script: `[seq]`, or `[0, seq, index, stored]` when an expectation failed. */
  #run(changes: readonly ScriptChange[]): Promise<ChangeReply> {
    const { keys } = this;
    return this.link.script<ChangeReply>(
      CHANGE_SCRIPT,
      [keys.seq, ...changes.map((change) => change.key)],
      [
        keys.changes,
        `[${changes.map((change) => change.item).join(',')}]`,
        ...changes.flatMap((change) => [change.expected, change.absent, change.value, change.ttl]),
      ],
    );
  }

  async #resetShared(): Promise<void> {
    const { keys } = this;
    const [seq] = await this.link.script<[number]>(
      RESET_SCRIPT,
      [keys.seq, keys.fault],
      [keys.changes, keys.records],
    );
    this.#model.applyOwn(seq, [{ c: RESET_ITEM }]);
  }

  async #advanceClock(ms: number): Promise<void> {
    const { keys } = this;
    const [seq, offset] = await this.link.script<[number, string]>(
      CLOCK_SCRIPT,
      [keys.seq, keys.clock],
      [keys.changes, String(ms)],
    );
    this.#model.applyOwn(seq, [{ c: CLOCK_ITEM, v: Number(offset) }]);
  }

  /** A record this process does not hold, as Redis holds it; applied here when found. */
  async #fetch(key: string): Promise<AnyRecord | undefined> {
    const at = key.indexOf('\u0000');
    const collection = key.slice(0, at) as Collection;
    const id = key.slice(at + 1);
    const [stored, seq] = await this.link.script<[string, string]>(
      LOOKUP_SCRIPT,
      [this.keys.record(collection, id), this.keys.seq],
      [],
    );
    const record = stored === '' ? undefined : this.#model.storedRecord(collection, id, stored);
    if (record !== undefined && this.#model.keeps(collection, record))
      this.#model.applyOwn(Number(seq), [
        { c: collection, i: id, v: record as unknown as Record<string, unknown> },
      ]);
    // What the model holds now: the record found, or a newer state the channel brought meanwhile.
    return this.#options.store.get(collection, id);
  }

  /**
   * Reloads without anyone waiting (a lost connection is back, messages were missed); while Redis is away
   * it tries again every half second.
   */
  #reloadInBackground(): void {
    this.#reload().catch(() => {
      if (this.#closed) return;
      setTimeout(() => {
        if (!this.#closed && this.link.up) this.#reloadInBackground();
      }, 500).unref();
    });
  }

  /** Reads the shared state into the local model (at start, after a lost connection, after a gap). */
  #reload(): Promise<void> {
    this.#reloading ??= this.#readIntoModel().finally(() => {
      this.#reloading = undefined;
    });
    return this.#reloading;
  }

  async #readIntoModel(): Promise<void> {
    this.#model.beginReload();
    try {
      const state = await readStoredState({
        link: this.link,
        keys: this.keys,
        collections: this.#options.store.collections,
        initial: this.#model.initialData(),
        keeps: (collection, record) => this.#model.keeps(collection, record),
      });
      this.#model.endReload(state.seq, state.data, state.clockOffset);
    } catch (error) {
      this.#model.endReload(0, undefined, 0);
      throw error;
    }
  }

  /** The signing key every replica uses: the one in Redis, or one made here and stored if none is. */
  async #sharedSigningKey(): Promise<JWK> {
    const stored = await this.link.send<string | null>(['GET', this.keys.signingKey]);
    if (stored !== null) return JSON.parse(stored) as JWK;
    const { generateKeyPair, exportJWK } = await loadJose();
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const made = JSON.stringify(await exportJWK(privateKey));
    // Two replicas starting together: the first to store its key wins, the other takes it.
    await this.link.send(['SET', this.keys.signingKey, made, 'NX']);
    return JSON.parse((await this.link.send<string | null>(['GET', this.keys.signingKey])) ?? made) as JWK;
  }
}
