/**
 * The `--db FILE` snapshot of the mock's store (a test double, not for production). Each save writes a
 * temporary file, flushes it and renames it over the old one: a rename is atomic on POSIX, so a crash
 * leaves the old file or the new one, never a torn one. Changes since the last save are in its log
 * (`db-log.ts`).
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KitError } from '../../src/errors.js';
import type { MockStore, SavedStore } from '../state/store.js';
import { COLLECTIONS } from './built-ins.js';
import { fileProblem } from '../../src/file-errors.js';
import { collectionProblems, recordCheck } from './record-checks.js';
import { describeReadProblem, readFileBounded } from './read-file-bounded.js';
import { printable } from '../http/printable.js';
import { problemList } from './config-file.js';
import { signingKeyProblems } from './signing-key-check.js';

/**
 * The largest `--db` file (or log) read: 500 MiB, under the longest string V8 can make (512 MiB), which
 * the file's text must fit in. About 700,000 issued tokens; a million take about 700 MiB.
 */
export const DB_FILE_LIMIT = 500 * 2 ** 20;

/**
 * The store saved in `file`, or undefined when there is no such file yet. Temporary files a killed run
 * left beside it are removed: the rename never happened, so they hold nothing the file lacks.
 */
export function loadDbFile(file: string): unknown {
  removeLeftovers(file);
  const read = readFileBounded(file, DB_FILE_LIMIT);
  if (!read.ok) {
    if (read.kind === 'missing') return undefined;
    const cause = read.kind === 'other' ? read.cause : undefined;
    throw new KitError(
      'ERR_DB_UNREADABLE',
      `Cannot read the --db file ${file}: ${describeReadProblem(read, DB_FILE_LIMIT)}. Give --db the path of a JSON file (it is made if missing).`,
      { cause },
    );
  }
  const { text } = read;
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new KitError(
      'ERR_DB_UNREADABLE',
      `The --db file ${file} is not valid JSON (${printable((cause as Error).message)}). Delete it to start from the built-in store and --config.`,
      { cause },
    );
  }
}

const TEMPORARY_SUFFIX = '.tmp';

function removeLeftovers(file: string): void {
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return; // no directory yet: nothing to clean, and the first save says what is wrong
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith(TEMPORARY_SUFFIX))
      rmSync(join(dirname(file), name), { force: true });
  }
}

/** Writes the store to `file` at once, atomically (temporary file, fsync, rename); returns its size in bytes. */
export function saveDbFile(file: string, store: MockStore): number {
  const temporary = temporaryFile(file);
  let bytes = 0;
  try {
    const descriptor = openSync(temporary, 'w', 0o600);
    try {
      for (const chunk of snapshotChunks(store)) bytes += writeSync(descriptor, chunk);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, file);
  } catch (cause) {
    throw unwritable(file, temporary, cause);
  }
  syncDirectory(file);
  return bytes;
}

/**
 * The `KitError` of a save that failed (a full disk, a folder gone), naming the file and why; a
 * half-written temporary file is removed.
 */
function unwritable(file: string, temporary: string, cause: unknown): KitError {
  rmSync(temporary, { force: true });
  return new KitError(
    'ERR_DB_UNWRITABLE',
    `Cannot write the --db file ${file}: ${fileProblem(cause)}. Give --db a file path in an existing, writable folder.`,
    { cause },
  );
}

/**
 * Writes the store to `file` a piece at a time, letting requests in between (the store goes on changing,
 * and its log holds every such change); renames it into place only if `commit()` still says so when it
 * is written. Resolves with its size in bytes, or undefined when it was dropped.
 */
export async function saveDbFileInSteps(
  file: string,
  store: MockStore,
  commit: () => boolean,
): Promise<number | undefined> {
  const temporary = temporaryFile(file);
  let bytes = 0;
  const handle = await open(temporary, 'w', 0o600);
  try {
    // Each await is a turn of the event loop: one piece (about 1 MiB) is made between two of them.
    for (const chunk of snapshotChunks(store)) bytes += (await handle.write(chunk)).bytesWritten;
    await handle.sync();
  } catch (error) {
    // The write's error is the one to report; a close failing after it changes nothing.
    await handle.close().catch(() => undefined);
    throw unwritable(file, temporary, error);
  }
  await handle.close();
  // No await from here to the rename: a close() in between cannot see half of it.
  if (!commit()) {
    rmSync(temporary, { force: true });
    return undefined;
  }
  renameSync(temporary, file);
  syncDirectory(file);
  return bytes;
}

const PIECE_CHARS = 1 << 20;

/**
 * The store as the text of a `--db` file, in pieces of about 1 MiB, made as they are read: one record a
 * line, collections in their listing order. Read across turns of the event loop, it shows each record as
 * it was when reached (its log says what changed since).
 */
export function* snapshotChunks(store: MockStore): Generator<string> {
  let piece = '{';
  for (const [index, collection] of COLLECTIONS.entries()) {
    piece += `${index === 0 ? '' : ','}\n  ${JSON.stringify(collection)}: [`;
    let first = true;
    for (const record of store.values(collection)) {
      piece += `${first ? '' : ','}\n    ${JSON.stringify(record)}`;
      first = false;
      if (piece.length >= PIECE_CHARS) {
        yield piece;
        piece = '';
      }
    }
    piece += first ? ']' : '\n  ]';
  }
  const keys = store.keys();
  // The keys last: a reader of the file's head sees the data first (they are a few KiB).
  const kept = Object.keys(keys).length === 0 ? '' : `,\n  "keys": ${JSON.stringify(keys)}`;
  yield `${piece},\n  "fault": ${JSON.stringify(store.fault)}${kept}\n}\n`;
}

let saves = 0;

// Beside the file (a rename stays on one file system) and unique, so two saves never share one.
function temporaryFile(file: string): string {
  saves += 1;
  return `${file}.${process.pid}-${saves}${TEMPORARY_SUFFIX}`;
}

// Makes a rename in the folder outlive a power loss; where a folder cannot be opened (Windows), skipped.
function syncDirectory(file: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(dirname(file), 'r');
    fsyncSync(descriptor);
  } catch {
    // best effort: the rename itself is atomic either way
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/**
 * Checks what a `--db` file held: the collections are arrays, every token, persona and the fault pass
 * the admin API's checks, and every kept key is a usable private key. Every problem is named in one error.
 */
export function checkStoreData(value: unknown, file: string): SavedStore {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('the top level must be an object of collections');
  } else {
    const data = value as Record<string, unknown>;
    problems.push(...keyProblems(data.keys));
    for (const [name, records] of Object.entries(data)) {
      if (name === 'fault' || name === 'keys') continue;
      if (recordCheck(name) === undefined) problems.push(`${name}: not a collection of the store`);
      else if (!Array.isArray(records)) problems.push(`${name}: must be a list of records`);
    }
    if (!Array.isArray(data.tokens)) problems.push('tokens: missing');
    if (!Array.isArray(data.personas)) problems.push('personas: missing');
    if (typeof data.fault !== 'object' || data.fault === null)
      problems.push('fault: missing (use {} for none)');
    if (problems.length === 0) {
      const ids = (records: unknown): Set<string> =>
        new Set(
          Array.isArray(records)
            ? records.map((record) => String((record as { id?: unknown } | null)?.id))
            : [],
        );
      const known = { personas: ids(data.personas), clients: ids(data.clients) };
      for (const [name, records] of Object.entries(data)) {
        if (name === 'keys') continue;
        const found = collectionProblems(name, name === 'fault' ? [records] : (records as unknown[]), known);
        // One at a time: a spread of a million problems would overflow the stack.
        for (const problem of found) problems.push(problem);
      }
    }
  }
  if (problems.length > 0) {
    throw new KitError(
      'ERR_DB_INVALID',
      `The --db file ${file} does not hold a valid store:\n${problemList(problems)}\nFix it, or delete it to start from the built-in store and --config.`,
    );
  }
  return value as SavedStore;
}

/** Problems of a `--db` file's kept keys: an object of private JWKs by purpose. */
function keyProblems(keys: unknown): string[] {
  if (keys === undefined) return [];
  if (typeof keys !== 'object' || keys === null || Array.isArray(keys))
    return ['keys: must be an object of private JWKs by purpose'];
  return Object.entries(keys).flatMap(([purpose, jwk]) =>
    signingKeyProblems(jwk, `keys.${printable(purpose, 40)}`, 'RSA signatures'),
  );
}
