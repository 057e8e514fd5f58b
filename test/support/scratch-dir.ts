import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A folder of its own for one test file, removed after the file's last test. Call it at the top of the
 * file (or in a describe block), where `afterAll` may be registered.
 *
 * @example
 * const scratch = scratchDirOfFile('kit-probe-');
 */
export function scratchDirOfFile(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}
