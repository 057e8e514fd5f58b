import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
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

/**
 * A git repository holding this working tree as it is (tracked files and new ones, nothing ignored), so
 * `npm install git+file://...` sees what a push would publish. `change` may break it first.
 */
async function repositoryOfWorkingTree(name: string, change?: (folder: string) => void): Promise<string> {
  const folder = await scratchFolder(name);
  const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    maxBuffer: 64 << 20,
  });
  for (const file of stdout.split('\0').filter((path) => path !== '' && existsSync(join(ROOT, path)))) {
    mkdirSync(dirname(join(folder, file)), { recursive: true });
    cpSync(join(ROOT, file), join(folder, file));
  }
  change?.(folder);
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
      await npm(project, [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        `git+file://${repository}`,
      ]);
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

  it(
    'fails the install, naming the failed preparation, when the build fails',
    async () => {
      const repository = await repositoryOfWorkingTree('git-repo-broken', (folder) =>
        appendFileSync(join(folder, 'src/index.ts'), "\nexport const broken: number = 'not a number';\n"),
      );
      const project = await scratchProject('git-install-broken', { type: 'module' });
      const failure = await npm(project, [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        `git+file://${repository}`,
      ]).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).not.toBe(0);
      expect(failure?.stderr).toContain('git dep preparation failed');
      expect(existsSync(join(project, 'node_modules/truecaller-oauth-kit'))).toBe(false);
    },
    INSTALL_TIMEOUT_MS,
  );
});
