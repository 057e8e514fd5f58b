/**
 * Reads a file the mock was pointed at (`--config`, `--db`, its logs) without trusting it: a folder, a
 * device that never ends (`/dev/zero`) or a file far larger than any store are refused with a message
 * naming the file, before they can fill the memory.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { fileProblem } from '../../src/file-errors.js';
import { type JsonFileText, jsonFileText } from '../../src/json-text.js';

/** Why a file could not be read: missing, a folder, over the limit, not UTF-8, or another error of the system. */
export type ReadProblem =
  | { readonly kind: 'missing' }
  | { readonly kind: 'folder' }
  /** A named pipe or a socket: opening one waits for a writer, so it is never opened. */
  | { readonly kind: 'pipe' }
  | { readonly kind: 'too-large' }
  /** Bytes that are no UTF-8 text (UTF-16 among them); `problem` says which and how to save it. */
  | { readonly kind: 'encoding'; readonly problem: string }
  | { readonly kind: 'other'; readonly cause: unknown };

/** The text of a file read, or why it was not. */
export type BoundedRead =
  { readonly ok: true; readonly text: string } | ({ readonly ok: false } & ReadProblem);

const CHUNK = 1 << 20;

/** How a file's bytes become its text. */
export type TextOfBytes = (bytes: Buffer) => JsonFileText;

/**
 * The text of the mock's own log, as it is: its last line may be torn inside a character by a crash
 * mid-append, and that line is skipped, not the whole log refused.
 */
export const LOG_TEXT: TextOfBytes = (bytes) => ({ ok: true, text: bytes.toString('utf8') });

/**
 * Reads `file`, at most `limit` bytes (a longer one is refused after `limit + 1` bytes), as a user's JSON
 * file by default: UTF-8, a leading byte-order mark dropped, UTF-16 named.
 */
export function readFileBounded(
  file: string,
  limit: number,
  textOf: TextOfBytes = jsonFileText,
): BoundedRead {
  let descriptor: number;
  try {
    const stats = statSync(file, { throwIfNoEntry: false });
    if (stats !== undefined && (stats.isFIFO() || stats.isSocket())) return { ok: false, kind: 'pipe' };
    descriptor = openSync(file, 'r');
  } catch (cause) {
    return problemOf(cause);
  }
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - size));
      const read = readSync(descriptor, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      size += read;
      if (size > limit) return { ok: false, kind: 'too-large' };
    }
    const decoded = textOf(Buffer.concat(chunks, size));
    return decoded.ok ? decoded : { ok: false, kind: 'encoding', problem: decoded.problem };
  } catch (cause) {
    return problemOf(cause);
  } finally {
    closeSync(descriptor);
  }
}

function problemOf(cause: unknown): { readonly ok: false } & ReadProblem {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { ok: false, kind: 'missing' };
  if (code === 'EISDIR') return { ok: false, kind: 'folder' };
  return { ok: false, kind: 'other', cause };
}

/** The words of a message for a problem: "it is a folder, not a file", ... */
export function describeReadProblem(problem: ReadProblem, limit: number): string {
  switch (problem.kind) {
    case 'missing':
      return fileProblem({ code: 'ENOENT' });
    case 'folder':
      return fileProblem({ code: 'EISDIR' });
    case 'pipe':
      return 'it is a named pipe or a socket, not a file';
    case 'too-large':
      return `it is larger than ${formatBytes(limit)} (or never ends, as a device may)`;
    case 'encoding':
      return problem.problem;
    default:
      return fileProblem(problem.cause);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1 << 30 ? `${bytes / (1 << 30)} GiB` : `${bytes / (1 << 20)} MiB`;
}
