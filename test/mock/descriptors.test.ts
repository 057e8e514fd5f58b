/**
 * Descriptors (hardening): connections that send nothing cannot starve the requests of others. Under a
 * low `ulimit -n`, a flood of silent connections (more than the limit) is met by dropping the oldest of
 * them, and normal requests, and connections already mid-request, are answered meanwhile; a connection
 * that has sent nothing is dropped sooner than one mid-request. Traffic to 127.0.0.1 only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock/index.js';
import { connectionBudget, readDescriptorLimit } from '../../mock/server/connection-guard.js';
import { request } from '../support/http.js';
import { ROOT } from '../support/spawn-cli.js';

const LIMIT = 256;
const SILENT = 400;

const sockets: Socket[] = [];
afterAll(() => {
  for (const socket of sockets) socket.destroy();
});

/** Opens a connection to `url` and sends `head` (nothing when empty); resolves once connected. */
function open(
  url: string,
  head = '',
): Promise<{ socket: Socket; closed: () => boolean; received: () => string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let closed = false;
    let received = '';
    const socket = connect(Number(port), hostname);
    sockets.push(socket);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('close', () => (closed = true));
    const done = (): void => resolve({ socket, closed: () => closed, received: () => received });
    socket.once('connect', () => {
      if (head !== '') socket.write(head);
      done();
    });
    socket.once('close', done);
  });
}

describe('a flood of connections that send nothing', () => {
  it(`leaves requests answered under ulimit -n ${LIMIT}, dropping the oldest silent connections`, async () => {
    const loader = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    const script = join(ROOT, 'test/support/descriptor-limited-mock.ts');
    const child = spawn(
      'bash',
      ['-c', `ulimit -n ${LIMIT} && exec "$0" --import "$1" "$2"`, process.execPath, loader, script],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (\S+)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`the mock exited with ${code}`)));
      });
      // Mid-request: headers begun, not finished. They stay through the flood.
      const midRequest = await Promise.all(
        Array.from({ length: 5 }, () => open(url, 'GET /v1/userinfo HTTP/1.1\r\nHost: 127.0.0.1\r\n')),
      );
      const silent: Awaited<ReturnType<typeof open>>[] = [];
      for (let index = 0; index < SILENT; index++) silent.push(await open(url));

      for (let index = 0; index < 5; index++) {
        const response = await request(`${url}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } });
        expect(response.status).toBe(200);
      }
      // The oldest silent connections made room; the newest are still open (their timeout is a minute).
      expect(silent.filter((each) => each.closed()).length).toBeGreaterThan(SILENT - LIMIT);
      expect(silent.at(-1)?.closed()).toBe(false);
      for (const each of midRequest) {
        expect(each.closed()).toBe(false);
        each.socket.write('Authorization: Bearer valid\r\nConnection: close\r\n\r\n');
      }
      await Promise.all(
        midRequest.map((each) => new Promise((resolve) => each.socket.once('close', resolve))),
      );
      for (const each of midRequest) expect(each.received().split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    }
  }, 60_000);
});

describe('a connection that sends nothing', () => {
  let mock: MockServer | undefined;
  afterAll(() => mock?.close());

  it('is dropped sooner than one mid-request', async () => {
    mock = createMockServer({ headersTimeoutMs: 1500, requestTimeoutMs: 1500, keepAliveTimeoutMs: 300 });
    const url = await mock.start();
    const order: string[] = [];
    // The headers timeout, counted from before either connection was made: a silent connection once
    // lasted exactly that long.
    const headersTimeout = new Promise<void>((resolve) =>
      setTimeout(() => {
        order.push('headers timeout');
        resolve();
      }, 1500),
    );
    const watch = async (name: string, head: string): Promise<void> => {
      const { socket } = await open(url, head);
      socket.resume();
      await new Promise((resolve) => socket.once('close', resolve));
      order.push(name);
    };
    await Promise.all([
      watch('mid-request', 'GET /v1/userinfo HTTP/1.1\r\nHost: 127.0.0.1\r\n'),
      watch('silent', ''),
      headersTimeout,
    ]);
    // Silent: dropped after the keep-alive timeout (300 ms); mid-request: the headers timeout (1500 ms).
    expect(order).toEqual(['silent', 'headers timeout', 'mid-request']);
  });
});

describe('the descriptor limit', () => {
  it('is read from /proc/self/limits where there is one, and leaves a reserve', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tok-limits-'));
    try {
      const limits = join(folder, 'limits');
      writeFileSync(
        limits,
        'Limit                     Soft Limit           Hard Limit           Units\nMax open files            1024                 1048576              files\n',
      );
      expect(readDescriptorLimit(limits)).toBe(1024);
      writeFileSync(limits, 'Max open files            unlimited            unlimited            files\n');
      expect(readDescriptorLimit(limits)).toBeUndefined();
      expect(readDescriptorLimit(join(folder, 'none'))).toBeUndefined();
      expect(connectionBudget(1024)).toBe(960);
      expect(connectionBudget(256)).toBe(224);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
