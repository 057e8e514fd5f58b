import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXCHANGE_OUTCOMES } from '../../src/operations/token/outcomes.js';
import { SCENARIOS } from '../../src/operations/userinfo/scenarios.js';
import { READY_LINE_PREFIX } from '../../mock/cli/mock-cli.js';
import { request } from '../support/http.js';
import { type CliProcess, runTsCli } from '../support/spawn-cli.js';

const CLI = 'mock/cli/mock-cli.ts';
const running: CliProcess[] = [];
const start = (args: string[]): CliProcess => {
  const cli = runTsCli(CLI, args);
  running.push(cli);
  return cli;
};
afterEach(() => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
});

describe('npm run mock', () => {
  it('prints the token table and a curl line, serves, logs each request and stops on SIGTERM', async () => {
    const cli = start(['--port', '0']);
    const [, url] = await cli.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await cli.waitForOutput(/curl -H 'Authorization: Bearer valid' http:\/\/127\.0\.0\.1:\d+\/v1\/userinfo/);
    for (const scenario of SCENARIOS) {
      if (scenario.token !== null)
        expect(cli.stdout()).toMatch(new RegExp(`^\\s+${scenario.token}\\s+${scenario.status}\\s`, 'm'));
    }

    const response = await request(`${url}/v1/userinfo`, { headers: { authorization: 'Bearer expired' } });
    expect(response.status).toBe(401);
    await cli.waitForOutput(/^GET \/v1\/userinfo expired 401 \d+\.\dms$/m);

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('prints the code table, every built-in code with its status, and a curl line that exchanges a code', async () => {
    const cli = start(['--port', '0', '--quiet']);
    const [, curl] = await cli.waitForOutput(/curl (-d .+ http:\/\/\S+\/v1\/token)/);
    for (const outcome of EXCHANGE_OUTCOMES) {
      if (outcome.code !== null)
        expect(cli.stdout()).toMatch(new RegExp(`^\\s+${outcome.code}\\s+${outcome.status}\\s`, 'm'));
    }
    const fields = [...(curl ?? '').matchAll(/-d (\w+)=(\S+)/g)].map(([, name, value]) => [name, value]);
    const url = (curl ?? '').split(' ').at(-1) ?? '';
    const response = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields as [string, string][]),
    });
    expect(response.status).toBe(200);
  });

  it('logs nothing per request with --quiet, and stops on SIGINT', async () => {
    const cli = start(['--port', '0', '--quiet']);
    const [, url] = await cli.waitForOutput(/listening on (http:\/\/\S+)/);
    await request(`${url}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } });
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).not.toMatch(/^GET /m);
  });

  it('lists the tokens of a --config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tok-cli-'));
    const config = join(dir, 'mock.json');
    writeFileSync(config, JSON.stringify({ tokens: { 'ci-phone-only': { scopes: 'openid phone' } } }));
    const cli = start(['--port', '0', '--config', config]);
    const [, url] = await cli.waitForOutput(/listening on (http:\/\/\S+)/);
    expect(cli.stdout()).toMatch(/ci-phone-only\s+200\s+valid: persona full-in, scopes: openid phone/);
    const response = await request(`${url}/v1/userinfo`, {
      headers: { authorization: 'Bearer ci-phone-only' },
    });
    expect(Object.keys(response.json as object)).toContain('phone_number');
  });
});

describe('npm run mock, user mistakes', () => {
  const notJson = join(mkdtempSync(join(tmpdir(), 'tok-cli-')), 'store.json');
  writeFileSync(notJson, '{');
  let blocker: Server;
  let blockedPort: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    blockedPort = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it.each([
    ['a port in use', () => ['--port', String(blockedPort)], 1, /already in use.*--port 0/],
    ['a port that is not a number', () => ['--port', 'http'], 2, /--port must be a whole number/],
    ['an unknown flag', () => ['--prot', '1'], 2, /Unknown option --prot \(did you mean --port\?\)/],
    [
      'a config file that does not exist',
      () => ['--config', '/nonexistent/mock.json'],
      1,
      /\/nonexistent\/mock\.json: no such file/,
    ],
    ['a --delay that is not milliseconds or a range', () => ['--delay', '400-100'], 2, /--delay must be/],
    ['a --journal-size that is not a number', () => ['--journal-size', 'lots'], 2, /--journal-size must be/],
    ['a --db file that is not JSON', () => ['--port', '0', '--db', notJson], 1, /not valid JSON.*Delete it/],
  ])('exits non-zero without a stack trace for %s', async (_, args, code, message) => {
    const cli = start(args());
    expect(await cli.exited).toBe(code);
    expect(cli.stderr()).toMatch(message);
    expect(cli.stderr()).not.toMatch(/\n\s+at /);
  });
});

describe('npm run mock, --host mistakes', () => {
  const help = 'Run "npm run mock -- --help" for the options.';
  it.each([
    [
      ['--host', '999.1.1.1'],
      `--host must be an IP address of this machine or "localhost", got "999.1.1.1". ${help}`,
    ],
    [
      ['--host', 'example.com'],
      `--host must be an IP address of this machine or "localhost", got "example.com". ${help}`,
    ],
    [
      ['--host', '0.0.0.0'],
      `--host 0.0.0.0 is not loopback: anyone who reaches it could change the mock through /__admin. Give --admin-token <secret>, or --no-admin. ${help}`,
    ],
  ])('exits 2 for %j with one line pointing at --help', async (args, message) => {
    const cli = start(['--port', '0', ...args]);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toBe(`${message}\n`);
    expect(cli.stdout()).toBe('');
  });
});

describe('npm run mock, control plane flags', () => {
  const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

  it('serves /__admin by default and names it in the banner', async () => {
    const cli = start(['--port', '0', '--quiet']);
    const [, url] = await cli.waitForOutput(listening);
    await cli.waitForOutput(/Control plane: http:\S+\/__admin\/\w+, .*\/tokens/);
    const [, dashboard] = await cli.waitForOutput(/Dashboard: (http:\S+\/__admin\/ui)/);
    expect((await request(`${url}/__admin/tokens`)).status).toBe(200);
    expect((await request(dashboard ?? '')).headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('turns it off with --no-admin', async () => {
    const cli = start(['--port', '0', '--quiet', '--no-admin']);
    const [, url] = await cli.waitForOutput(listening);
    expect((await request(`${url}/__admin/tokens`)).status).toBe(404);
    expect(cli.stdout()).not.toMatch(/Control plane/);
  });

  it('guards it with --admin-token', async () => {
    const cli = start(['--port', '0', '--quiet', '--admin-token', 'flag-secret']);
    const [, url] = await cli.waitForOutput(listening);
    expect((await request(`${url}/__admin/tokens`)).status).toBe(401);
    const allowed = await request(`${url}/__admin/tokens`, {
      headers: { authorization: 'Bearer flag-secret' },
    });
    expect(allowed.status).toBe(200);
  });

  it('sets the global fault from --delay', async () => {
    const cli = start(['--port', '0', '--quiet', '--delay', '10-20']);
    const [, url] = await cli.waitForOutput(listening);
    expect((await request(`${url}/__admin/fault`)).json).toEqual({ delayMs: { min: 10, max: 20 } });
  });

  it('prints a rejected --config change and keeps serving the previous config', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tok-cli-')), 'mock.json');
    writeFileSync(file, JSON.stringify({ tokens: { kept: {} } }));
    const cli = start(['--port', '0', '--quiet', '--config', file]);
    const [, url] = await cli.waitForOutput(listening);
    writeFileSync(file, JSON.stringify({ tokens: { kept: { scenario: 'teapot' } } }));
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (!/previous config stays/.test(cli.stderr())) return;
        cli.child.stderr.off('data', check);
        resolve();
      };
      cli.child.stderr.on('data', check);
      check();
    });
    expect(cli.stderr()).toMatch(/tokens\.kept\.scenario/);
    expect((await request(`${url}/v1/userinfo`, { headers: { authorization: 'Bearer kept' } })).status).toBe(
      200,
    );
  });
});

describe('npm run mock, ready signal', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tok-ready-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('prints TRUECALLER_OAUTH_KIT_URL=<base URL> as the first line of stdout, with --port 0', async () => {
    const cli = start(['--port', '0', '--quiet']);
    const [, line = '', url = ''] = await cli.waitForOutput(
      /^(TRUECALLER_OAUTH_KIT_URL=(http:\/\/127\.0\.0\.1:\d+))\n/,
    );
    expect(line.startsWith(READY_LINE_PREFIX)).toBe(true);
    expect(cli.stdout().startsWith(`${line}\n`)).toBe(true);
    expect((await request(`${url}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } })).status).toBe(
      200,
    );
  });

  it('writes the base URL to --ready-file once listening, and removes the file when it stops', async () => {
    const file = join(folder, 'mock.url');
    const cli = start(['--port', '0', '--quiet', '--ready-file', file]);
    const [, url] = await cli.waitForOutput(/^TRUECALLER_OAUTH_KIT_URL=(\S+)\n/);
    expect(readFileSync(file, 'utf8')).toBe(`${url}\n`);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it('removes a --ready-file left by an earlier run before it listens, so a failed start announces nothing', async () => {
    const file = join(folder, 'stale.url');
    writeFileSync(file, 'http://127.0.0.1:1\n');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((blocker.address() as { port: number }).port);
      const cli = start(['--port', port, '--ready-file', file]);
      expect(await cli.exited).toBe(1);
      expect(existsSync(file)).toBe(false);
      expect(cli.stdout()).not.toContain(READY_LINE_PREFIX);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
