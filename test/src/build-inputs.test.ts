import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInputsDigest } from '../../src/build/build-inputs.mjs';
import { ROOT } from '../support/spawn-cli.js';

// A small package tree with this repository's node_modules (the tools' versions are read from there).
const root = mkdtempSync(join(tmpdir(), 'kit-build-inputs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');

function write(name: string, text: string): void {
  mkdirSync(dirname(join(root, name)), { recursive: true });
  writeFileSync(join(root, name), text);
}

write('package.json', '{"name":"tree","version":"1.0.0"}');
write('openapi.yaml', 'openapi: 3.1.0\n');
write('src/index.ts', 'export const a = 1;\n');
write('mock/ui/public/dashboard.html', '<!doctype html>\n');

describe('the digest of what a build reads', () => {
  it('is the same for the same tree', () => {
    expect(buildInputsDigest(root)).toBe(buildInputsDigest(root));
  });

  it('changes with a source, a new file, a page, the document or the manifest', () => {
    const seen = new Set([buildInputsDigest(root)]);
    const changes: [string, string][] = [
      ['src/index.ts', 'export const a = 2;\n'],
      ['contracts/pact/new.ts', 'export {};\n'],
      ['mock/ui/public/dashboard.html', '<!doctype html><title>t</title>\n'],
      ['openapi.yaml', 'openapi: 3.1.1\n'],
      ['package.json', '{"name":"tree","version":"1.0.1"}'],
      ['tsconfig.build.json', '{}'],
    ];
    for (const [name, text] of changes) {
      write(name, text);
      const digest = buildInputsDigest(root);
      expect(seen.has(digest), name).toBe(false);
      seen.add(digest);
    }
  });

  it('does not change with what the build and the tests write into the source folders', () => {
    const before = buildInputsDigest(root);
    write('mock/ui/public/dashboard.js', 'compiled();\n');
    write('mock/ui/public/redoc-LICENSE.txt', 'MIT\n');
    write('src/openapi/openapi.prepared.json', '{}');
    write('src/openapi/validators.prepared.cjs', 'module.exports = {};\n');
    expect(buildInputsDigest(root)).toBe(before);
  });
});
