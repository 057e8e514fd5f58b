import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogLineFormatter } from '../../mock/engine/log-line.js';
import { requestWithBody } from '../../mock/http/mock-request.js';
import { createRequestLog } from '../../mock/server/request-log.js';
import { request } from '../support/http.js';
import { ROOT, runTsCli } from '../support/spawn-cli.js';

/** A stream keeping each write apart, so a test sees how lines were gathered. */
function recorder(isTTY = false): Writable & { isTTY: boolean; writes: string[] } {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString());
      done();
    },
  });
  return Object.assign(stream, { isTTY, writes });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createRequestLog', () => {
  it('gathers lines and writes them in one write after flushMs', () => {
    vi.useFakeTimers();
    const stream = recorder();
    const log = createRequestLog(stream, { flushMs: 100, maxChars: 1000 });
    log.write('GET /v1/userinfo valid 200 0.1ms');
    log.write('GET /v1/userinfo expired 401 0.1ms');
    expect(stream.writes).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(stream.writes).toEqual(['GET /v1/userinfo valid 200 0.1ms\nGET /v1/userinfo expired 401 0.1ms\n']);
  });

  it('writes at once when maxChars are waiting, and on flush; an empty flush writes nothing', () => {
    vi.useFakeTimers();
    const stream = recorder();
    const log = createRequestLog(stream, { flushMs: 100, maxChars: 10 });
    log.write('12345');
    expect(stream.writes).toEqual([]);
    log.write('67890');
    expect(stream.writes).toEqual(['12345\n67890\n']);
    log.write('last');
    log.flush();
    log.flush();
    expect(stream.writes).toEqual(['12345\n67890\n', 'last\n']);
  });

  it('keeps every line in order when equal lines come in runs, across flushes of any size', () => {
    vi.useFakeTimers();
    const stream = recorder();
    const log = createRequestLog(stream, { flushMs: 100, maxChars: 12 });
    const lines = ['same', 'same', 'same', 'other', 'same', 'same', 'other', 'other', 'last'];
    lines.forEach((line, index) => {
      log.write(line);
      if (index === 4) log.flush();
    });
    vi.advanceTimersByTime(100);
    expect(stream.writes.join('')).toBe(lines.map((line) => `${line}\n`).join(''));
    expect(stream.writes.length).toBeGreaterThan(2);
  });

  it('writes each line at once to a terminal: someone is watching', () => {
    const stream = recorder(true);
    const log = createRequestLog(stream);
    log.write('GET /v1/userinfo valid 200 0.1ms');
    expect(stream.writes).toEqual(['GET /v1/userinfo valid 200 0.1ms\n']);
  });

  it('writes the lines waiting when the process exits, however it exits', async () => {
    const loader = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    const module = pathToFileURL(join(ROOT, 'mock/server/request-log.ts')).href;
    const script = `import { createRequestLog } from '${module}';
      const log = createRequestLog(process.stdout);
      log.write('first'); log.write('second');
      process.exit(0);`;
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import',
      loader,
      '--input-type=module',
      '-e',
      script,
    ]);
    expect(stdout).toBe('first\nsecond\n');
  });
});

describe('npm run mock', () => {
  it('writes the log of every request answered before it stops, before "mock stopped"', async () => {
    const cli = runTsCli('mock/cli/mock-cli.ts', ['--port', '0']);
    try {
      const [, url = ''] = await cli.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      for (const token of ['valid', 'expired'])
        await request(`${url}/v1/userinfo`, { headers: { authorization: `Bearer ${token}` } });
      cli.child.kill('SIGTERM'); // at once: the lines may still be waiting to be written
      expect(await cli.exited).toBe(0);
      expect(cli.stdout()).toMatch(
        /^GET \/v1\/userinfo valid 200 \d+\.\dms\nGET \/v1\/userinfo expired 401 \d+\.\dms\nmock stopped\n$/m,
      );
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });
});

describe('createLogLineFormatter', () => {
  const request = (method: string, url: string) => requestWithBody(method, url, {}, new Uint8Array());

  it('gives method, path without query, scenario, status and tenths of a millisecond', () => {
    const line = createLogLineFormatter();
    expect(line(request('GET', '/v1/userinfo?x=1'), 200, 'valid', 0.26)).toBe(
      'GET /v1/userinfo valid 200 0.3ms',
    );
    expect(line(request('GET', '/v1/userinfo'), 200, 'valid', 12.04)).toBe(
      'GET /v1/userinfo valid 200 12.0ms',
    );
    expect(line(request('POST', '/v1/token'), 403, 'token:expired-code', 1.95)).toBe(
      'POST /v1/token token:expired-code 403 2.0ms',
    );
    expect(line(request('POST', '/v1/token'), 200, 'token:issued', 0)).toBe(
      'POST /v1/token token:issued 200 0.0ms',
    );
  });

  it('gives each line its own time and start, in any order of repeats', () => {
    const line = createLogLineFormatter();
    const userInfo = request('GET', '/v1/userinfo');
    const lines = [
      line(userInfo, 200, 'valid', 0),
      line(userInfo, 200, 'valid', 0),
      line(userInfo, 200, 'valid', 0.26),
      line(userInfo, 200, 'valid', 0),
      line(userInfo, 401, 'expired', 0),
      line(request('GET', '/v1/other'), 401, 'expired', 0),
      line(userInfo, 200, 'valid', 0),
    ];
    expect(lines).toEqual([
      'GET /v1/userinfo valid 200 0.0ms',
      'GET /v1/userinfo valid 200 0.0ms',
      'GET /v1/userinfo valid 200 0.3ms',
      'GET /v1/userinfo valid 200 0.0ms',
      'GET /v1/userinfo expired 401 0.0ms',
      'GET /v1/other expired 401 0.0ms',
      'GET /v1/userinfo valid 200 0.0ms',
    ]);
  });

  it('keeps what the client sent on one printable line', () => {
    const line = createLogLineFormatter();
    expect(line(request('GET', '/v1/user\ninfo\u0007'), 404, 'unknown-path', 0.1)).toBe(
      'GET /v1/user\\x0ainfo\\x07 unknown-path 404 0.1ms',
    );
  });

  it('makes lines of ASCII only, which the log writes as the bytes of their UTF-8', () => {
    vi.useFakeTimers();
    const bytes: Buffer[] = [];
    const stream = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes.push(chunk);
          done();
        },
      }),
      { isTTY: false },
    );
    const log = createRequestLog(stream, { flushMs: 100, maxChars: 1000 });
    const line = createLogLineFormatter();
    const text = line(request('GET', '/v1/café/\u2028/\u{1F600}'), 404, 'unknown-path', 0);
    expect(text).toMatch(/^[\x20-\x7e]+$/);
    log.write(text);
    log.flush();
    expect(Buffer.concat(bytes)).toEqual(Buffer.from(`${text}\n`, 'utf8'));
  });
});
