/**
 * The reproductions of the hardening issue, each through real HTTP on 127.0.0.1 port 0: what once ended
 * the process, made a `--db` file unloadable, stalled every route, leaked json-server's HTML page, or
 * read a body without end now gets a JSON answer and leaves the mock serving.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMockServer } from '../../mock/index.js';
import { startMock } from '../support/doors.js';
import { withFakeTimeouts } from '../support/fake-time.js';
import { rawRequest, schemaProblems, type TestResponse } from '../support/http.js';
import { kitErrorThrownBy } from '../support/errors.js';

const mock = await startMock();
afterEach(() => mock.server.reset());

/** Every answer of these tests is the kit's JSON error shape or a JSON record, never an HTML page. */
function expectJson(response: TestResponse): void {
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.json).toBeDefined();
}

async function expectStillServing(): Promise<void> {
  expect((await mock.userInfo('valid')).status).toBe(200);
}

describe('one admin write could end the process', () => {
  const crlfFault = { failure: 'too-many-requests', retryAfterS: '1\nX: y' };

  it.each(['/__admin/FAULT', '/__admin/Fault', '/__admin/fault/', '/__admin//fault'])(
    'refuses a fault whose Retry-After holds a line break at %s, and keeps serving',
    async (path) => {
      const response = await mock.admin('PUT', path, crlfFault);
      expect([400, 404]).toContain(response.status);
      expectJson(response);
      expect(mock.server.store.fault).toEqual({});
      await expectStillServing();
    },
  );

  it.each(['/__admin/TOKENS', '/__admin/Tokens', '/__admin/tokens%2F'])(
    'stores nothing through %s, which is not the collection',
    async (path) => {
      const response = await mock.admin('POST', path, { id: 'sneaked', scenario: 'teapot' });
      expect(response.status).toBe(404);
      expectJson(response);
      expect(mock.server.store.get('tokens', 'sneaked')).toBeUndefined();
    },
  );

  it('checks a POST with a trailing slash like any other', async () => {
    const refused = await mock.admin('POST', '/__admin/tokens/', { id: 'slashed', scenario: 'teapot' });
    expect(refused.status).toBe(400);
    const added = await mock.admin('POST', '/__admin/tokens/', { id: 'slashed' });
    expect(added.status).toBe(201);
    expect((await mock.userInfo('slashed')).status).toBe(200);
  });

  it.each(['/__admin/RefreshTokens', '/__admin/REFRESHTOKENS', '/__admin/refreshTokens/'])(
    'neither lists nor mints refresh tokens through %s',
    async (path) => {
      await mock.exchange('valid-code');
      for (const method of ['GET', 'POST']) {
        const response = await mock.admin(method, path, method === 'POST' ? { id: 'minted' } : undefined);
        expect(response.status).toBe(404);
        expectJson(response);
      }
      expect(mock.server.store.get('refreshTokens', 'minted')).toBeUndefined();
    },
  );

  it('answers 500 for a header value a record should never have held, and keeps serving', async () => {
    // Written straight into the store, as a bug elsewhere might: Node refuses it in writeHead.
    mock.server.store.fault = { failure: 'too-many-requests', retryAfterS: '1\nX: y' as never };
    const response = await mock.userInfo('valid');
    expect(response.status).toBe(500);
    expect(schemaProblems('Error', response.json)).toEqual([]);
    mock.server.store.fault = {};
    await expectStillServing();
  });
});

describe('legal admin calls could make --db unloadable', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tok-harden-db-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('refuses to delete a persona still named, cascades a client’s codes, and the file loads again', async () => {
    const db = join(folder, 'store.json');
    const first = await startMock({ db });
    expect((await first.admin('DELETE', '/__admin/personas/full-in')).status).toBe(409);
    expect((await first.admin('POST', '/__admin/clients', { id: 'short-lived' })).status).toBe(201);
    const code = first.server.registerCode({ clientId: 'short-lived' });
    expect((await first.admin('DELETE', '/__admin/clients/short-lived')).status).toBe(200);
    expect(first.server.store.get('codes', code)).toBeUndefined();
    await first.server.close();

    const second = await startMock({ db });
    expect(second.server.store.get('personas', 'full-in')).toBeDefined();
    expect((await second.userInfo('valid')).status).toBe(200);
  });
});

describe('ids no normalised URL reaches', () => {
  const unreachable = (field: string, id: string): string =>
    `${field}: "${id}" cannot be an id: URLs drop "." and ".." path segments, so no request could reach it`;

  it.each([
    ['tokens', '.'],
    ['tokens', '..'],
    ['codes', '.'],
    ['codes', '..'],
    ['phoneNumberTokens', '.'],
    ['phoneNumberTokens', '..'],
  ])('refuses %s with the id %s, in the admin API and in a config', async (collection, id) => {
    const response = await mock.admin('POST', `/__admin/${collection}`, { id });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      error: 'invalid_request',
      error_description: `POST /__admin/${collection}: ${unreachable(collection, id)}.`,
    });
    expect(mock.server.store.get(collection as 'tokens', id)).toBeUndefined();
    const error = kitErrorThrownBy(() => createMockServer({ config: { [collection]: { [id]: {} } } }));
    expect(error.message).toBe(`The config (options.config) is invalid:\n  - ${unreachable(collection, id)}`);
  });

  it('refuses a --db file holding a token with the id ..', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tok-harden-dots-'));
    try {
      const db = join(folder, 'store.json');
      const token = { id: '..', persona: 'full-in', scopes: ['openid'], scenario: 'valid' };
      writeFileSync(db, JSON.stringify({ personas: [], tokens: [token], fault: {} }));
      const error = kitErrorThrownBy(() => createMockServer({ db }));
      expect(error.code).toBe('ERR_DB_INVALID');
      expect(error.message).toContain(unreachable('tokens', '..'));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('still takes ids with dots that are not whole segments', async () => {
    for (const id of ['...', '.a', 'a..'])
      expect((await mock.admin('POST', '/__admin/tokens', { id })).status).toBe(201);
  });
});

describe('a config or --db file with a great many problems', () => {
  it('names the first fifty and counts the rest, in a message of a few lines', () => {
    const tokens = Object.fromEntries(
      Array.from({ length: 60 }, (_, index) => [`t${index}`, { scenario: 'teapot' }]),
    );
    const error = kitErrorThrownBy(() => createMockServer({ config: { tokens } as never }));
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(52);
    expect(lines[1]).toBe(
      '  - tokens.t0.scenario: must be one of valid, expired, invalid, no-profile, missing-scope, validation-error, server-error',
    );
    expect(lines.at(-1)).toBe('  - ... and 10 more problems');
  });
});

describe('a query could stall every route or leak json-server’s error page', () => {
  it.each([
    ['a backtracking _like pattern', '?id_like=%5E(a%2B)%2B%24'],
    ['a _like that is no pattern at all', '?id_like=('],
    ['q as an object', '?q[a]=b'],
    ['_sort as an object', '?_sort[a]=b'],
    ['embedding another collection', '?_expand=persona'],
    ['a field the records do not have', '?colour=blue'],
  ])('answers %s with a JSON 400 naming it', async (_case, query) => {
    const response = await mock.admin('GET', `/__admin/tokens${query}`);
    expect(response.status).toBe(400);
    expect(schemaProblems('Error', response.json)).toEqual([]);
    await expectStillServing();
  });

  it('still lists with the query features that are safe', async () => {
    const response = await mock.admin('GET', '/__admin/tokens?scenario=valid&_sort=id&_order=desc&_limit=2');
    expect(response.status).toBe(200);
    expect(response.json).toHaveLength(2);
    expect(response.headers['x-total-count']).toBeDefined();
  });

  it.each([
    ['GET', '/__admin/tokens'],
    ['DELETE', '/__admin/tokens/expired'],
  ])('answers a %s with a malformed, oversized body in JSON, without reading it', async (method, path) => {
    const body = `{${'x'.repeat(200_000)}`;
    const response = await rawRequest(
      mock.url,
      `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\n\r\n${body}`,
    );
    expect(response.status).toBe(200);
    expectJson(response);
    expect(response.headers.connection).toBe('close');
    await expectStillServing();
  });
});

/** A socket that sends `head` and then a chunked body that never ends; resolves with what came back once the server closes. */
function endlessBody(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname, () => {
      socket.write(`${head}Transfer-Encoding: chunked\r\n\r\n`);
      const chunk = `400\r\n${'a'.repeat(0x400)}\r\n`;
      // Keeps sending while the server reads; stops when it is closed.
      const pump = (): void => {
        while (!socket.destroyed && socket.write(chunk));
      };
      socket.on('drain', pump);
      pump();
    });
    let received = '';
    socket.on('data', (data: Buffer) => (received += data.toString('latin1')));
    socket.on('error', () => undefined); // the server may reset a socket that keeps sending
    socket.on('close', () => resolve(received));
    socket.setTimeout(20_000, () => {
      socket.destroy(); // stop sending: the test has failed
      reject(new Error(`the server kept reading: ${received.slice(0, 200)}`));
    });
  });
}

describe('a body that never ends is not read to its end', () => {
  it.each([
    [
      'userinfo, which reads no body',
      'GET /v1/userinfo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer valid\r\n',
      '200',
    ],
    ['an unknown path', 'POST /nowhere HTTP/1.1\r\nHost: x\r\n', '404'],
    [
      'the admin API, past its limit',
      'POST /__admin/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n',
      '413',
    ],
    [
      'the token endpoint, past its limit',
      'POST /v1/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n',
      '400',
    ],
  ])('answers %s and closes the connection', async (_case, head, status) => {
    const received = await endlessBody(mock.url, head);
    expect(received.split('\r\n')[0]).toContain(` ${status} `);
    expect(received.toLowerCase()).toContain('connection: close');
    await expectStillServing();
  });
});

describe('server timeouts', () => {
  it('answers a request whose headers never finish with a JSON 408 and closes it', async () => {
    const slow = await startMock({ headersTimeoutMs: 300, requestTimeoutMs: 300 });
    const { hostname, port } = new URL(slow.url);
    const received = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), hostname, () =>
        socket.write('GET /v1/userinfo HTTP/1.1\r\nHost: x\r\n'),
      );
      let text = '';
      socket.on('data', (data: Buffer) => (text += data.toString()));
      socket.on('close', () => resolve(text));
    });
    expect(received.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toMatchObject({
      error: 'request_timeout',
    });
  });

  it('drops a connection that sends nothing once its headers timeout has run out, answering nothing', async () => {
    const slow = await startMock({ headersTimeoutMs: 300, requestTimeoutMs: 300 });
    const { hostname, port } = new URL(slow.url);
    const ending = await withFakeTimeouts(async (time) => {
      const socket = connect(Number(port), hostname);
      // Flowing, so the server's FIN is read: a paused socket may never see its end, nor close.
      socket.resume();
      const closed = new Promise<{ bytesRead: number; error: string | undefined }>((resolve) => {
        let error: string | undefined;
        socket.on('error', (failure: NodeJS.ErrnoException) => (error = failure.code ?? failure.message));
        socket.on('close', () => resolve({ bytesRead: socket.bytesRead, error }));
      });
      // The mock's own timer for the silent connection decides when it goes, not the clock of this machine.
      await time.asked(300);
      time.advance(300);
      return closed;
    });
    expect(ending).toEqual({ bytesRead: 0, error: undefined });
  });

  it('refuses timeouts that cannot work, naming them', () => {
    expect(() => createMockServer({ headersTimeoutMs: 5000, requestTimeoutMs: 1000 })).toThrow(
      /headersTimeoutMs must not exceed requestTimeoutMs/,
    );
    expect(() => createMockServer({ keepAliveTimeoutMs: 0 })).toThrow(/keepAliveTimeoutMs/);
  });
});

describe('growth without bound', () => {
  it('drops codes registered at run time once used or expired, past their grace', async () => {
    const fresh = await startMock();
    const before = fresh.server.store.size('codes');
    for (let index = 0; index < 200; index++) {
      const code = fresh.server.registerCode();
      if (index % 2 === 0) expect((await fresh.exchange(code)).status).toBe(200);
    }
    expect(fresh.server.store.size('codes')).toBe(before + 200);
    // Past the codes' lifetime and the grace after it, the next registration drops them all.
    fresh.server.clock.advance(2 * 600_000);
    fresh.server.registerCode();
    expect(fresh.server.store.size('codes')).toBe(before + 1);
  });

  it('refuses a journal larger than it can hold', () => {
    expect(() => createMockServer({ journalSize: 1_000_000 })).toThrow(/journalSize/);
  });
});

describe('files the mock is pointed at', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tok-harden-files-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const kitError = kitErrorThrownBy;

  const namedPipe = (): string => {
    const pipe = join(folder, 'config.fifo');
    if (!existsSync(pipe)) execFileSync('mkfifo', [pipe]);
    return pipe;
  };

  it.each([
    ['a device that never ends', '/dev/zero', /larger than 4 MiB \(or never ends/],
    ['a folder', tmpdir(), /it is a folder, not a file\. Give the path of a JSON file/],
    // Opening a pipe waits for a writer: it is refused without being opened, never a hang.
    ['a named pipe', 'fifo', /it is a named pipe or a socket, not a file/],
  ])('names %s given as --config in one line', (_case, given, message) => {
    const config = given === 'fifo' ? namedPipe() : given;
    const error = kitError(() => createMockServer({ config }));
    expect(error.code).toBe('ERR_CONFIG_UNREADABLE');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it.each([
    [
      'a device that never ends',
      '/dev/zero',
      /: it is a device, not a file\. Give --db the path of a JSON file/,
    ],
    ['a folder', tmpdir(), /: it is a folder, not a file\. Give --db the path of a JSON file/],
    [
      'a file in a folder that does not exist',
      join(folder, 'missing', 'store.json'),
      /does not exist.*mkdir -p/,
    ],
  ])('names %s given as --db in one line, leaving nothing beside it', (_case, db, message) => {
    const error = kitError(() => createMockServer({ db }));
    expect(error.code).toBe('ERR_DB_UNREADABLE');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it('reloads a config reached through a symlink when its target changes', async () => {
    const target = join(folder, 'target.json');
    const link = join(folder, 'link.json');
    writeFileSync(target, JSON.stringify({ tokens: { before: {} } }));
    symlinkSync(target, link);
    const watched = await startMock({ config: link });
    const reloaded = new Promise((resolve) => watched.server.events.once('config-reloaded', resolve));
    writeFileSync(target, JSON.stringify({ tokens: { after: {} } }));
    await reloaded;
    expect((await watched.userInfo('after')).status).toBe(200);
  });

  it('reloads a config whose folder was removed and made again', async () => {
    const configFolder = join(folder, 'config');
    mkdirSync(configFolder);
    const config = join(configFolder, 'mock.json');
    writeFileSync(config, JSON.stringify({ tokens: { before: {} } }));
    const watched = await startMock({ config });
    rmSync(configFolder, { recursive: true });
    mkdirSync(configFolder);
    const reloaded = new Promise((resolve) => watched.server.events.once('config-reloaded', resolve));
    writeFileSync(config, JSON.stringify({ tokens: { again: {} } }));
    await reloaded;
    expect((await watched.userInfo('again')).status).toBe(200);
  });
});
