/**
 * `--config` hot reload for the mock (a test double, not for production). Two ways to hear of a change,
 * because neither hears every one: the folder is watched (editors save by writing a new file and renaming
 * it over the old one, which a watch on the old inode would miss), and the file is read again every half
 * second (which follows a symlink to its target, and a folder removed and made again, both of which end
 * or escape a folder watch). The reload runs only when the text changed, so no signal reloads twice (a
 * reload drops what the admin API changed).
 */
import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { CONFIG_FILE_LIMIT } from './config-file.js';
import { readFileBounded } from './read-file-bounded.js';

/** How long a burst of file events must be quiet before the file is read: one save is several events. */
const SETTLE_MS = 50;

/** How often the file is read for the changes a folder watch misses (a config is a few KiB at most). */
const POLL_MS = 500;

/** Calls `onChange` once after each change of `file`'s text; returns a function that stops watching. */
export function watchConfigFile(file: string, onChange: () => void): () => void {
  const path = resolve(file);
  const name = basename(path);
  let last = textOf(path);
  const checkNow = (): void => {
    const now = textOf(path);
    if (now === last) return;
    last = now;
    onChange();
  };
  let settle: NodeJS.Timeout | undefined;
  const checkSoon = (): void => {
    clearTimeout(settle);
    settle = setTimeout(checkNow, SETTLE_MS);
  };

  let folder: FSWatcher | undefined;
  const watchFolder = (): void => {
    try {
      folder = watch(dirname(path), { persistent: false }, (_event, changed) => {
        if (changed === null || changed === name) checkSoon();
      });
      // A folder that disappears ends its watch; the poll notices it coming back.
      folder.on('error', () => {
        folder?.close();
        folder = undefined;
      });
    } catch {
      folder = undefined;
    }
  };
  watchFolder();
  const poll = setInterval(() => {
    if (folder === undefined) watchFolder();
    checkNow();
  }, POLL_MS);
  poll.unref();
  return () => {
    clearTimeout(settle);
    clearInterval(poll);
    folder?.close();
  };
}

// A file that cannot be read counts as its own state: reading it again after it is fixed is a change.
function textOf(path: string): string | undefined {
  const read = readFileBounded(path, CONFIG_FILE_LIMIT);
  return read.ok ? read.text : undefined;
}
