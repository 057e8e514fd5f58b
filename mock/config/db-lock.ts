/**
 * One mock per `--db` file (a test double, not for production): two mocks appending to one log would
 * interleave changes made on different stores into a file neither could load. A lock file beside it
 * names the process that holds it; one left by a process that died is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { KitError } from '../../src/errors.js';

/** Takes the lock of `file` for this process; returns the function that lets it go. */
export function lockDbFile(file: string): () => void {
  const lock = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => rmSync(lock, { force: true });
    } catch (cause) {
      // Not there to take (no folder, no permission): loading the file says what is wrong, better.
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') return () => undefined;
      const holder = Number(readText(lock));
      if (attempt === 0 && !isAlive(holder)) {
        rmSync(lock, { force: true }); // left by a process that was killed: take it over, once
        continue;
      }
      throw new KitError(
        'ERR_DB_IN_USE',
        `The --db file ${file} is in use by another mock (process ${holder}${holder === process.pid ? ', this one: close the first mock before starting another' : ''}). Give each mock its own --db file, or delete ${lock} if no mock is running.`,
      );
    }
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    // EPERM: it runs, under another user.
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
}
