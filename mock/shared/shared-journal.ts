/**
 * Every replica's requests in one journal (a test double, not for production). Each replica records its
 * requests in its own journal as before (nothing more on the request path); every `SHIP_INTERVAL_MS` a
 * timer sends what is new to Redis in one script call, which numbers the entries in the order they arrive
 * and keeps the newest within the journal's size and bytes. The control plane of any replica reads that
 * journal, and a reader waiting for what is new is woken by the journal's channel.
 *
 * A replica ships at most its journal's size of entries a second (a burst of that many at once): every
 * request of a functional suite, and under a load test the newest of each tick. Shipping each of 60,000
 * requests a second would cost the replica a fifth of its time and Redis more, for a journal that keeps
 * only the newest 1000 anyway.
 */
import type { JournalEntry } from '../../src/wire-types.js';
import type { JournalFilter, RequestJournal } from '../state/journal.js';
import { ChangeWaiters } from '../state/change-waiters.js';
import { MAX_JOURNAL_READERS } from '../state/journal.js';
import type { JournalFigures, JournalReader } from '../state/journal-reader.js';
import type { RedisLink } from './redis-link.js';
import { JOURNAL_APPEND_SCRIPT, JOURNAL_CLEAR_SCRIPT, JOURNAL_FIGURES_SCRIPT } from './scripts.js';
import type { SharedKeys } from './shared-keys.js';

/** How often a replica sends its new requests to the shared journal. */
export const SHIP_INTERVAL_MS = 100;

/** One replica's part of the shared journal: it ships its requests, and reads everyone's. */
export class SharedJournal implements JournalReader {
  readonly #link: RedisLink;
  readonly #keys: SharedKeys;
  readonly #journal: RequestJournal;
  readonly #waiters = new ChangeWaiters(MAX_JOURNAL_READERS);
  #shipped = 0;
  /** Entries this replica may still ship now: refilled at the journal's size a second, up to it. */
  #budget: number;
  #refilledAt = performance.now();
  #shipping: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(link: RedisLink, keys: SharedKeys, journal: RequestJournal) {
    this.#link = link;
    this.#keys = keys;
    this.#journal = journal;
    this.#budget = journal.size;
  }

  /** Listens for what other replicas ship, and starts shipping this one's requests. */
  async start(): Promise<void> {
    await this.#link.subscribe(this.#keys.journalEvents, (event) => {
      // A clear anywhere clears this replica's own journal too: what it has not shipped is not sent later.
      if (event === 'clear') {
        this.#journal.clear();
        this.#shipped = this.#journal.lastSeq;
      }
      this.#waiters.wake(true);
    });
    // A failed send (Redis away) is tried again at the next tick: the entries stay in this replica's journal.
    this.#timer = setInterval(() => void this.ship().catch(() => undefined), SHIP_INTERVAL_MS);
    this.#timer.unref();
  }

  /** Sends this replica's requests not sent yet (the newest its budget allows); failures are retried. */
  ship(): Promise<void> {
    this.#shipping ??= this.#send().finally(() => {
      this.#shipping = undefined;
    });
    return this.#shipping;
  }

  async entries(filter: JournalFilter): Promise<JournalEntry[]> {
    const after = filter.after ?? 0;
    const texts = await this.#link.send<string[]>([
      'ZRANGE',
      this.#keys.journal,
      `(${after}`,
      '+inf',
      'BYSCORE',
    ]);
    return texts
      .map((text) => JSON.parse(text) as JournalEntry)
      .filter(
        (entry) =>
          (filter.path === undefined || entry.path === filter.path) &&
          (filter.token === undefined || entry.token === filter.token),
      );
  }

  async figures(): Promise<JournalFigures> {
    const keys = this.#keys;
    const [count, bytes, last, oldest] = await this.#link.script<[number, string, string, string]>(
      JOURNAL_FIGURES_SCRIPT,
      [keys.journal, keys.journalSeq, keys.journalBytes],
      [],
    );
    const lastSeq = Number(last);
    return {
      capacity: this.#journal.size,
      maxBytes: this.#journal.maxBytes,
      bytes: Number(bytes),
      lastSeq,
      oldestSeq: count === 0 || oldest === '' ? lastSeq + 1 : Number(oldest),
    };
  }

  changed(timeoutMs: number): Promise<boolean> {
    return this.#waiters.wait(timeoutMs);
  }

  async clear(): Promise<void> {
    const keys = this.#keys;
    this.#journal.clear();
    this.#shipped = this.#journal.lastSeq;
    await this.#link.script(JOURNAL_CLEAR_SCRIPT, [keys.journal, keys.journalBytes, keys.journalEvents], []);
  }

  /** Ships what is left and ends every wait. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    await this.ship().catch(() => undefined);
    this.#waiters.close();
  }

  async #send(): Promise<void> {
    const journal = this.#journal;
    const now = performance.now();
    this.#budget = Math.min(journal.size, this.#budget + (journal.size * (now - this.#refilledAt)) / 1000);
    this.#refilledAt = now;
    const allowed = Math.floor(this.#budget);
    if (journal.lastSeq <= this.#shipped || !this.#link.up || allowed === 0) return;
    // Only the newest the budget allows: under load, older ones would soon be dropped anyway.
    const fresh = journal.entries({ after: Math.max(this.#shipped, journal.lastSeq - allowed) });
    const last = fresh.at(-1)?.seq ?? journal.lastSeq;
    const texts = fresh.map(({ seq: _seq, ...entry }) => JSON.stringify(entry));
    const keys = this.#keys;
    this.#budget -= texts.length;
    if (texts.length > 0) {
      await this.#link.script(
        JOURNAL_APPEND_SCRIPT,
        [keys.journal, keys.journalSeq, keys.journalBytes, keys.journalEvents],
        [String(journal.size), String(journal.maxBytes), ...texts],
      );
    }
    this.#shipped = Math.max(this.#shipped, last);
  }
}
