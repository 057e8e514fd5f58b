/**
 * Big stores (hardening): a mock starts from a `--db` file of a million tokens, prints its tables (a
 * screen, not a million lines) only once it serves, answers, lists and resets; and a `--db` file the
 * mock itself wrote with 200,000 tokens starts again (at 130,000 the start printed the ready line and
 * died of a stack overflow in the CLI's table); a `--config` of 200,000 tokens (as many as its 4 MiB
 * hold) starts and reloads. Each mock runs as the CLI, in a process of its own.
 */
import { closeSync, mkdtempSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMock } from '../../mock/index.js';
import { request } from '../support/http.js';
import { type CliProcess, startMockCli } from '../support/spawn-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'tok-big-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const running: CliProcess[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
});

/** A `--db` file of the built-in store and `count` more tokens, written as text in pieces (a second or so for a million). */
function writeDbWithTokens(file: string, count: number): void {
  const mock = createMock({ admin: false });
  const data = mock.store.snapshot() as unknown as Record<string, unknown[]>;
  void mock.close();
  const descriptor = openSync(file, 'w');
  let text = `{\n  "tokens": [${data.tokens?.map((token) => `\n    ${JSON.stringify(token)}`).join(',')}`;
  for (let index = 0; index < count; index++) {
    text += `,\n    {"id":"bulk-${index}","persona":"full-in","scopes":["openid","phone"],"scenario":"valid"}`;
    if (text.length > 1 << 20) {
      writeSync(descriptor, text);
      text = '';
    }
  }
  text += '\n  ]';
  for (const [name, records] of Object.entries(data))
    if (name !== 'tokens') text += `,\n  ${JSON.stringify(name)}: ${JSON.stringify(records)}`;
  writeSync(descriptor, `${text}\n}\n`);
  closeSync(descriptor);
}

const startCli = (
  file: string,
  flag: '--db' | '--config' = '--db',
): Promise<{ cli: CliProcess; url: string }> => startMockCli([flag, file], running);

const json = { 'content-type': 'application/json' };

describe('a mock of a million tokens', () => {
  it('starts, summarises its table, answers, lists, resets and stops', async () => {
    const db = join(folder, 'million.json');
    writeDbWithTokens(db, 1_000_000);
    const { cli, url } = await startCli(db);
    // The ready line came once it served: its table is printed whole, after it, in the same turn.
    await cli.waitForOutput(/^ {2}\(anything else\) +401 /m);
    expect(cli.stdout()).toMatch(/^ {2}bulk-19 +200 +valid: persona full-in, scopes: openid phone$/m);
    expect(cli.stdout()).not.toMatch(/^ {2}bulk-20 /m);
    expect(cli.stdout()).toMatch(/^ {2}\.\.\. +999,980 more tokens, not listed here$/m);
    expect(cli.stdout().split('\n').length).toBeLessThan(120);

    const userInfo = await request(`${url}/v1/userinfo`, {
      headers: { authorization: 'Bearer bulk-999999' },
    });
    expect(userInfo.status).toBe(200);
    const page = await request(`${url}/__admin/tokens?_page=50000&_limit=20`, { headers: json });
    expect(page.status).toBe(200);
    expect(page.headers['x-total-count']).toBe('1000008');
    expect((page.json as { id: string }[]).map((token) => token.id).at(-1)).toBe('bulk-999991');
    expect((await request(`${url}/__admin/tokens/bulk-123456`, { headers: json })).status).toBe(200);
    // The whole list too (HEAD: the same answer without its 90 MB body in this process).
    const whole = await request(`${url}/__admin/tokens`, { method: 'HEAD', headers: json });
    expect(whole.status).toBe(200);
    expect(Number(whole.headers['content-length'])).toBeGreaterThan(80_000_000);
    const added = await request(`${url}/__admin/tokens`, {
      method: 'POST',
      headers: json,
      body: '{"id":"new"}',
    });
    expect(added.status).toBe(201);
    expect((await request(`${url}/__admin/reset`, { method: 'POST', headers: json })).status).toBe(204);
    expect((await request(`${url}/__admin/tokens/new`, { headers: json })).status).toBe(404);
    expect(
      (await request(`${url}/v1/userinfo`, { headers: { authorization: 'Bearer bulk-0' } })).status,
    ).toBe(200);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).toBe('');
  }, 240_000);
});

describe('a --db file the mock wrote with 200,000 tokens', () => {
  it('starts again', async () => {
    const db = join(folder, 'written.json');
    // Written by the mock itself: each token through the control plane's checks, logged, folded, saved.
    const writer = createMock({ db, admin: false });
    for (let index = 0; index < 200_000; index++) writer.registerToken({ token: `added-${index}` });
    await writer.close();

    const { cli, url } = await startCli(db);
    await cli.waitForOutput(/^ {2}\.\.\. +199,980 more tokens, not listed here$/m);
    const response = await request(`${url}/v1/userinfo`, {
      headers: { authorization: 'Bearer added-199999' },
    });
    expect(response.status).toBe(200);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  }, 240_000);
});

/** A config of `count` tokens named `prefix` and a number, each with the defaults; written as editors save. */
function writeConfigWithTokens(file: string, prefix: string, count: number): void {
  const tokens = Array.from({ length: count }, (_, index) => `"${prefix}${index}":{}`);
  writeFileSync(`${file}.new`, `{"tokens":{${tokens.join(',')}}}`);
  renameSync(`${file}.new`, file);
}

const status = async (url: string, token: string): Promise<number> =>
  (await request(`${url}/v1/userinfo`, { headers: { authorization: `Bearer ${token}` } })).status;

describe('a --config of 200,000 tokens', () => {
  it('starts, summarises its table, and reloads when the file changes', async () => {
    const config = join(folder, 'big-config.json');
    writeConfigWithTokens(config, 'first-', 200_000);
    const { cli, url } = await startCli(config, '--config');
    await cli.waitForOutput(/^ {2}\.\.\. +199,980 more tokens, not listed here$/m);
    expect(await status(url, 'first-199999')).toBe(200);

    writeConfigWithTokens(config, 'second-', 200_000);
    await cli.waitForOutput(/^config \S+ reloaded$/m);
    expect(await status(url, 'second-199999')).toBe(200);
    expect(await status(url, 'first-199999')).toBe(401);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).toBe('');
  }, 120_000);
});
