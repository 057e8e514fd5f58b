import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real redis-server, found on this machine and started on a free loopback port with a folder of its
 * own and persistence on (`appendonly`), stopped after: for the suites of the shared store (through
 * redis-server.ts, which decides whether they run) and for the benchmark.
 */

/** Why a suite needs redis-server and how to get it, in the words of a "not run" line. */
export const REDIS_MISSING =
  'no redis-server on the PATH (nor /usr/bin/redis-server); run: sudo apt-get install redis-server (or .ci/run)';

/**
 * Whether to take redis-server for missing whatever this machine has: `KIT_TEST_ASSUME_MISSING` naming
 * `redis-server` among its comma-separated tools (as test/support/tools.ts reads it on main), to see
 * what a fresh machine's run says; never for a real run.
 */
const ASSUMED_MISSING = (process.env.KIT_TEST_ASSUME_MISSING ?? '')
  .split(',')
  .some((name) => name.trim() === 'redis-server');

/** The redis-server of this machine, or undefined. */
export const REDIS_SERVER: string | undefined = ASSUMED_MISSING ? undefined : findRedisServer();

function findRedisServer(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (found !== '') return found;
  try {
    accessSync('/usr/bin/redis-server', constants.X_OK);
    return '/usr/bin/redis-server';
  } catch {
    return undefined;
  }
}

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
  if (REDIS_SERVER === undefined) throw new Error(REDIS_MISSING);
  const program = REDIS_SERVER;
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
