import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  INSTALL_TIMEOUT_MS,
  npm,
  SCRATCH_ENV,
  scratchFolder,
  scratchProject,
} from '../support/packed-package.js';
import { ROOT } from '../support/spawn-cli.js';

const run = promisify(execFile);

/** A copy of this working tree as it is (tracked files and new ones, nothing ignored): what a push would publish. */
async function copyOfWorkingTree(name: string): Promise<string> {
  const folder = await scratchFolder(name);
  const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    maxBuffer: 64 << 20,
  });
  for (const file of stdout.split('\0').filter((path) => path !== '' && existsSync(join(ROOT, path)))) {
    mkdirSync(dirname(join(folder, file)), { recursive: true });
    cpSync(join(ROOT, file), join(folder, file));
  }
  return folder;
}

/** A git repository of this working tree, so `npm install git+file://...` sees what a push would publish. */
async function repositoryOfWorkingTree(name: string): Promise<string> {
  const folder = await copyOfWorkingTree(name);
  const git = (args: string[]): Promise<unknown> =>
    run('git', ['-c', 'user.name=kit-test', '-c', 'user.email=kit-test@example.invalid', ...args], {
      cwd: folder,
    });
  await git(['init', '--quiet']);
  await git(['add', '--all']);
  await git(['commit', '--quiet', '--message', 'the working tree']);
  return folder;
}

describe.concurrent('npm install from git', () => {
  it(
    'builds dist/ with the prepare script and gives a package that imports and runs',
    async () => {
      const repository = await repositoryOfWorkingTree('git-repo');
      const project = await scratchProject('git-install', { type: 'module' });
      // --foreground-scripts shows the output of the `prepare` npm runs as it packs its clone: the second
      // in that clone (its `npm install` there ran the first), which finds dist/ built and compiles nothing.
      const { stderr } = await npm(project, [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--foreground-scripts',
        `git+file://${repository}`,
      ]);
      expect(stderr).toContain('build: dist/ is already built from these sources and tools; nothing to do');
      expect(stderr).not.toContain('build: dist/ compiled');
      expect(existsSync(join(project, 'node_modules/truecaller-oauth-kit/dist/mock/index.js'))).toBe(true);
      writeFileSync(
        join(project, 'check.mjs'),
        `import { createMockServer } from 'truecaller-oauth-kit/mock';
const mock = createMockServer({ log: null });
const url = await mock.start();
const response = await fetch(url + '/v1/userinfo', { headers: { authorization: 'Bearer expired' } });
console.log(response.status);
await mock.close();`,
      );
      const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: project, env: SCRATCH_ENV });
      expect(stdout).toBe('401\n');
    },
    INSTALL_TIMEOUT_MS,
  );

  // npm fails a git install whose `prepare` script fails ("git dep preparation failed") and installs
  // nothing; what is ours is that the script fails when the build does. It runs here as npm runs it in
  // its clone, with this repository's dev dependencies in place of a second install of them (a minute of
  // two cores, for the same script).
  it(
    'fails the prepare script npm runs in its clone, naming tsc and the file, when the build fails',
    async () => {
      const clone = await copyOfWorkingTree('git-repo-broken');
      appendFileSync(join(clone, 'src/index.ts'), "\nexport const broken: number = 'not a number';\n");
      symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
      const failure = await npm(clone, ['run', 'prepare']).then(
        () => undefined,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure?.code).not.toBe(0);
      expect(failure?.stderr).toMatch(/src\/index\.ts\(\d+,\d+\): error TS2322/);
      expect(failure?.stderr).toContain('build: tsc failed (see above); dist/ is incomplete.');
    },
    INSTALL_TIMEOUT_MS,
  );
});
