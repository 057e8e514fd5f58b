import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs once per vitest run, before any test file: a folder the run's test files share (the packed
 * package among what they share), handed to them in KIT_TEST_RUN_DIR and removed when the run ends.
 */
export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'kit-test-run-'));
  process.env.KIT_TEST_RUN_DIR = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
