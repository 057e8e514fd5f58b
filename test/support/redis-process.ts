import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasTool, redisServerPath, requireTool } from './tools.js';

/**
 * A real redis-server, found on this machine and started on a free loopback port with a folder of its
 * own and persistence on (`appendonly`), stopped after: for the suites of the shared store (through
 * redis-server.ts, which decides whether they run) and for the benchmark.
 */

/** The redis-server of this machine, or undefined (`KIT_TEST_ASSUME_MISSING=redis-server` takes it for missing). */
export const REDIS_SERVER: string | undefined = hasTool('redis-server') ? redisServerPath() : undefined;

/** A redis-server started for a test. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>/0`. */
  readonly url: string;
  readonly port: number;
  /** Stops it as a crash would (SIGKILL): what it acknowledged is in its append-only file. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder (what it had persisted comes back). */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  stop(): Promise<void>;
}

/** Starts a redis-server on a free loopback port, in a temporary folder, with its append-only file on. */
export async function startRedisServer(): Promise<RedisServer> {
  requireTool('redis-server');
  const program = REDIS_SERVER ?? 'redis-server';
  const dir = mkdtempSync(join(tmpdir(), 'kit-redis-'));
  const port = await freePort();
  let child = await launch(program, port, dir);
  const exitOf = (running: ChildProcess, signal: NodeJS.Signals): Promise<void> =>
    new Promise((resolve) => {
      if (running.exitCode !== null || running.signalCode !== null) resolve();
      else {
        running.once('exit', () => resolve());
        running.kill(signal);
      }
    });
  return {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    kill: () => exitOf(child, 'SIGKILL'),
    async restart() {
      child = await launch(program, port, dir);
    },
    async stop() {
      await exitOf(child, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on now (the kernel's choice for port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** Starts redis-server and resolves once it accepts connections (it says so on stdout). */
function launch(program: string, port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    program,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Never outlives the test process, whatever a suite's cleanup did or did not reach.
  const killWithProcess = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killWithProcess);
  child.once('exit', () => process.off('exit', killWithProcess));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 10 s:\n${output}`));
    }, 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${String(code)} before it was ready:\n${output}`));
    });
  });
}
