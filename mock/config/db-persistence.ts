/**
 * `--db FILE` for a running mock (a test double, not for production). Every change of the store is
 * appended to the file's log as it happens (one write, before its answer goes out); an acknowledged
 * admin change is flushed to disk (`persist`) before its answer. The log is folded into the file when
 * it outgrows it, a piece at a time between requests, and at start and close: a change never rewrites
 * the whole store on the request path, and a crash loses nothing the mock answered.
 */
import { existsSync, rmSync, type Stats, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KitError } from '../../src/errors.js';
import type { StoreData } from '../../src/wire-types.js';
import type { MockStore } from '../state/store.js';
import { COLLECTIONS } from './built-ins.js';
import { loadDbFile, saveDbFile, saveDbFileInSteps } from './db-file.js';
import { lockDbFile } from './db-lock.js';
import { ChangeLog, logFiles, logLine, replayLogs } from './db-log.js';

/** The log is folded once it holds at least this much (or more than the file), so a small store is not rewritten often. */
const MIN_FOLD_BYTES = 1 << 20;

/** A `--db` file opened for one mock: what it held, and how to keep it up to date. */
export interface DbFile {
  /** The store the file and its logs held (unchecked), or undefined for a new file. */
  readonly saved: unknown;
  /** Starts keeping the file up to date with `store`; it is written now if new or if it had logs. */
  follow(store: MockStore): DbFollower;
  /** Lets go of the file without writing (a store that failed its checks). */
  release(): void;
}

/** Keeps a `--db` file up to date with a store. */
export interface DbFollower {
  /** Flushes every change so far to disk; throws a `KitError` when they could not be saved. */
  persist(): void;
  /** Folds the log into the file and lets go of it. */
  close(): void;
}

/**
 * The store `file` and its logs hold (unchecked), as the next start loads it; undefined without a file.
 * Logs without their file are left from a file deleted to start afresh: they are not read.
 */
export function readDbFile(file: string): unknown {
  const saved = loadDbFile(file);
  // A file of the wrong shape is handed on as it is, for the store's checks to name what is wrong.
  if (!hasLogs(file) || !isReplayable(saved)) return saved;
  const logs = logFiles(file);
  return replayLogs(saved, [logs.folding, logs.current]);
}

function isReplayable(saved: unknown): saved is StoreData {
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return false;
  return COLLECTIONS.every((collection) => {
    const records = (saved as Record<string, unknown>)[collection];
    return (
      records === undefined ||
      (Array.isArray(records) && records.every((record) => typeof record === 'object' && record !== null))
    );
  });
}

function hasLogs(file: string): boolean {
  const logs = logFiles(file);
  return existsSync(logs.current) || existsSync(logs.folding);
}

/** Opens `file` for this mock alone (a second mock on it gets a `KitError`) and reads the store it holds. */
export function openDbFile(file: string): DbFile {
  const folder = dirname(resolve(file));
  if (!isFolder(folder)) {
    throw new KitError(
      'ERR_DB_UNREADABLE',
      `The folder of the --db file ${file} does not exist (${folder}): create it first (mkdir -p ${folder}) or give another path.`,
    );
  }
  // Before the lock, which is a file beside it: a device or a folder is refused without writing next to it
  // (no /dev/zero.lock), and without reading a device that never ends up to the size limit.
  const existing = statSync(file, { throwIfNoEntry: false });
  if (existing !== undefined && !existing.isFile()) {
    throw new KitError(
      'ERR_DB_UNREADABLE',
      `Cannot read the --db file ${file}: it is ${kindOf(existing)}, not a file. Give --db the path of a JSON file (it is made if missing).`,
    );
  }
  const unlock = lockDbFile(file);
  const hadLogs = hasLogs(file);
  let saved: unknown;
  try {
    saved = readDbFile(file);
  } catch (error) {
    unlock();
    throw error;
  }
  // A new file is written at once; so is one with logs, folding them (a start may be O(n), a request not).
  const upToDate = saved !== undefined && !hadLogs;
  return {
    saved,
    release: unlock,
    follow: (store) => follow(file, store, unlock, upToDate),
  };
}

function follow(file: string, store: MockStore, unlock: () => void, upToDate: boolean): DbFollower {
  return new DbFollowing(file, store, unlock, upToDate);
}

/** A store followed into its `--db` file: every change appended to the log, the log folded in now and then. */
class DbFollowing implements DbFollower {
  readonly #file: string;
  readonly #store: MockStore;
  readonly #unlock: () => void;
  readonly #logs: ReturnType<typeof logFiles>;
  readonly #log: ChangeLog;
  readonly #stopListening: () => void;
  // Bumped by every save of the whole store at once: a fold begun before one must not replace it.
  #generation = 0;
  #fileBytes = 0;
  #foldAt = 0;
  #folding = false;
  #foldAgain = false;
  #closed = false;

  constructor(file: string, store: MockStore, unlock: () => void, upToDate: boolean) {
    this.#file = file;
    this.#store = store;
    this.#unlock = unlock;
    this.#logs = logFiles(file);
    this.#log = new ChangeLog(this.#logs.current);
    try {
      if (upToDate) {
        this.#fileBytes = statSync(file).size;
        this.#foldAt = this.#nextFold();
      } else this.#saveWhole();
    } catch (error) {
      unlock();
      throw error;
    }
    this.#stopListening = store.onChange((change) => {
      this.#log.append(logLine(store, change));
      if (this.#log.bytes >= this.#foldAt) this.#fold();
    });
  }

  persist(): void {
    try {
      this.#log.sync();
    } catch (error) {
      // The log failed (a full disk, a deleted folder): saving the whole store is the way left.
      try {
        this.#saveWhole();
      } catch {
        throw error;
      }
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopListening();
    try {
      if (hasLogs(this.#file)) this.#saveWhole();
    } catch {
      // The file and its logs still hold every change; the next start folds them.
    } finally {
      this.#log.close();
      this.#unlock();
    }
  }

  /** Writes the whole store now: every log is then obsolete. */
  #saveWhole(): void {
    this.#generation += 1;
    this.#fileBytes = saveDbFile(this.#file, this.#store);
    this.#log.discard();
    rmSync(this.#logs.folding, { force: true });
    this.#foldAt = this.#nextFold();
  }

  // Folding costs one write of the store: waiting until the log is as large keeps it O(1) per change.
  #nextFold(): number {
    return this.#log.bytes + Math.max(MIN_FOLD_BYTES, this.#fileBytes);
  }

  async #foldInSteps(): Promise<void> {
    const started = this.#generation;
    // The log so far goes aside for the new file to hold; a log a failed fold left there stays, and
    // the current one then goes on (both are replayed over the new file: a change applied twice is the same).
    if (!existsSync(this.#logs.folding)) this.#log.moveTo(this.#logs.folding);
    const bytes = await saveDbFileInSteps(
      this.#file,
      this.#store,
      () => !this.#closed && this.#generation === started,
    );
    if (bytes === undefined) return;
    this.#fileBytes = bytes;
    rmSync(this.#logs.folding, { force: true });
  }

  #fold(): void {
    if (this.#folding) {
      this.#foldAgain = true;
      return;
    }
    this.#folding = true;
    this.#foldInSteps()
      .catch(() => undefined) // the logs still hold every change: nothing is lost, and the fold is retried
      .finally(() => {
        this.#folding = false;
        this.#foldAt = this.#nextFold();
        if (this.#foldAgain && !this.#closed) {
          this.#foldAgain = false;
          this.#fold();
        }
      });
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a named pipe';
  return 'a socket';
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
