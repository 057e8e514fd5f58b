/**
 * `--db FILE` persistence of the mock's store (a test double, not for production). Each save writes a
 * temporary file, flushes it and renames it over the old one: a rename is atomic on POSIX, so a crash
 * leaves the old file or the new one, never a torn one.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KitError } from '../../src/errors.js';
import { fileProblem } from '../../src/file-errors.js';
import { type RecordInput, recordCheck } from './record-checks.js';
import type { StoreData } from '../../src/wire-types.js';

/**
 * The store saved in `file`, or undefined when there is no such file yet. Temporary files a killed run
 * left beside it are removed: the rename never happened, so they hold nothing the file lacks.
 */
export function loadDbFile(file: string): unknown {
  removeLeftovers(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KitError(
      'ERR_DB_UNREADABLE',
      `Cannot read the --db file ${file}: ${fileProblem(cause)}. Give --db the path of a JSON file (it is made if missing).`,
      { cause },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new KitError(
      'ERR_DB_UNREADABLE',
      `The --db file ${file} is not valid JSON (${(cause as Error).message}). Delete it to start from the built-in store and --config.`,
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

/**
 * Writes `data` to `file` atomically: temporary file, fsync, rename. A file system error becomes a
 * `KitError` (`ERR_DB_UNWRITABLE`) that names the file and why.
 */
export function saveDbFile(file: string, data: StoreData): void {
  const temporary = `${file}.${process.pid}${TEMPORARY_SUFFIX}`;
  try {
    const descriptor = openSync(temporary, 'w', 0o600);
    try {
      writeSync(descriptor, JSON.stringify(data, null, 2));
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, file);
  } catch (cause) {
    // A half-written temporary file is left by a full disk; where none could be made, there is none.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing to remove
    }
    throw new KitError(
      'ERR_DB_UNWRITABLE',
      `Cannot write the --db file ${file}: ${fileProblem(cause)}. Give --db a file path in an existing, writable folder.`,
      { cause },
    );
  }
}

/**
 * Checks what a `--db` file held: the collections are arrays, and every token, persona and the fault pass
 * the admin API's checks. Every problem is named in one error.
 */
export function checkStoreData(value: unknown, file: string): StoreData {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('the top level must be an object of collections');
  } else {
    const data = value as Record<string, unknown>;
    for (const [name, records] of Object.entries(data)) {
      if (name === 'fault') continue;
      if (recordCheck(name) === undefined) problems.push(`${name}: not a collection of the store`);
      else if (!Array.isArray(records)) problems.push(`${name}: must be a list of records`);
    }
    if (!Array.isArray(data.tokens)) problems.push('tokens: missing');
    if (!Array.isArray(data.personas)) problems.push('personas: missing');
    if (typeof data.fault !== 'object' || data.fault === null)
      problems.push('fault: missing (use {} for none)');
    if (problems.length === 0) {
      const ids = (records: unknown): string[] =>
        Array.isArray(records)
          ? records.map((record) => String((record as { id?: unknown } | null)?.id))
          : [];
      const known = { personas: ids(data.personas), clients: ids(data.clients) };
      for (const [name, records] of Object.entries(data)) {
        const check = recordCheck(name);
        for (const record of name === 'fault' ? [records] : (records as unknown[])) {
          const result =
            typeof record === 'object' && record !== null && check !== undefined
              ? check(record as RecordInput, known)
              : { problems: [`${name}: every record must be an object`] };
          if ('problems' in result) problems.push(...result.problems);
        }
      }
    }
  }
  if (problems.length > 0) {
    throw new KitError(
      'ERR_DB_INVALID',
      `The --db file ${file} does not hold a valid store:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\nFix it, or delete it to start from the built-in store and --config.`,
    );
  }
  return value as StoreData;
}
