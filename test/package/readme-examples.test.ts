import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageSourceAliases, readmeExamples, readmeSection } from '../support/readme-examples.js';
import { ROOT, runTsCli } from '../support/spawn-cli.js';

const run = promisify(execFile);
const examples = readmeExamples();
let folder: string;

// The examples run as a team's own test files, in a folder of their own, importing the package by its
// name (mapped to the source here; test/package/pack.test.ts checks the packed tarball). Inside the
// repository, so their other imports (vitest, msw, Pact) resolve from its node_modules.
beforeAll(() => {
  folder = mkdtempSync(join(ROOT, 'test/package/.readme-examples-'));
  for (const { file, code } of examples) writeFileSync(join(folder, file), code);
  // Longest names first: vite takes the first alias whose name is the import or a prefix of it.
  const alias = Object.entries(packageSourceAliases())
    .sort(([a], [b]) => b.length - a.length)
    .map(([find, replacement]) => ({ find, replacement }));
  const config = { test: { include: ['*.test.ts', '*.test.js'], testTimeout: 30_000 }, resolve: { alias } };
  writeFileSync(join(folder, 'vitest.config.mjs'), `export default ${JSON.stringify(config)};\n`);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the README examples', () => {
  it('finds the marked examples', () => {
    expect(examples.map((example) => example.file)).toEqual(
      expect.arrayContaining([
        'msw-backend.test.ts',
        'oauth4webapi-custom-fetch.test.ts',
        'parallel-tokens.test.ts',
        'userinfo.pact.test.js',
        'both-kinds-of-user.test.ts',
      ]),
    );
  });

  it('pass, every test of every example, as written', async () => {
    // The child is a vitest of its own, not a worker of this one.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')),
    );
    // The report goes to a file: Pact logs to stdout.
    const reportFile = join(folder, 'report.json');
    await run(
      process.execPath,
      [
        join(ROOT, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--root',
        folder,
        '--reporter=json',
        `--outputFile=${reportFile}`,
      ],
      { cwd: folder, env: { ...env, NO_COLOR: '1', PACT_DO_NOT_TRACK: 'true' }, maxBuffer: 64 << 20 },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`the README examples failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    });
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      numFailedTests: number;
      testResults: { name: string; assertionResults: { status: string }[] }[];
    };
    expect(report.numFailedTests).toBe(0);
    for (const { file } of examples.filter((example) => /\.test\.[jt]s$/.test(example.file))) {
      const result = report.testResults.find((entry) => entry.name.endsWith(`/${file}`));
      expect(result?.assertionResults.length, `${file} ran no test`).toBeGreaterThan(0);
      expect(result?.assertionResults.every((test) => test.status === 'passed')).toBe(true);
    }
  }, 180_000);

  it('verifies the worked example’s pact as the README shows, its warnings included', async () => {
    const output = /```text\n([\s\S]*?)```/.exec(readmeSection('### Worked example'))?.[1] ?? '';
    expect(output).toContain('checkout-app -> truecaller-oauth-api');
    const verify = runTsCli('contracts/bin.ts', ['verify', 'pacts/checkout-app-truecaller-oauth-api.json'], {
      cwd: folder,
    });
    expect(await verify.exited, verify.stderr()).toBe(0);
    expect(verify.stdout()).toContain(output.trim());
  }, 120_000);
});
