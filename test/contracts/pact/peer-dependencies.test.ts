import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_PEERS, loadContractPeers, loadPact } from '../../../contracts/pact/peer-dependencies.js';
import { KitError } from '../../../src/errors.js';
import { checkOptionalPeersInstalled } from '../../../src/optional-peers.js';
import { sourceFiles } from '../../support/import-graph.js';
import { ROOT } from '../../support/spawn-cli.js';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

describe('the optional peers of contracts/', () => {
  it.each(Object.entries(CONTRACT_PEERS))('declares %s as an optional peer with range %s', (name, range) => {
    expect(manifest.peerDependencies[name]).toBe(range);
    expect(manifest.peerDependenciesMeta[name]?.optional).toBe(true);
    expect(manifest.dependencies[name]).toBeUndefined();
  });

  it('loads Pact when it is installed', () => {
    expect(typeof loadPact('a test').MatchersV3.regex).toBe('function');
    expect(loadContractPeers(['@pactflow/openapi-pact-comparator'], 'a test')).toHaveLength(1);
  });
});

describe('checking that optional peers are installed', () => {
  // postject: installed here, and loaded by no test process (only the standalone build runs it).
  const require = createRequire(import.meta.url);
  const present = { name: 'postject', install: 'postject@^1' };

  it('finds an installed peer without loading it', () => {
    const file = require.resolve(present.name);
    expect(require.cache[file]).toBeUndefined();
    expect(() => checkOptionalPeersInstalled([present], 'a test')).not.toThrow();
    expect(require.cache[file]).toBeUndefined();
  });

  it('names every missing peer and the one command that installs them', () => {
    const missing = [
      { name: 'kit-test-absent-a', install: 'kit-test-absent-a@^1' },
      { name: 'kit-test-absent-b', install: 'kit-test-absent-b@^2' },
    ];
    const check = (): void => checkOptionalPeersInstalled([present, ...missing], 'verify');
    expect(check).toThrow(KitError);
    expect(check).toThrow(
      'verify needs kit-test-absent-a and kit-test-absent-b (optional peer dependencies of truecaller-oauth-kit): run npm install --save-dev kit-test-absent-a@^1 kit-test-absent-b@^2',
    );
  });
});

describe('the kit without its optional peers', () => {
  it('loads Pact and the comparator only through peer-dependencies.ts: every other import of them is a type', () => {
    const peers = Object.keys(CONTRACT_PEERS).join('|').replace(/[/.]/g, '\\$&');
    const valueImport = new RegExp(
      `^\\s*import\\s+(?!type\\b)[^;]*'(?:${peers})'|import\\(\\s*'(?:${peers})'`,
      'm',
    );
    const offenders = ['src', 'fixtures', 'mock', 'contracts']
      .flatMap((folder) => sourceFiles(folder))
      .filter((file) => file !== 'contracts/pact/peer-dependencies.ts')
      .filter((file) => valueImport.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
