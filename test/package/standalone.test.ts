import { type ChildProcessWithoutNullStreams, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../contracts/bin.js';
import { PACKAGE_ONLY_COMMANDS, packageOnlyNote } from '../../mock/cli/commands.js';
import { READY_LINE_PREFIX } from '../../mock/cli/mock-cli.js';
import { createProfiles } from '../../fixtures/profile-factory.js';
import { findPersona } from '../../fixtures/personas.js';
import { loadApiDocument } from '../../src/openapi/api-document.js';
import { openApiProblems, request } from '../support/http.js';
import { INSTALL_TIMEOUT_MS, scratchFolder, TOOL_TIMEOUT_MS } from '../support/packed-package.js';
import { readmeExample } from '../support/readme.js';
import { ROOT } from '../support/spawn-cli.js';
import { commandPath, describeWith, JUNIT_DIR, pythonWithPytest } from '../support/tools.js';
import {
  GONE_WITHIN_MS,
  killStartedGroups,
  leftAfterStop,
  listening,
  readyUrl,
  startMockProcess,
  stop,
  type StopBy,
  underHarness,
} from '../support/stopping.js';

const run = promisify(execFile);

// The PATH of a machine without Node: every folder of this one that holds no `node`. Interpreters the
// harnesses need (python3, java) are called by their absolute paths.
const NODELESS_PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((folder) => folder !== '' && !existsSync(join(folder, 'node')))
  .join(delimiter);
const NODELESS_ENV = { PATH: NODELESS_PATH, HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1' };

// The executable is built for, and on, linux-x64 (mock/cli/build-standalone.mjs).
const ON_LINUX_X64 = process.platform === 'linux' && process.arch === 'x64';

let folder: string;
let executable: string;
/** What the build printed, both streams. */
let buildOutput = '';

beforeAll(async () => {
  if (!ON_LINUX_X64) return;
  folder = await scratchFolder('standalone');
  // As a user runs it: the npm script, here told where to write.
  const built = await run('npm', ['run', '--silent', 'build:standalone', '--', '--out', folder], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 << 20,
  });
  buildOutput = `${built.stdout}${built.stderr}`;
  executable = join(folder, 'truecaller-oauth-kit');
}, INSTALL_TIMEOUT_MS);

/** The command names a usage lists under "Commands:". */
function commandsOf(usage: string): string[] {
  return [...usage.matchAll(/^ {2}(\S+) {2,}/gm)].map(([, name]) => name ?? '');
}

/** Runs the executable with no node on PATH; resolves with its exit code and output. */
async function standalone(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(executable, [...args], { env: NODELESS_ENV, cwd: folder }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe.runIf(ON_LINUX_X64)(
  'the standalone executable, on a PATH without node',
  { timeout: TOOL_TIMEOUT_MS },
  () => {
    it('runs where no node is found', () => {
      expect(spawnSync('sh', ['-c', 'command -v node'], { env: NODELESS_ENV }).status).not.toBe(0);
    });

    it('prints the version and a usage naming it as called, with mock and fixtures only', async () => {
      expect((await standalone(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
      const help = await standalone(['--help']);
      expect(help.stdout.split('\n')[0]).toBe('Usage: truecaller-oauth-kit <command> [options]');
      expect(help.stdout).toMatch(/^\s+mock\s/m);
      expect(help.stdout).toMatch(/^\s+fixtures\s/m);
      expect(help.stdout).not.toMatch(/^\s+verify\s/m);
    });

    it('was built without warnings: postject’s note-section names are not reported', () => {
      expect(buildOutput).toMatch(/^build:standalone: wrote /m);
      expect(buildOutput).not.toMatch(/warning/i);
    });

    it('says of each command of the package it lacks (verify, probe) that the npm package has it', async () => {
      const usage = (await standalone(['--help'])).stdout;
      const packageUsage = await captureLog(() => runCli(['--help']));
      const lacking = commandsOf(packageUsage).filter((name) => !commandsOf(usage).includes(name));
      expect(lacking).toEqual([...PACKAGE_ONLY_COMMANDS]);
      expect(usage).toContain(packageOnlyNote());
      for (const name of lacking) {
        const asked = await standalone([name]);
        expect(asked.code, name).toBe(2);
        expect(asked.stderr).toBe(`${packageOnlyNote(name)}\n`);
        expect(asked.stderr).toContain(`npx truecaller-oauth-kit ${name}`);
      }
    });

    it('answers a usage mistake with one line and exit 2', async () => {
      const result = await standalone(['mock', '--prot', '0']);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'Unknown option --prot (did you mean --port?). Run "truecaller-oauth-kit mock --help" for the options.\n',
      );
    });

    it('carries the shared store’s client: an unreachable --store is one line and exit 1, not a missing module', async () => {
      const result = await standalone([
        'mock',
        '--port',
        '0',
        '--store',
        'redis://127.0.0.1:9/0',
        '--workers',
        '2',
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^Cannot reach the shared store redis:\/\/127\.0\.0\.1:9\/0 \(--store\): [^\n]+\n$/,
      );
    });

    it('writes the same profiles as the package’s fixtures', async () => {
      const { stdout } = await standalone(['fixtures', '--count', '3', '--seed', '7']);
      expect(JSON.parse(stdout)).toEqual([...createProfiles({ seed: 7, count: 3 })]);
    });

    describe('its mock', () => {
      let mock: ChildProcessWithoutNullStreams;
      let url: string;

      beforeAll(async () => {
        const config = join(folder, 'mock.json');
        writeFileSync(config, JSON.stringify({ tokens: { 'harness-token': { scopes: 'openid phone' } } }));
        mock = spawn(executable, ['mock', '--port', '0', '--quiet', '--config', config], {
          env: NODELESS_ENV,
        });
        const line = await firstLine(mock.stdout);
        expect(line.startsWith(READY_LINE_PREFIX)).toBe(true);
        url = line.slice(READY_LINE_PREFIX.length);
      });
      afterAll(() => {
        if (mock.exitCode === null) mock.kill('SIGKILL');
      });

      it('announces its URL on the first line and answers as openapi.yaml documents', async () => {
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const response = await request(`${url}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } });
        expect(response.status).toBe(200);
        expect(response.json).toEqual(findPersona('full-in')?.claims);
        expect(openApiProblems('/v1/userinfo', 'get', response)).toEqual([]);
      });

      it('reads a --config file (its checks bundled) and lists tokens through json-server (bundled)', async () => {
        const configured = await request(`${url}/v1/userinfo`, {
          headers: { authorization: 'Bearer harness-token' },
        });
        expect(Object.keys(configured.json as object).sort()).toEqual([
          'phone_number',
          'phone_number_country_code',
          'phone_number_verified',
          'sub',
        ]);
        const listed = await request(`${url}/__admin/tokens?scenario=expired`);
        expect(listed.status).toBe(200);
        expect((listed.json as { id: string }[]).map((token) => token.id)).toEqual(['expired']);
      });

      it('serves the document it answers from, the one the kit ships', async () => {
        const yaml = await request(`${url}/openapi.yaml`);
        expect(yaml.status).toBe(200);
        expect(yaml.text).toBe(readFileSync(join(ROOT, 'openapi.yaml'), 'utf8'));
        expect((await request(`${url}/openapi.json`)).json).toEqual(loadApiDocument());
      });

      it('says it has no dashboard, and where to find one', async () => {
        const page = await request(`${url}/__admin/ui`);
        expect(page.status).toBe(503);
        expect((page.json as { error_description: string }).error_description).toContain(
          'The standalone executable has no dashboard or API reference: run the npm package',
        );
      });

      it('stops cleanly on SIGTERM', async () => {
        const exited = new Promise<number | null>((resolve) => mock.once('exit', (code) => resolve(code)));
        mock.kill('SIGTERM');
        expect(await exited).toBe(0);
      });
    });
  },
);

describe.runIf(ON_LINUX_X64)(
  'the standalone executable’s mock, stopped',
  { timeout: TOOL_TIMEOUT_MS },
  () => {
    afterEach(killStartedGroups);
    const GONE = { listening: false, readyFile: false };

    it.each<StopBy>(['SIGTERM', 'SIGINT', 'Ctrl-C'])(
      `closes its port and removes its ready file within ${GONE_WITHIN_MS} ms of %s`,
      async (by) => {
        const mock = await startMockProcess(executable, ['mock'], { cwd: folder, env: NODELESS_ENV });
        stop(mock.child, by);
        expect(await leftAfterStop(mock.url, mock.readyFile)).toEqual(GONE);
      },
    );

    it(`is gone within ${GONE_WITHIN_MS} ms of its harness's SIGKILL, with --exit-on-stdin-close`, async () => {
      const [command, args] = underHarness(executable, ['mock', '--exit-on-stdin-close']);
      const mock = await startMockProcess(command, args, { cwd: folder, env: NODELESS_ENV });
      mock.child.kill('SIGKILL');
      expect(await leftAfterStop(mock.url, mock.readyFile)).toEqual(GONE);
    });
  },
);

/** What `work` writes with console.log, instead of printing it. */
async function captureLog(work: () => Promise<unknown>): Promise<string> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '));
  });
  try {
    await work();
  } finally {
    log.mockRestore();
  }
  return lines.join('\n');
}

/** The first line a stream carries; the rest is read on and dropped, so the writer never blocks. */
function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: stream });
    lines.once('line', resolve);
    lines.once('close', () => reject(new Error('the stream ended before a line')));
  });
}

describeWith('pytest')(
  'the README pytest fixture, against the standalone executable',
  { timeout: TOOL_TIMEOUT_MS, skip: !ON_LINUX_X64 },
  () => {
    // The python3 describeWith('pytest') found, by its real path, so it runs on the node-less PATH.
    const python = pythonWithPytest() ?? 'python3';

    it('passes its test with no node on PATH', async () => {
      const suite = join(folder, 'pytest-suite');
      mkdirSync(suite, { recursive: true });
      writeFileSync(join(suite, 'conftest.py'), readmeExample('pytest-conftest'));
      writeFileSync(join(suite, 'test_userinfo.py'), readmeExample('pytest-test'));
      const { stdout } = await run(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], {
        cwd: suite,
        env: { ...NODELESS_ENV, TRUECALLER_OAUTH_KIT: executable },
      });
      expect(stdout).toMatch(/^1 passed/m);
    });

    it(`leaves no mock behind when pytest is killed (SIGKILL): gone within ${GONE_WITHIN_MS} ms`, async () => {
      const suite = join(folder, 'pytest-killed');
      mkdirSync(suite, { recursive: true });
      writeFileSync(join(suite, 'conftest.py'), readmeExample('pytest-conftest'));
      // A test that hands the test the mock's URL, then runs until pytest is killed.
      writeFileSync(
        join(suite, 'test_killed.py'),
        'import time\n\n\ndef test_runs_until_killed(truecaller_mock):\n' +
          '    with open("mock.url", "w") as url:\n        url.write(truecaller_mock + "\\n")\n' +
          '    time.sleep(600)\n',
      );
      // In a process group of its own, as from a terminal: the finally ends whatever is left of it.
      const pytest = spawn(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], {
        cwd: suite,
        env: { ...NODELESS_ENV, TRUECALLER_OAUTH_KIT: executable },
        stdio: 'ignore',
        detached: true,
      });
      try {
        const url = await readyUrl(join(suite, 'mock.url'), pytest, () => 'pytest');
        expect(await listening(url)).toBe(true);
        pytest.kill('SIGKILL');
        expect(await leftAfterStop(url)).toEqual({ listening: false, readyFile: false });
      } finally {
        process.kill(-(pytest.pid ?? Number.NaN), 'SIGKILL');
      }
    });
  },
);

// JUnit 5 as Debian's junit5 package installs it.
const JUNIT = JUNIT_DIR;

describeWith('javac', 'junit5')(
  'the README JUnit 5 test, against the standalone executable',
  { timeout: TOOL_TIMEOUT_MS, skip: !ON_LINUX_X64 },
  () => {
    it('passes with no node on PATH', async () => {
      const suite = join(folder, 'junit-suite');
      mkdirSync(suite, { recursive: true });
      writeFileSync(join(suite, 'TruecallerMockTest.java'), readmeExample('junit-test'));
      const javac = realCommand('javac');
      const java = realCommand('java');
      await run(
        javac,
        ['-d', 'classes', '-cp', join(JUNIT, 'junit-jupiter-api.jar'), 'TruecallerMockTest.java'],
        {
          cwd: suite,
          env: NODELESS_ENV,
        },
      );
      const { stdout } = await run(
        java,
        [
          '-jar',
          join(JUNIT, 'junit-platform-console-standalone.jar'),
          '-cp',
          'classes',
          '--select-class',
          'TruecallerMockTest',
          '--disable-banner',
          '--details=summary',
        ],
        { cwd: suite, env: { ...NODELESS_ENV, TRUECALLER_OAUTH_KIT: executable } },
      );
      expect(stdout).toMatch(/\b1 tests successful\b/);
      expect(stdout).toMatch(/\b0 tests failed\b/);
    });
  },
);

/** The absolute path of a command on this machine's PATH, so it runs on the node-less one. */
function realCommand(name: string): string {
  const found = commandPath(name);
  if (found === undefined) throw new Error(`${name} is not on PATH`);
  return found;
}
