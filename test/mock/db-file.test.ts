import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkStoreData } from '../../mock/config/db-file.js';
import { createMockServer, type MockServer } from '../../mock/index.js';
import { KitError } from '../../src/errors.js';
import { openApiProblems, request } from '../support/http.js';
import { type CliProcess, runTsCli } from '../support/spawn-cli.js';

const running: MockServer[] = [];
const children: CliProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
  for (const cli of children.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tok-db-'));
}

async function start(db: string): Promise<string> {
  const server = createMockServer({ db });
  running.push(server);
  return server.start();
}

function addToken(base: string, id: string): Promise<{ status: number }> {
  return request(`${base}/__admin/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, scopes: ['openid'] }),
  });
}

function savedTokens(file: string): string[] {
  const data = checkStoreData(JSON.parse(readFileSync(file, 'utf8')), file);
  return data.tokens.map((token) => token.id);
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
  });

  it('refuses a file that is not JSON, saying how to recover', () => {
    const file = join(tempDir(), 'store.json');
    writeFileSync(file, '{"tokens": [');
    expect(() => createMockServer({ db: file })).toThrow(/not valid JSON.*Delete it/);
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
    await request(`${base}/__admin/reset`, { method: 'POST' });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('leaves a valid file holding every acknowledged write when killed with SIGKILL mid-write', async () => {
    const dir = tempDir();
    const file = join(dir, 'store.json');
    const cli = runTsCli('mock/cli/mock-cli.ts', ['--port', '0', '--quiet', '--db', file]);
    children.push(cli);
    const [, base = ''] = await cli.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    // A persona big enough that each save takes a while, so the kill lands inside one.
    const claims = { sub: '1', given_name: 'x'.repeat(30_000) };
    const acknowledged: string[] = [];
    let stopped = false;
    const writer = async (lane: number): Promise<void> => {
      for (let index = 0; !stopped; index++) {
        const id = `p-${lane}-${index}`;
        try {
          const response = await request(`${base}/__admin/personas`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ id, claims }),
          });
          if (response.status === 201) acknowledged.push(id);
        } catch {
          return; // the process is gone
        }
      }
    };
    const lanes = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 40 && cli.child.exitCode === null)
      await new Promise((resolve) => setImmediate(resolve));
    cli.child.kill('SIGKILL');
    expect(await cli.exited).toBe('SIGKILL');
    stopped = true;
    await Promise.all(lanes);

    const saved = checkStoreData(JSON.parse(readFileSync(file, 'utf8')), file);
    const ids = new Set(saved.personas.map((persona) => persona.id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);

    // The next start loads the surviving file and sweeps away a temporary file the kill may have left.
    await start(file);
    expect(readdirSync(dir)).toEqual(['store.json']);
  });
});
