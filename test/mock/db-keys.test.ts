/**
 * The keys the mock signs with are part of its store (hardening): with `--db`, the ID token's key outlives
 * a restart, even one after a SIGKILL, so an ID token issued before it verifies after it; a kept key that
 * is not a usable private key makes the file refused, naming it; a bad `signingKey` is refused at start.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMockServer } from '../../mock/index.js';
import { DEFAULT_CLIENT_ID } from '../../src/operations/token/grants.js';
import { kitErrorThrownBy } from '../support/errors.js';
import { request } from '../support/http.js';
import { type CliProcess, runTsCli, startMockCli } from '../support/spawn-cli.js';
import { postCodeExchange } from '../support/token.js';

const folder = mkdtempSync(join(tmpdir(), 'tok-db-keys-'));
const running: CliProcess[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const startCli = (args: readonly string[]): Promise<{ cli: CliProcess; url: string }> =>
  startMockCli(args, running);

async function idToken(url: string): Promise<string> {
  const response = await postCodeExchange(url, 'valid-code');
  expect(response.status).toBe(200);
  return (response.json as { id_token: string }).id_token;
}

async function verifiesWithKeySetOf(url: string, token: string): Promise<void> {
  const keySet = (await request(`${url}/.well-known/${DEFAULT_CLIENT_ID}/jwks.json`)).json;
  const { payload } = await jwtVerify(token, createLocalJWKSet(keySet as never), {
    issuer: url,
    audience: DEFAULT_CLIENT_ID,
  });
  expect(payload.aud).toBe(DEFAULT_CLIENT_ID);
}

describe('the ID token key with --db', () => {
  it('verifies an ID token issued before a restart, after a SIGKILL, and keeps the key in the file', async () => {
    const db = join(folder, 'store.json');
    const first = await startCli(['--db', db]);
    const token = await idToken(first.url);
    first.cli.child.kill('SIGKILL');
    await first.cli.exited;

    // Another process: nothing of the first one's key is left but what the file and its log hold.
    const second = await startCli(['--db', db, '--port', new URL(first.url).port]);
    await verifiesWithKeySetOf(second.url, token);
    const kid = decodeProtectedHeader(await idToken(second.url)).kid;
    expect(kid).toBe(decodeProtectedHeader(token).kid);
    // The start folded the log into the file: the key is in it, and never served by the admin API.
    const saved = JSON.parse(readFileSync(db, 'utf8')) as { keys?: Record<string, { d?: string }> };
    expect(saved.keys?.['id-token']?.d).toEqual(expect.any(String));
    expect(Object.keys((await request(`${second.url}/__admin/db`)).json as object)).not.toContain('keys');
    second.cli.child.kill('SIGTERM');
    expect(await second.cli.exited).toBe(0);
  }, 60_000);

  it('refuses a --db file whose kept key is not a usable private key, naming it', () => {
    const db = join(folder, 'bad-key.json');
    const { kty, n, e } = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      format: 'jwk',
    });
    writeFileSync(
      db,
      JSON.stringify({ personas: [], tokens: [], fault: {}, keys: { 'id-token': { kty, n, e } } }),
    );
    const error = kitErrorThrownBy(() => createMockServer({ db }));
    expect(error.code).toBe('ERR_DB_INVALID');
    expect(error.message).toContain(
      '\n  - keys.id-token: a public RSA key (no "d") cannot sign; give the private key it belongs to (kty, n, e, d, p, q, dp, dq, qi)\n',
    );
  });
});

describe('npm run mock with a bad signingKey', () => {
  it('exits 1 naming the key, without a stack trace', async () => {
    const config = join(folder, 'oct.json');
    writeFileSync(config, JSON.stringify({ signingKey: { kty: 'oct', k: 'c2VjcmV0' } }));
    const cli = runTsCli('mock/cli/mock-cli.ts', ['--port', '0', '--config', config]);
    running.push(cli);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toBe(
      `The config ${config} is invalid:\n  - signingKey: a shared secret (kty "oct") cannot sign RS256 ID tokens; give a private RSA JWK (kty, n, e, d, p, q, dp, dq, qi), as \`jose\` exportJWK writes one\n`,
    );
    expect(cli.stdout()).toBe('');
  });
});
