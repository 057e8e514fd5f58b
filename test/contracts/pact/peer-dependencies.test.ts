import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_PEERS, loadContractPeers, loadPact } from '../../../contracts/pact/peer-dependencies.js';
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
