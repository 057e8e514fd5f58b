/**
 * The change log of a `--db` file (a test double, not for production): one JSON line per change of the
 * store, appended as it happens, so a change costs a small write instead of rewriting the whole file.
 * The file with its logs replayed in order is the store; folding the logs into the file is a compaction.
 */
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fstatSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { KitError } from '../../src/errors.js';
import type { Fault } from '../../src/faults.js';
import type { StoreData } from '../../src/wire-types.js';
import type { JWK } from 'jose';
import type { Collection, MockStore, RecordOf, SavedStore, StoreChange } from '../state/store.js';
import { COLLECTIONS } from './built-ins.js';
import { DB_FILE_LIMIT } from './db-file.js';
import { describeReadProblem, LOG_TEXT, readFileBounded } from './read-file-bounded.js';
import { printable } from '../http/printable.js';

/** One change, as a line of the log holds it. */
export type LogEntry =
  | { readonly op: 'set'; readonly collection: Collection; readonly record: RecordOf<Collection> }
  | { readonly op: 'delete'; readonly collection: Collection; readonly id: string }
  | { readonly op: 'fault'; readonly fault: Fault }
  | { readonly op: 'key'; readonly purpose: string; readonly jwk: JWK }
  | { readonly op: 'replace'; readonly data: StoreData };

/**
 * The logs of a `--db` file: `current` takes the appends; `folding` is the one a compaction set aside
 * (it exists while a compaction runs, or after one failed). Replayed oldest first: folding, current.
 */
export function logFiles(file: string): { readonly current: string; readonly folding: string } {
  return { current: `${file}.wal`, folding: `${file}.wal.folding` };
}

/** The log line (newline included) of a change `store` just made. */
export function logLine(store: MockStore, change: StoreChange): string {
  let entry: LogEntry;
  if (change.kind === 'record') {
    const record = store.get(change.collection, change.id);
    entry =
      record === undefined
        ? { op: 'delete', collection: change.collection, id: change.id }
        : { op: 'set', collection: change.collection, record };
  } else if (change.kind === 'fault') entry = { op: 'fault', fault: store.fault };
  else if (change.kind === 'key') {
    const jwk = store.key(change.purpose);
    if (jwk === undefined) throw new TypeError(`No key kept for ${change.purpose}.`);
    entry = { op: 'key', purpose: change.purpose, jwk };
  } else entry = { op: 'replace', data: store.snapshot() };
  return `${JSON.stringify(entry)}\n`;
}

/**
 * An append-only log file, opened on the first append. Each line is written whole by one write(2): once
 * `append` returns, the line is the kernel's and outlives the process (a SIGKILL); `sync` makes every
 * line so far outlive the machine too. After a failed append it appends nothing more (a torn line must
 * stay the last one) and `sync` throws, until the log is moved aside.
 */
export class ChangeLog {
  readonly path: string;
  #descriptor: number | undefined;
  #failure: KitError | undefined;
  /** Bytes appended since it was opened or moved aside. */
  bytes = 0;

  constructor(path: string) {
    this.path = path;
  }

  append(line: string): void {
    if (this.#failure !== undefined) return;
    try {
      this.#descriptor ??= openSync(this.path, 'a', 0o600);
      writeSync(this.#descriptor, line);
      this.bytes += line.length;
    } catch (cause) {
      this.#failure = new KitError(
        'ERR_OUTPUT_UNWRITABLE',
        `Cannot append to the --db log ${this.path} (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`,
        { cause },
      );
    }
  }

  /** Flushes every appended line to the disk; throws when one was not written, or the file is gone. */
  sync(): void {
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#descriptor === undefined) return;
    try {
      // A log whose file was deleted (its folder removed) takes appends that reach no file.
      if (fstatSync(this.#descriptor).nlink === 0) throw new Error('the file was deleted');
      fdatasyncSync(this.#descriptor);
    } catch (cause) {
      this.#failure = new KitError(
        'ERR_OUTPUT_UNWRITABLE',
        `Cannot save to the --db log ${this.path}: ${(cause as Error).message}`,
        { cause },
      );
      throw this.#failure;
    }
  }

  /**
   * Flushes the file to disk, closes it and renames it to `target` (when it exists); the next append
   * starts a new one. Flushed first: a change appended but not yet acknowledged is acknowledged by a
   * `sync` after this, which then has no file left to flush.
   */
  moveTo(target: string): void {
    if (this.#descriptor !== undefined) fdatasyncSync(this.#descriptor);
    this.close();
    if (existsSync(this.path)) renameSync(this.path, target);
    this.#restart();
  }

  /** Closes and deletes the file (the store was saved whole); the next append starts a new one. */
  discard(): void {
    this.close();
    rmSync(this.path, { force: true });
    this.#restart();
  }

  #restart(): void {
    this.bytes = 0;
    this.#failure = undefined;
  }

  close(): void {
    if (this.#descriptor !== undefined) closeSync(this.#descriptor);
    this.#descriptor = undefined;
  }
}

/**
 * Replays the log files that exist, in order, over `data` (as a store would apply the changes). A last
 * line without its newline is a write the process died in, never acknowledged: it is skipped. Any other
 * line that is not a change is an error naming the file and line.
 */
export function replayLogs(data: SavedStore, files: readonly string[]): SavedStore {
  const maps = new Map<string, Map<string, RecordOf<Collection>>>();
  const mapsOf = (source: StoreData): void => {
    maps.clear();
    for (const collection of COLLECTIONS) {
      const records = (source[collection] ?? []) as RecordOf<Collection>[];
      maps.set(collection, new Map(records.map((record) => [(record as { id: string }).id, record])));
    }
  };
  mapsOf(data);
  let fault = data.fault;
  // A reset keeps the keys, as the store does: only a key line changes them.
  const keys: Record<string, JWK> = isPlainObject(data.keys) ? { ...data.keys } : {};
  for (const file of files) {
    if (!existsSync(file)) continue;
    const read = readFileBounded(file, DB_FILE_LIMIT, LOG_TEXT);
    if (!read.ok) {
      const cause = read.kind === 'other' ? read.cause : undefined;
      throw new KitError(
        'ERR_DB_UNREADABLE',
        `Cannot read the --db log ${file}: ${describeReadProblem(read, DB_FILE_LIMIT)}.`,
        { cause },
      );
    }
    const lines = read.text.split('\n');
    const complete = lines.length - 1; // the text after the last newline: empty, or a torn line
    for (let index = 0; index < complete; index++) {
      const entry = parseEntry(lines[index] ?? '', file, index + 1);
      if (entry.op === 'replace') {
        mapsOf(entry.data);
        fault = entry.data.fault;
      } else if (entry.op === 'fault') fault = entry.fault;
      else if (entry.op === 'key') keys[entry.purpose] = entry.jwk;
      else if (entry.op === 'set') maps.get(entry.collection)?.set(entry.record.id, entry.record);
      else maps.get(entry.collection)?.delete(entry.id);
    }
  }
  const replayed = { fault } as StoreData;
  for (const collection of COLLECTIONS)
    (replayed as unknown as Record<string, unknown[]>)[collection] = [
      ...(maps.get(collection)?.values() ?? []),
    ];
  return Object.keys(keys).length === 0 && data.keys === undefined ? replayed : { ...replayed, keys };
}

function isPlainObject(value: unknown): value is Record<string, JWK> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseEntry(line: string, file: string, number: number): LogEntry {
  const fail = (why: string): never => {
    throw new KitError(
      'ERR_DB_UNREADABLE',
      `Line ${number} of the --db log ${file} ${why}. Delete the log to lose the changes since the last save, or fix the line.`,
    );
  };
  let entry: Partial<Record<string, unknown>>;
  try {
    entry = JSON.parse(line) as Partial<Record<string, unknown>>;
  } catch (cause) {
    return fail(`is not JSON (${printable((cause as Error).message)})`);
  }
  const collectionOk = COLLECTIONS.includes(entry?.collection as Collection);
  const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;
  switch (entry?.op) {
    case 'set':
      if (collectionOk && isObject(entry.record) && typeof (entry.record as { id?: unknown }).id === 'string')
        return entry as LogEntry;
      break;
    case 'delete':
      if (collectionOk && typeof entry.id === 'string') return entry as LogEntry;
      break;
    case 'fault':
      if (isObject(entry.fault)) return entry as LogEntry;
      break;
    case 'key':
      if (typeof entry.purpose === 'string' && isObject(entry.jwk)) return entry as LogEntry;
      break;
    case 'replace':
      if (isObject(entry.data)) return entry as LogEntry;
      break;
    default:
  }
  return fail('is not a change of the store');
}
