import { execFile } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchFolder, TOOL_TIMEOUT_MS } from './packed-package.js';
import { ROOT } from './spawn-cli.js';

const run = promisify(execFile);
const SUPPORT = join(ROOT, 'test/support');

// A small project whose suites need the tools, run by vitest as `npm test` runs it, on a machine made to
// look fresh: every tool is taken for missing, whatever this one has.
let project: string;

beforeAll(async () => {
  project = await scratchFolder('tools');
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
  writeFileSync(
    join(project, 'vitest.config.mjs'),
    `export default { test: { include: ['*.test.ts'], reporters: ['dot', ${JSON.stringify(join(SUPPORT, 'not-run-reporter.ts'))}] } };\n`,
  );
  writeFileSync(
    join(project, 'browser.test.ts'),
    `import { expect, it } from 'vitest';
import { describeWith, hasTool } from ${JSON.stringify(join(SUPPORT, 'tools.ts'))};

describeWith('chromium')('a page', () => {
  it('opens in the browser', () => expect(hasTool('chromium')).toBe(true));
});
`,
  );
  writeFileSync(
    join(project, 'harnesses.test.ts'),
    `import { expect, it } from 'vitest';
import { describeWith, hasTool } from ${JSON.stringify(join(SUPPORT, 'tools.ts'))};

it('runs what needs no tool', () => expect(1 + 1).toBe(2));

describeWith('pytest')('the pytest fixture', () => {
  it('passes', () => expect(hasTool('pytest')).toBe(true));
});

describeWith('javac', 'junit5')('the JUnit test', () => {
  it('passes', () => expect(hasTool('junit5')).toBe(true));
});
`,
  );
}, TOOL_TIMEOUT_MS);

/** Runs the small project's tests; resolves with the exit code and what vitest printed. */
async function runProject(ci: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KIT_TEST_ASSUME_MISSING: 'chromium,javac,junit5,pytest',
    CI: ci,
    NO_COLOR: '1',
  };
  return run(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run'], {
    cwd: project,
    env,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('suites whose tools are missing', { timeout: TOOL_TIMEOUT_MS }, () => {
  it('are not run, and the last lines name each with the command that installs its tool; exit 0', async () => {
    const { code, stdout, stderr } = await runProject('');
    expect(code, stderr).toBe(0);
    expect(stdout.trimEnd().split('\n').slice(-3)).toEqual([
      'not run: browser.test.ts — no Chromium at /usr/bin/chromium; run: sudo apt-get install chromium (or .ci/run)',
      'not run: harnesses.test.ts (the pytest fixture) — no python3 with pytest; run: sudo apt-get install python3-pytest (or .ci/run)',
      'not run: harnesses.test.ts (the JUnit test) — no javac on the PATH, no JUnit 5 in /usr/share/java; run: sudo apt-get install default-jdk-headless junit5 (or .ci/run)',
    ]);
    // The one test that needs no tool ran.
    expect(stdout).toMatch(/Tests\s+1 passed \| 3 skipped \(4\)/);
  });

  it('fail the run with CI=true, naming the tool and the command that installs it', async () => {
    const { code, stdout, stderr } = await runProject('true');
    expect(code).not.toBe(0);
    const output = `${stdout}\n${stderr}`;
    expect(output).toContain(
      'chromium missing, and CI=true runs every suite: no Chromium at /usr/bin/chromium; run: sudo apt-get install chromium (or .ci/run)',
    );
    expect(output).toContain('pytest missing, and CI=true runs every suite');
    expect(output).toContain('javac and junit5 missing, and CI=true runs every suite');
    expect(output).not.toContain('not run:');
    // A suite whose set-up fails fails its file; its tests are reported as not run.
    expect(output).toMatch(/Test Files\s+2 failed \(2\)/);
  });
});
