import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './spawn-cli.js';

/** Every test file below `test/`, by its path from the root. */
function testFiles(dir = join(ROOT, 'test')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? testFiles(join(dir, entry.name))
      : entry.name.endsWith('.test.ts')
        ? [relative(ROOT, join(dir, entry.name))]
        : [],
  );
}

// A suite that drives a tool without `describeWith` fails on a machine without it, where it must say
// "not run" instead (a fresh machine's `npm test` passes); two browser suites once did.
describe('the suites that need a tool', () => {
  const files = testFiles()
    .filter((file) => !file.endsWith('tool-suites.test.ts'))
    .map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));

  it('put every test of a file that opens the browser under describeWith(chromium)', () => {
    const browserFiles = files.filter(({ text }) => text.includes('useBrowser()'));
    expect(browserFiles.length).toBeGreaterThan(0);
    const unguarded = browserFiles
      .filter(({ text }) => !text.includes("describeWith('chromium')") || /^(describe|it|test)\b/m.test(text))
      .map(({ file }) => file);
    expect(unguarded).toEqual([]);
  });

  it('put every test of a file that starts redis-server under describeWithRedis', () => {
    const redisFiles = files.filter(({ text }) => text.includes('startRedisServer('));
    expect(redisFiles.length).toBeGreaterThan(0);
    const unguarded = redisFiles
      .filter(({ text }) => !text.includes('describeWithRedis(') || /^(it|test)\b/m.test(text))
      .map(({ file }) => file);
    expect(unguarded).toEqual([]);
  });
});
