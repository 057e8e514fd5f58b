/**
 * The README's worked example, run as written: its consumer test (the kit's own package names pointed at
 * this source tree, since nothing is installed) writes a pact with vitest, and `verify` prints what the
 * README says it prints, the assumption warnings included.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runTsCli } from '../support/spawn-cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Worked example'));
const [testFile = '', output = ''] = [
  /```js\n([\s\S]*?)```/.exec(section)?.[1],
  /```text\n([\s\S]*?)```/.exec(section)?.[1],
];

// Inside the repository (removed after) so the example's own imports (Pact, vitest) resolve from it.
const project = mkdtempSync(join(ROOT, 'test/.readme-example-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("the README's worked example", () => {
  it('writes a pact that verify passes, printing the README’s lines and warnings', async () => {
    expect(testFile).toContain("from 'truecaller-oauth-kit/contracts'");
    const source = testFile
      .replace("'truecaller-oauth-kit/contracts'", JSON.stringify(join(ROOT, 'contracts/index.ts')))
      .replace("'truecaller-oauth-kit'", JSON.stringify(join(ROOT, 'src/index.ts')));
    writeFileSync(join(project, 'userinfo.pact.test.js'), source);
    writeFileSync(join(project, 'vitest.config.mjs'), "export default { test: { include: ['*.test.js'] } };");
    // The child is a vitest of its own, not a worker of this one.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')),
    );
    // The kit's source is TypeScript that vitest leaves to Node (it sits outside the project): tsx loads it.
    const tsx = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    const vitest = spawn(
      process.execPath,
      ['--import', tsx, join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run'],
      {
        cwd: project,
        env: { ...env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' },
      },
    );
    let log = '';
    vitest.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    vitest.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => vitest.on('exit', resolve));
    expect(code, log).toBe(0);

    const verify = runTsCli('contracts/bin.ts', ['verify', 'pacts/checkout-app-truecaller-oauth-api.json'], {
      cwd: project,
    });
    expect(await verify.exited, verify.stderr()).toBe(0);
    expect(verify.stdout()).toContain(output.trim());
  }, 120_000);
});
