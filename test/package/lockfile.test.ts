import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/spawn-cli.js';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, Record<string, unknown>>;
};

// npm rewrites package-lock.json on the next install whenever its copy of the root manifest differs from
// package.json (as it did when the msw peer was added without the lock): a fresh clone's `npm install`
// should change nothing.
describe('package-lock.json', () => {
  it.each([
    'name',
    'version',
    'license',
    'bin',
    'engines',
    'dependencies',
    'devDependencies',
    'peerDependencies',
    'peerDependenciesMeta',
  ])('holds the same %s as package.json', (field) => {
    expect(lock.packages['']?.[field]).toEqual(manifest[field]);
  });
});
