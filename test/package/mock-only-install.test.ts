import { execFile } from 'node:child_process';
import { lstatSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readmeExample } from '../support/readme.js';
import {
  INSTALL_TIMEOUT_MS,
  TOOL_TIMEOUT_MS,
  npm,
  npmInstall,
  packedTarball,
  SCRATCH_ENV,
  scratchProject,
} from '../support/packed-package.js';

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

/** Bytes of every file under `folder` (what the files hold, not the blocks they take), and their count. */
function filesUnder(folder: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const stats = lstatSync(join(folder, name));
    if (!stats.isFile()) continue;
    bytes += stats.size;
    files++;
  }
  return { bytes, files };
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

    it(`stays within ${MOCK_ONLY_LIMIT_BYTES / 1024 / 1024} MB of files`, () => {
      const { bytes, files } = filesUnder(join(project, 'node_modules'));
      expect(files).toBeGreaterThan(1000);
      expect(bytes).toBeLessThan(MOCK_ONLY_LIMIT_BYTES);
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
