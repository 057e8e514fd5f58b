/**
 * What the control plane reads of the request journal (a test double, not for production): this
 * process's journal, or, when replicas share a store, every replica's requests as Redis gathers them.
 * `GET /__admin/requests` and the dashboard read through it, so they show the same on every replica.
 */
import type { JournalEntry } from '../../src/wire-types.js';
import type { JournalFilter, RequestJournal } from './journal.js';

/** The journal's bounds and position, as `GET /__admin/requests` answers them beside its entries. */
export interface JournalFigures {
  /** How many entries it keeps. */
  readonly capacity: number;
  /** How many bytes its entries may hold. */
  readonly maxBytes: number;
  /** The bytes its entries hold now, as it counts them. */
  readonly bytes: number;
  /** The `seq` of the newest entry ever recorded (0 before the first). */
  readonly lastSeq: number;
  /** The `seq` of the oldest entry held; `lastSeq + 1` when empty. */
  readonly oldestSeq: number;
}

/** A journal as the control plane reads it. */
export interface JournalReader {
  /** The entries, oldest first, that match `filter`. */
  entries(filter: JournalFilter): Promise<JournalEntry[]>;
  figures(): Promise<JournalFigures>;
  /** Resolves true when an entry is recorded or the journal cleared; false after `timeoutMs` or at close. */
  changed(timeoutMs: number): Promise<boolean>;
  /** Forgets every entry; `seq` goes on counting. */
  clear(): Promise<void>;
}

/** This process's journal as the control plane reads it. */
export function localJournalReader(journal: RequestJournal): JournalReader {
  return {
    entries: (filter) => Promise.resolve(journal.entries(filter)),
    figures: () =>
      Promise.resolve({
        capacity: journal.size,
        maxBytes: journal.maxBytes,
        bytes: journal.bytes,
        lastSeq: journal.lastSeq,
        oldestSeq: journal.oldestSeq,
      }),
    changed: (timeoutMs) => journal.changed(timeoutMs),
    clear: () => {
      journal.clear();
      return Promise.resolve();
    },
  };
}
