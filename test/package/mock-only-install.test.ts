import { execFile } from 'node:child_process';
import { lstatSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { README_FILES, readmeExample, readmeText } from '../support/readme.js';
import {
  INSTALL_TIMEOUT_MS,
  TOOL_TIMEOUT_MS,
  npm,
  npmInstall,
  packedTarball,
  SCRATCH_ENV,
  scratchProject,
} from '../support/packed-package.js';
import {
  GONE_WITHIN_MS,
  killStartedGroups,
  leftAfterStop,
  startMockProcess,
  stop,
  type StopBy,
  underHarness,
} from '../support/stopping.js';

const run = promisify(execFile);

/** The goal for a team that only wants the mock and the fixtures. */
const MOCK_ONLY_LIMIT_BYTES = 30 * 1024 * 1024;

// A default `npm init -y` project: no "type", so its .js files are CommonJS.
let project: string;
let installOutput: string;

beforeAll(async () => {
  project = await scratchProject('mock-only');
  const { stdout, stderr } = await npmInstall(project, [await packedTarball()]);
  installOutput = `${stdout}\n${stderr}`;
}, INSTALL_TIMEOUT_MS);

/**
 * Bytes of every file under `folder` (what the files hold, not the blocks they take), their count, and
 * the bytes of the blocks everything under it takes on this file system (what `du` counts).
 */
function filesUnder(folder: string): { bytes: number; files: number; diskBytes: number } {
  let bytes = 0;
  let files = 0;
  let diskBytes = lstatSync(folder).blocks * 512;
  for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const stats = lstatSync(join(folder, name));
    diskBytes += stats.blocks * 512;
    if (!stats.isFile()) continue;
    bytes += stats.size;
    files++;
  }
  return { bytes, files, diskBytes };
}

/** What the docs say a mock-only install is, in each README file that says it. */
interface DocumentedSize {
  readonly file: string;
  readonly packages: number;
  /** As written (`23`, `23.2`): compared at the precision written. */
  readonly megabytes?: string;
  readonly mebibytes?: string;
}

/**
 * Every "mock-only install ... is N packages[: X MB of files (Y MiB)]" of the README files: the figures
 * the docs give, which must be what this test measures.
 */
function documentedSizes(): DocumentedSize[] {
  const pattern =
    /mock-only install[^.]*?\bis (\d+) packages(?:: (\d+(?:\.\d+)?) MB of files(?: \((\d+(?:\.\d+)?) MiB\))?)?/gi;
  return README_FILES.flatMap((file) =>
    [...readmeText(file).replace(/\s+/g, ' ').matchAll(pattern)].map(
      ([, packages, megabytes, mebibytes]) => ({
        file,
        packages: Number(packages),
        ...(megabytes === undefined ? {} : { megabytes }),
        ...(mebibytes === undefined ? {} : { mebibytes }),
      }),
    ),
  );
}

/** `value` written at the precision of `written` (`23` or `23.2`). */
function atPrecisionOf(written: string, value: number): string {
  return value.toFixed(written.split('.')[1]?.length ?? 0);
}

describe(
  'a mock-only install: the packed kit alone, in a default npm init project',
  { timeout: TOOL_TIMEOUT_MS },
  () => {
    it('warns of no engine this Node does not satisfy', () => {
      expect(installOutput).not.toMatch(/EBADENGINE/);
    });

    it('installs neither Pact nor the OpenAPI comparator', async () => {
      const { stdout } = await npm(project, ['ls', '--all', '--parseable']);
      const installed = stdout.split('\n').filter((line) => line.includes('node_modules'));
      expect(installed.length).toBeGreaterThan(50);
      expect(installed.filter((line) => /@pact-foundation|openapi-pact-comparator/.test(line))).toEqual([]);
    });

    it(`stays within ${MOCK_ONLY_LIMIT_BYTES / 1024 / 1024} MiB of files`, () => {
      const { bytes, files } = filesUnder(join(project, 'node_modules'));
      expect(files).toBeGreaterThan(1000);
      expect(bytes).toBeLessThan(MOCK_ONLY_LIMIT_BYTES);
    });

    it('is as many packages and MB of files as the docs say, and prints what it measured', async () => {
      const { stdout } = await npm(project, ['ls', '--all', '--parseable']);
      // One line per package folder: the kit and everything it brought.
      const packages = stdout.split('\n').filter((line) => line.includes('node_modules')).length;
      const { bytes, files, diskBytes } = filesUnder(join(project, 'node_modules'));
      const { stdout: npmVersion } = await npm(project, ['--version']);
      const megabytes = bytes / 1e6;
      const mebibytes = bytes / 2 ** 20;
      // The figures as the docs give them, for whoever writes them there; the blocks depend on the file system.
      console.log(
        `A mock-only install is ${packages} packages: ${megabytes.toFixed(1)} MB of files (${mebibytes.toFixed(1)} MiB, ` +
          `${files} files), ${(diskBytes / 1e6).toFixed(1)} MB on this disk; Node ${process.version}, npm ${npmVersion.trim()}.`,
      );
      expect(installOutput).toContain(`added ${packages} packages`);
      for (const { file, ...said } of documentedSizes()) {
        // A figure that moved (a dependency's new release) fails here: the docs take the line printed above.
        const where = `${file} gives the mock-only install's size; the line above is what was measured`;
        expect(said.packages, where).toBe(packages);
        if (said.megabytes !== undefined)
          expect(said.megabytes, where).toBe(atPrecisionOf(said.megabytes, megabytes));
        if (said.mebibytes !== undefined)
          expect(said.mebibytes, where).toBe(atPrecisionOf(said.mebibytes, mebibytes));
      }
    });

    it('runs the README backend test as written with node --test (CommonJS, no top-level await)', async () => {
      writeFileSync(join(project, 'backend.test.js'), readmeExample('backend-test'));
      const { stdout } = await run(process.execPath, ['--test', 'backend.test.js'], {
        cwd: project,
        env: SCRATCH_ENV,
      });
      expect(stdout).toMatch(/^# pass 1$/m);
      expect(stdout).toMatch(/^# fail 0$/m);
    });

    it('loads truecaller-oauth-kit/contracts without Pact; a builder names the install command', async () => {
      writeFileSync(
        join(project, 'contracts.js'),
        `const { PROVIDER_STATES, userInfoInteraction } = require('truecaller-oauth-kit/contracts');
try {
  userInfoInteraction({ addInteraction() { throw new Error('not reached'); } }, 'valid');
} catch (error) {
  console.log(JSON.stringify({ state: PROVIDER_STATES.valid, code: error.code, message: error.message }));
}`,
      );
      const { stdout } = await run(process.execPath, ['contracts.js'], { cwd: project, env: SCRATCH_ENV });
      expect(JSON.parse(stdout)).toEqual({
        state: 'a valid access token with all scopes',
        code: 'ERR_DEPENDENCY_MISSING',
        message:
          'userInfoInteraction needs @pact-foundation/pact (optional peer dependency of truecaller-oauth-kit): run npm install --save-dev @pact-foundation/pact@^16.5.0',
      });
    });

    it('loads truecaller-oauth-kit/msw without msw; truecallerHandlers names the install command', async () => {
      writeFileSync(
        join(project, 'msw.mjs'),
        `import { createMock, truecallerHandlers } from 'truecaller-oauth-kit/msw';
const mock = createMock();
try {
  truecallerHandlers(mock);
} catch (error) {
  console.log(JSON.stringify({ code: error.code, message: error.message }));
}
await mock.close();`,
      );
      const { stdout } = await run(process.execPath, ['msw.mjs'], { cwd: project, env: SCRATCH_ENV });
      expect(JSON.parse(stdout)).toEqual({
        code: 'ERR_DEPENDENCY_MISSING',
        message:
          'truecallerHandlers needs msw (optional peer dependency of truecaller-oauth-kit): run npm install --save-dev msw@^2',
      });
    });

    it('mock --store exits 1 with one line naming the command that installs the Redis client', async () => {
      const bin = join(project, 'node_modules/.bin/truecaller-oauth-kit');
      const failure = await run(bin, ['mock', '--port', '0', '--store', 'redis://127.0.0.1:9/0'], {
        cwd: project,
        env: SCRATCH_ENV,
      }).then(
        () => undefined,
        (error: unknown) => error as { code: number; stdout: string; stderr: string },
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stdout).toBe('');
      expect(failure?.stderr).toBe(
        '--store needs @redis/client (optional peer dependency of truecaller-oauth-kit): run npm install --save-dev @redis/client@^6.4.0\n',
      );
    });

    it('verify exits 1 with one line naming the command that installs both peers', async () => {
      const bin = join(project, 'node_modules/.bin/truecaller-oauth-kit');
      const failure = await run(bin, ['verify', 'pacts/app.json'], { cwd: project, env: SCRATCH_ENV }).then(
        () => undefined,
        (error: unknown) => error as { code: number; stdout: string; stderr: string },
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stdout).toBe('');
      expect(failure?.stderr).toBe(
        'verify needs @pact-foundation/pact and @pactflow/openapi-pact-comparator (optional peer dependencies of truecaller-oauth-kit): run npm install --save-dev @pact-foundation/pact@^16.5.0 @pactflow/openapi-pact-comparator@^1.7.0\n',
      );
    });
  },
);

describe(
  'the mock of a mock-only install, started as the READMEs start it and stopped',
  { timeout: TOOL_TIMEOUT_MS },
  () => {
    afterEach(killStartedGroups);
    const GONE = { listening: false, readyFile: false };
    const bin = (): string => join(project, 'node_modules/.bin/truecaller-oauth-kit');

    it.each<[string, StopBy, () => [string, string[]]]>([
      ['npx truecaller-oauth-kit mock', 'SIGTERM', () => ['npx', ['truecaller-oauth-kit', 'mock']]],
      ['npx truecaller-oauth-kit mock', 'Ctrl-C', () => ['npx', ['truecaller-oauth-kit', 'mock']]],
      ['the bin', 'SIGTERM', () => [bin(), ['mock']]],
      ['the bin', 'SIGINT', () => [bin(), ['mock']]],
    ])(`%s: port closed and ready file gone within ${GONE_WITHIN_MS} ms of %s`, async (_, by, command) => {
      const [file, args] = command();
      const mock = await startMockProcess(file, args, { cwd: project, env: SCRATCH_ENV });
      stop(mock.child, by);
      expect(await leftAfterStop(mock.url, mock.readyFile)).toEqual(GONE);
    });

    it(`npx truecaller-oauth-kit mock --exit-on-stdin-close: gone within ${GONE_WITHIN_MS} ms of its harness's SIGKILL`, async () => {
      const [file, args] = underHarness('npx', ['truecaller-oauth-kit', 'mock', '--exit-on-stdin-close']);
      const mock = await startMockProcess(file, args, { cwd: project, env: SCRATCH_ENV });
      mock.child.kill('SIGKILL');
      expect(await leftAfterStop(mock.url, mock.readyFile)).toEqual(GONE);
    });
  },
);
