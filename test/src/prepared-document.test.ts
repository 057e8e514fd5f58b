import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  loadApiDocument,
  OPENAPI_FILE,
  PREPARED_DOCUMENT_FILE,
  type PreparedApiDocument,
  readPrepared,
  sourceDigest,
} from '../../src/openapi/api-document.js';
import { writePreparedApiDocument } from '../../src/openapi/prepare-api-document.js';
import { runTsCli } from '../support/spawn-cli.js';

const yamlText = readFileSync(OPENAPI_FILE, 'utf8');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tok-prepared-'));
}

describe('the prepared form of openapi.yaml', () => {
  it('holds the very document openapi.yaml parses to, and the digest of its text', () => {
    // Written by the tests' global setup, as the build writes it into dist/.
    const prepared = JSON.parse(readFileSync(PREPARED_DOCUMENT_FILE, 'utf8')) as PreparedApiDocument;
    expect(prepared.document).toEqual(parse(yamlText));
    expect(prepared.sourceSha256).toBe(sourceDigest(yamlText));
  });

  it('serves only the text it was made from: an edited YAML is parsed instead', () => {
    const dir = tempDir();
    const edited = join(dir, 'openapi.yaml');
    writeFileSync(edited, yamlText.replace(/^ {2}title: .*$/m, '  title: Edited after the build'));
    expect(readPrepared(readFileSync(edited, 'utf8'), PREPARED_DOCUMENT_FILE)).toBeUndefined();
    expect(loadApiDocument(edited).info.title).toBe('Edited after the build');
    expect(loadApiDocument().info.title).not.toBe('Edited after the build');
  });

  it('is passed over when missing or unreadable, and the YAML is parsed', () => {
    const dir = tempDir();
    expect(readPrepared(yamlText, join(dir, 'none.prepared.json'))).toBeUndefined();
    const broken = join(dir, 'broken.prepared.json');
    writeFileSync(broken, '{"sourceSha256": ');
    expect(readPrepared(yamlText, broken)).toBeUndefined();
  });

  it('is written from any YAML file to any place, and read back for that text', () => {
    const dir = tempDir();
    const target = writePreparedApiDocument(OPENAPI_FILE, join(dir, 'openapi.prepared.json'));
    expect(readPrepared(yamlText, target)).toEqual(parse(yamlText));
  });

  it('spares a mock its YAML parser, Ajv, json-server and jose until they are needed', async () => {
    const probe = runTsCli('test/support/loaded-packages.ts', []);
    const [, loaded = ''] = await probe.waitForOutput(/^loaded: (.*)$/m);
    expect(await probe.exited).toBe(0);
    expect(JSON.parse(loaded)).toEqual([]);
  });

  it("answers the first admin writes without Ajv's compiler: the record checks come compiled", async () => {
    const probe = runTsCli('test/support/loaded-packages.ts', ['--admin-writes']);
    const [, loaded = ''] = await probe.waitForOutput(/^loaded: (.*)$/m);
    expect(await probe.exited, probe.stderr()).toBe(0);
    expect(JSON.parse(loaded)).toEqual([]);
  });
});
