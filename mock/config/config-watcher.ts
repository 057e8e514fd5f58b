/**
 * `--config` hot reload for the mock (a test double, not for production). The directory is watched, not
 * the file: editors save by writing a new file and renaming it over the old one, which a watch on the old
 * file's inode would miss.
 */
import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** How long a burst of file events must be quiet before the file is read: one save is several events. */
const SETTLE_MS = 50;

/** Calls `onChange` once after each burst of changes to `file`; returns a function that stops watching. */
export function watchConfigFile(file: string, onChange: () => void): () => void {
  const path = resolve(file);
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dirname(path), { persistent: false }, (_event, changed) => {
    if (changed !== null && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, SETTLE_MS);
  });
  // A directory that disappears ends the watch; the mock keeps the config it has.
  watcher.on('error', () => watcher.close());
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
