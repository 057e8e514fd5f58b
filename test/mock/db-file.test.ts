import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkStoreData } from '../../mock/config/db-file.js';
import { readDbFile } from '../../mock/config/db-persistence.js';
import { createMock, createMockServer, type MockServer } from '../../mock/index.js';
import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../../src/operations/token/grants.js';
import { KitError } from '../../src/errors.js';
import { startMock } from '../support/doors.js';
import { kitErrorOf } from '../support/errors.js';
import { openApiProblems, request } from '../support/http.js';
import { type CliProcess, runTsCli } from '../support/spawn-cli.js';

// The servers the running test started, newest last: a test closes one to start another on its file
// (startMock closes the rest when the test finishes).
const running: MockServer[] = [];
const children: CliProcess[] = [];
afterEach(() => {
  running.length = 0;
  for (const cli of children.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tok-db-'));
}

async function start(db: string): Promise<string> {
  const { server, url } = await startMock({ db });
  running.push(server);
  return url;
}

function addToken(base: string, id: string): Promise<{ status: number }> {
  return request(`${base}/__admin/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, scopes: ['openid'] }),
  });
}

/** The tokens the next start would load: the file with its log replayed. */
function savedTokens(file: string): string[] {
  return checkStoreData(readDbFile(file), file).tokens.map((token) => token.id);
}

/** The tokens in the file alone, without its log. */
function tokensInFile(file: string): string[] {
  return checkStoreData(JSON.parse(readFileSync(file, 'utf8')), file).tokens.map((token) => token.id);
}

describe('--db', () => {
  it('writes the initial store to a new file, and every change after', async () => {
    const file = join(tempDir(), 'store.json');
    const base = await start(file);
    expect(savedTokens(file)).toContain('valid');
    await addToken(base, 'kept-token');
    expect(savedTokens(file)).toContain('kept-token');
  });

  it('loads the store from the file at start, so a restart keeps the changes', async () => {
    const file = join(tempDir(), 'store.json');
    const first = await start(file);
    await addToken(first, 'survivor');
    await running.pop()?.close();
    const second = await start(file);
    const response = await request(`${second}/v1/userinfo`, {
      headers: { authorization: 'Bearer survivor' },
    });
    expect(response.status).toBe(200);
  });

  it('refuses a file that holds no valid store, naming every problem', () => {
    const file = join(tempDir(), 'store.json');
    writeFileSync(file, JSON.stringify({ tokens: [{ id: 'x', scenario: 'nope' }], personas: 3, fault: {} }));
    const attempt = (): MockServer => createMockServer({ db: file });
    expect(attempt).toThrow(KitError);
    expect(attempt).toThrow(/personas: must be a list/);
    // With a log beside it, the same: the log is not replayed over a file of the wrong shape.
    writeFileSync(`${file}.wal`, '{"op":"delete","collection":"tokens","id":"x"}\n');
    expect(attempt).toThrow(/personas: must be a list/);
  });

  it('refuses a file that is not JSON, saying how to recover', () => {
    const file = join(tempDir(), 'store.json');
    writeFileSync(file, '{"tokens": [');
    expect(() => createMockServer({ db: file })).toThrow(/not valid JSON.*Delete it/);
  });

  it('loads a file an editor saved with a UTF-8 byte-order mark, and names a UTF-16 one without loading it', async () => {
    const file = join(tempDir(), 'store.json');
    const first = await start(file);
    await addToken(first, 'edited');
    await running.pop()?.close();
    const saved = readFileSync(file);
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), saved]));
    const second = await start(file);
    expect(
      (await request(`${second}/v1/userinfo`, { headers: { authorization: 'Bearer edited' } })).status,
    ).toBe(200);
    await running.pop()?.close();
    const utf16 = Buffer.from(`\ufeff${readFileSync(file, 'utf8').replace(/^\ufeff/, '')}`, 'utf16le');
    writeFileSync(file, utf16);
    expect(() => createMockServer({ db: file })).toThrow(
      /--db file .*store\.json: it is UTF-16 text .*save it as UTF-8/,
    );
    // Refused, not replaced: what the user saved is still there to convert.
    expect(readFileSync(file)).toEqual(utf16);
  });

  it('answers 500, as openapi.yaml describes, when the file can no longer be written', async () => {
    const dir = tempDir();
    const base = await start(join(dir, 'store.json'));
    rmSync(dir, { recursive: true });
    const response = await request(`${base}/__admin/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'unsaved' }),
    });
    expect(response.status).toBe(500);
    expect(openApiProblems('/__admin/tokens', 'post', response)).toEqual([]);
    expect((response.json as { error_description: string }).error_description).toMatch(/not saved/);
  });

  it('touches no file without --db', async () => {
    const cwd = tempDir();
    const cli = runTsCli('mock/cli/mock-cli.ts', ['--port', '0', '--quiet'], { cwd });
    children.push(cli);
    const [, base = ''] = await cli.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    expect((await addToken(base, 'in-memory')).status).toBe(201);
    await request(`${base}/__admin/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('leaves a valid file holding every acknowledged write when killed with SIGKILL mid-write', async () => {
    const dir = tempDir();
    const file = join(dir, 'store.json');
    const cli = runTsCli('mock/cli/mock-cli.ts', ['--port', '0', '--quiet', '--db', file]);
    children.push(cli);
    const [, base = ''] = await cli.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    // A persona big enough that each change is a large append, and folds come often.
    const claims = { sub: '1', given_name: 'x'.repeat(30_000) };
    const acknowledged: string[] = [];
    const refused: string[] = [];
    let enough = (): void => undefined;
    const eighty = new Promise<void>((resolve) => (enough = resolve));
    let stopped = false;
    const writer = async (lane: number): Promise<void> => {
      for (let index = 0; !stopped; index++) {
        const id = `p-${lane}-${index}`;
        const response = await request(`${base}/__admin/personas`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id, claims }),
        }).catch((error: unknown) => {
          // Only the kill may cut a request off; any other failure fails the test.
          if (cli.child.killed) return undefined;
          throw error;
        });
        if (response === undefined) return;
        if (response.status === 201) acknowledged.push(id);
        else refused.push(`${id}: ${response.status}`);
        if (acknowledged.length === 80) enough();
      }
    };
    const lanes = [0, 1, 2, 3].map(writer);
    // Past 1 MiB of log a fold starts: over 80 writes of 30 KB, the kill may land in an append or a fold.
    await Promise.race([eighty, cli.exited, Promise.all(lanes)]);
    cli.child.kill('SIGKILL');
    expect(await cli.exited).toBe('SIGKILL');
    stopped = true;
    await Promise.all(lanes);

    const saved = checkStoreData(readDbFile(file), file);
    const ids = new Set(saved.personas.map((persona) => persona.id));
    expect(refused).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(80);
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);

    // The next start loads what survived, folds the log into the file and sweeps away a temporary file
    // the kill may have left; a clean stop leaves the file alone.
    await start(file);
    await running.pop()?.close();
    expect(readdirSync(dir)).toEqual(['store.json']);
    expect(checkStoreData(JSON.parse(readFileSync(file, 'utf8')), file).personas.length).toBe(
      saved.personas.length,
    );
  });
  it('logs each change as it happens and folds the log into the file when the mock closes', async () => {
    const file = join(tempDir(), 'store.json');
    await addToken(await start(file), 'logged');
    expect(existsSync(`${file}.wal`)).toBe(true);
    expect(tokensInFile(file)).not.toContain('logged');
    expect(savedTokens(file)).toContain('logged');
    await running.pop()?.close();
    expect(tokensInFile(file)).toContain('logged');
    expect(readdirSync(join(file, '..'))).toEqual(['store.json']);
  });

  it('folds the log into the file while it answers, once the log outgrows 1 MiB', async () => {
    const file = join(tempDir(), 'store.json');
    const base = await start(file);
    const claims = { sub: '1', given_name: 'x'.repeat(30_000) };
    for (let index = 0; index < 40; index++) {
      const response = await request(`${base}/__admin/personas`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: `big-${index}`, claims }),
      });
      expect(response.status).toBe(201);
    }
    await vi.waitFor(
      () => {
        const inFile = checkStoreData(JSON.parse(readFileSync(file, 'utf8')), file).personas;
        expect(inFile.map((persona) => persona.id)).toContain('big-0');
      },
      { timeout: 10_000 },
    );
    expect(
      checkStoreData(readDbFile(file), file).personas.filter(({ id }) => id.startsWith('big-')),
    ).toHaveLength(40);
  });

  it('keeps what POST /v1/token and /v1/revoke did through a SIGKILL', async () => {
    const file = join(tempDir(), 'store.json');
    const cli = runTsCli('mock/cli/mock-cli.ts', ['--port', '0', '--quiet', '--db', file]);
    children.push(cli);
    const [, base = ''] = await cli.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const issue = async (): Promise<string> => {
      const response = await request(`${base}/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: DEFAULT_CLIENT_ID,
          code: 'valid-code',
          code_verifier: EXAMPLE_CODE_VERIFIER,
        }).toString(),
      });
      return (response.json as { access_token: string }).access_token;
    };
    const kept = await issue();
    const revoked = await issue();
    const revocation = await request(`${base}/v1/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${revoked}`,
    });
    expect(revocation.status).toBe(200);
    cli.child.kill('SIGKILL');
    expect(await cli.exited).toBe('SIGKILL');

    const restarted = await start(file);
    const answer = async (token: string): Promise<number> =>
      (await request(`${restarted}/v1/userinfo`, { headers: { authorization: `Bearer ${token}` } })).status;
    expect(await answer(kept)).toBe(200);
    expect(await answer(revoked)).toBe(401);
  });

  it('restores the store at start with a reset, and keeps that through a restart', async () => {
    const file = join(tempDir(), 'store.json');
    const base = await start(file);
    await addToken(base, 'before-reset');
    expect(
      (
        await request(`${base}/__admin/reset`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(204);
    await running.pop()?.close();
    const restarted = await start(file);
    const response = await request(`${restarted}/v1/userinfo`, {
      headers: { authorization: 'Bearer before-reset' },
    });
    expect(response.status).toBe(401);
  });

  it('skips a torn last line of the log (a crash mid-append) and refuses any other bad line, naming it', async () => {
    const file = join(tempDir(), 'store.json');
    await createMock({ db: file }).close();
    const record = JSON.stringify({
      op: 'set',
      collection: 'tokens',
      record: { id: 'from-log', scopes: ['openid'] },
    });
    writeFileSync(`${file}.wal`, `${record}\n{"op":"set","collection":"tok`);
    expect(savedTokens(file)).toContain('from-log');
    // Torn inside a character: the first two of the three bytes of "€".
    const torn = Buffer.from('{"op":"set","collection":"tokens","record":{"id":"€"}}\n').subarray(0, 52);
    writeFileSync(`${file}.wal`, Buffer.concat([Buffer.from(`${record}\n`), torn]));
    expect(savedTokens(file)).toContain('from-log');
    writeFileSync(`${file}.wal`, `${record}\n{"op":"set"}\n${record}\n`);
    expect(() => createMockServer({ db: file })).toThrow(/Line 2 of the --db log .*store\.json\.wal/);
    writeFileSync(`${file}.wal`, `${record}\nnot json\n`);
    expect(() => createMockServer({ db: file })).toThrow(/Line 2 .* is not JSON/);
  });

  it('refuses a second mock on the same file, and takes over the lock of a mock that died', async () => {
    const file = join(tempDir(), 'store.json');
    await start(file);
    const second = await kitErrorOf(Promise.resolve().then(() => createMockServer({ db: file })));
    expect(second.code).toBe('ERR_DB_IN_USE');
    expect(second.message).toMatch(/in use by another mock \(process \d+, this one/);
    await running.pop()?.close();
    // A process id no process has: the lock a killed mock left behind.
    writeFileSync(`${file}.lock`, '2147483646');
    expect((await addToken(await start(file), 'after-takeover')).status).toBe(201);
  });
});
