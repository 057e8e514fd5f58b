import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPactFile } from '../../../contracts/pact/pact-file.js';
import { KitError } from '../../../src/errors.js';

// A team's pact as its tools or editor saved it: with a UTF-8 byte-order mark (Windows editors), or as
// UTF-16 (Windows PowerShell's `>`), which must be named rather than read as broken JSON.
const folder = mkdtempSync(join(tmpdir(), 'kit-pact-file-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const TEAM_PACT = readFileSync('test/contracts/pacts/checkout-app-truecaller-oauth-api.json', 'utf8');

function saved(name: string, bytes: Uint8Array): string {
  const file = join(folder, name);
  writeFileSync(file, bytes);
  return file;
}

describe('reading a pact file', () => {
  it('reads one saved with a UTF-8 byte-order mark as the same pact', async () => {
    const plain = await readPactFile(saved('plain.json', Buffer.from(TEAM_PACT)));
    const withMark = await readPactFile(saved('bom.json', Buffer.from(`\ufeff${TEAM_PACT}`)));
    expect(withMark.interactions.length).toBeGreaterThan(0);
    expect({ ...withMark, source: 'same' }).toEqual({ ...plain, source: 'same' });
  });

  it('names one saved as UTF-16, and how to save it, instead of a JSON error', async () => {
    const file = saved('utf16.json', Buffer.from(`\ufeff${TEAM_PACT}`, 'utf16le'));
    const error = await readPactFile(file).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(KitError);
    expect((error as KitError).code).toBe('ERR_PACT_UNREADABLE');
    expect((error as KitError).message).toBe(
      `Cannot read the pact ${file}: it is UTF-16 text (as Windows PowerShell's > and Out-File write); save it as UTF-8 (Out-File -Encoding utf8, or "Save as" UTF-8 in the editor).`,
    );
  });
});
