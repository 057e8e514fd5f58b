import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveMockOptions, resolveMockServerOptions } from '../../../mock/config/options.js';
import { createMockServer } from '../../../mock/server/mock-server.js';
import { REDIS_PEER } from '../../../mock/shared/redis-link.js';
import { sourceFiles, directImports } from '../../support/import-graph.js';
import { ROOT, runTsCli } from '../../support/spawn-cli.js';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  devDependencies: Record<string, string>;
};

/** A loopback port nothing listens on (the discard port: a mock's tests never start anything there). */
const CLOSED = 'redis://127.0.0.1:9/0';

describe('the store option', () => {
  it.each([
    ['http://127.0.0.1:6379/0', 'store must be a redis:// (or rediss://) URL'],
    ['redis://127.0.0.1:6379/zero', `store's database must be a number`],
    ['redis://127.0.0.1:6379/0?prefix=a', 'store takes no query or fragment'],
    ['not a url', 'store must be a URL such as redis://127.0.0.1:6379/0'],
  ])('refuses %s, naming what is wrong', (store, problem) => {
    expect(() => resolveMockOptions({ store })).toThrow(problem);
  });

  it('refuses a prefix that is not 1 to 64 letters, digits, _ . or -', () => {
    expect(() => resolveMockOptions({ store: { url: CLOSED, prefix: 'a:b' } })).toThrow(
      'store.prefix must be 1 to 64 letters, digits, _ . or -, got "a:b"',
    );
  });

  it('refuses a store with a --db file, in one message', () => {
    expect(() => resolveMockServerOptions({ store: CLOSED, db: 'mock-db.json' })).toThrow(
      /store and db cannot be used together/,
    );
  });

  it('never prints a password of the URL', () => {
    expect(() => resolveMockOptions({ store: 'http://user:s3cret@127.0.0.1:6379/0' })).toThrow(
      /redis:\/\/ \(or rediss:\/\/\) URL, got http:\/\/user:\*\*\*@127\.0\.0\.1:6379\/0/,
    );
  });

  it('rejects start with one line when Redis cannot be reached, and closes what it opened', async () => {
    const server = createMockServer({ store: 'redis://:s3cret@127.0.0.1:9/0' });
    const failure = server.start();
    await expect(failure).rejects.toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' });
    const { message } = (await failure.catch((error: unknown) => error)) as Error;
    expect(message).toMatch(
      /^Cannot reach the shared store redis:\/\/:\*\*\*@127\.0\.0\.1:9\/0 \(--store\): .+\. Start Redis/,
    );
    expect(message).not.toContain('\n');
    expect(message).not.toContain('s3cret');
  });

  it('closes a mock never started, with changes queued for the store, at once', async () => {
    const server = createMockServer({ store: CLOSED });
    server.registerToken();
    await server.close();
    await expect(server.synced()).rejects.toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' });
  });
});

describe('the mock CLI with --store', () => {
  it('exits 1 with one line when Redis cannot be reached', async () => {
    const cli = runTsCli('mock/cli/mock-cli.ts', ['--port', '0', '--store', CLOSED]);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(
        /^Cannot reach the shared store redis:\/\/127\.0\.0\.1:9\/0 \(--store\): connect ECONNREFUSED/,
      ),
    ]);
    expect(cli.stdout()).toBe('');
  });

  it.each([
    [['--store', CLOSED, '--db', 'mock-db.json'], '--store and --db cannot be used together'],
    [['--store-prefix', 'a'], '--store-prefix needs --store.'],
    [['--store', 'http://127.0.0.1/0'], '--store must be a redis:// (or rediss://) URL'],
    [['--store', CLOSED, '--store-prefix', 'a b'], '--store-prefix must be 1 to 64 letters'],
  ])('exits 2 for %j with one line', async (args, problem) => {
    const cli = runTsCli('mock/cli/mock-cli.ts', ['--port', '0', ...args]);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toContain(problem);
  });
});

describe('the optional peer of the shared store', () => {
  it(`declares ${REDIS_PEER.name} as an optional peer with range ${REDIS_PEER.range}`, () => {
    expect(manifest.peerDependencies[REDIS_PEER.name]).toBe(REDIS_PEER.range);
    expect(manifest.peerDependenciesMeta[REDIS_PEER.name]?.optional).toBe(true);
    expect(manifest.devDependencies[REDIS_PEER.name]).toBe(REDIS_PEER.range);
  });

  it('is loaded only by mock/shared/redis-link.ts, when a store is given', () => {
    const importers = ['src', 'fixtures', 'mock', 'contracts'].flatMap((layer) =>
      sourceFiles(layer).filter((file) => directImports(file).includes(REDIS_PEER.name)),
    );
    expect(importers).toEqual([]);
    const requiring = ['src', 'fixtures', 'mock', 'contracts'].flatMap((layer) =>
      sourceFiles(layer).filter((file) => readFileSync(join(ROOT, file), 'utf8').includes(REDIS_PEER.name)),
    );
    expect(requiring).toEqual(['mock/shared/redis-link.ts']);
  });
});
