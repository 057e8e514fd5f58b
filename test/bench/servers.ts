/**
 * The benchmark's processes: servers pinned to CPU 0 and load (autocannon) pinned to CPU 1, so a ratio
 * on a 2-core machine compares the servers and not the load generator. Speed lives here, never in a test.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The bare node:http baseline: one fixed response, nothing else. */
export const BARE_SERVER = join(ROOT, 'test/bench/bare-server.mjs');
/** The package's bin, as `npx truecaller-oauth-kit` runs it (built, without tsx). */
export const KIT_BIN = join(ROOT, 'dist/contracts/bin.js');
const AUTOCANNON = join(ROOT, 'node_modules/autocannon/autocannon.js');

/** Whether servers and load run on separate cores. */
export const PINNED = availableParallelism() >= 2 && hasTaskset();
const SERVER_CPU = ['taskset', '-c', '0'];
const LOAD_CPU = ['taskset', '-c', '1'];

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function pinned(prefix: string[], args: string[]): [string, string[]] {
  const all = PINNED && prefix.length > 0 ? [...prefix, ...args] : args;
  return [all[0] as string, all.slice(1)];
}

/** `node <args>` on the server core, as a file and its arguments for `spawn` or `execFile`. */
export function nodeOnServerCore(args: readonly string[]): [string, string[]] {
  return pinned(SERVER_CPU, [process.execPath, ...args]);
}

/**
 * Where a part runs its processes: servers on core 0 and load on core 1 (`pinned`), or anywhere (`any`):
 * servers of several processes must have more than one core to use, and then share them with the load.
 */
export type Placement = 'pinned' | 'any';

/** A scratch directory for one run. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'tok-bench-'));
}

/** A server process and its base URL. */
export interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  /** `performance.now()` when it was spawned. */
  readonly spawnedAt: number;
}

const LISTENING = /listening on (http:\/\/[\d.]+:\d+)/;

/**
 * Spawns `node <args>` on the server core and resolves once it prints `listening on <url>`. With
 * `stdoutFile`, its standard output goes to that file (as `> file` does), which is then polled.
 */
export async function startServer(
  args: readonly string[],
  stdoutFile?: string,
  placement: Placement = 'pinned',
): Promise<Server> {
  const spawnedAt = performance.now();
  const [file, rest] = placement === 'pinned' ? nodeOnServerCore(args) : [process.execPath, [...args]];
  if (stdoutFile !== undefined) {
    const descriptor = openSync(stdoutFile, 'w');
    const child = spawn(file, rest, { stdio: ['ignore', descriptor, 'inherit'] });
    closeSync(descriptor);
    let exited = false;
    child.once('exit', () => (exited = true));
    for (;;) {
      const match = LISTENING.exec(readFileSync(stdoutFile, 'utf8'));
      if (match?.[1]) return { child, url: match[1], spawnedAt };
      if (exited) throw new Error(`${args.join(' ')} exited before listening`);
      await sleep(5);
    }
  }
  const child = spawn(file, rest, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = LISTENING.exec(out);
      if (match?.[1]) {
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve({ child, url: match[1], spawnedAt });
      }
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${out}`)));
  });
}

/** Stops a server with SIGTERM and waits for it to exit. */
export function stopServer({ child }: Server): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** What one load run measured. */
export interface Load {
  rps: number;
  p99: number;
  non2xx: number;
  /** CPU time the server process spent per request, in microseconds (user + system, from /proc). */
  cpuMicros: number;
}

/** User + system CPU seconds of a process so far (Linux /proc; NaN elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100 on Linux)
  } catch {
    return Number.NaN;
  }
}

/** How autocannon loads a server. */
export interface LoadShape {
  readonly connections: number;
  /** Requests in flight per connection: one autocannon on one core cannot keep a server busy without. */
  readonly pipelining: number;
  readonly seconds: number;
}

/** Loads `GET <url>/v1/userinfo` with `authorization` from the load core. */
/** One request the load repeats: a path of the mock and the one header that picks its answer. */
export interface BenchRequest {
  readonly path: string;
  readonly header: readonly [name: string, value: string];
}

/** `GET /v1/userinfo` with this Authorization header. */
export function userInfoRequest(authorization: string): BenchRequest {
  return { path: '/v1/userinfo', header: ['Authorization', authorization] };
}

export function loadRequest(
  server: Server,
  request: BenchRequest,
  shape: LoadShape,
  placement: Placement = 'pinned',
): Load {
  const cpuBefore = cpuSeconds(server.child.pid);
  const [file, args] = pinned(placement === 'pinned' ? LOAD_CPU : [], [
    process.execPath,
    AUTOCANNON,
    '--json',
    '-c',
    String(shape.connections),
    '-p',
    String(shape.pipelining),
    '-d',
    String(shape.seconds),
    '-H',
    `${request.header[0]}=${request.header[1]}`,
    `${server.url}${request.path}`,
  ]);
  const output = execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const result = JSON.parse(output) as {
    requests: { average: number; total: number };
    latency: { p99: number };
    non2xx: number;
    errors: number;
  };
  if (result.errors > 0) throw new Error(`autocannon saw ${result.errors} errors against ${server.url}`);
  const cpuMicros = ((cpuSeconds(server.child.pid) - cpuBefore) * 1e6) / result.requests.total;
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, cpuMicros };
}

/**
 * Fetches what a server answers to `GET /v1/userinfo` with `authorization`, and writes it where the bare
 * server reads it: the bare side then serves the very same status, headers and bytes.
 */
export async function captureAnswer(url: string, request: BenchRequest): Promise<string> {
  const response = await fetch(`${url}${request.path}`, {
    headers: { [request.header[0]]: request.header[1] },
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers)
    if (!['date', 'connection', 'keep-alive'].includes(name)) headers[name] = value;
  const file = join(scratchDir(), 'response.json');
  writeFileSync(file, JSON.stringify({ status: response.status, headers, body: await response.text() }));
  return file;
}

/** Runs each of `sides` once per round, rotating which goes first, so none always meets a warmer machine. */
export async function alternate<T>(rounds: number, sides: readonly (() => T | Promise<T>)[]): Promise<T[][]> {
  const results: T[][] = sides.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let step = 0; step < sides.length; step++) {
      const side = (round + step) % sides.length;
      results[side]?.push(await (sides[side] as () => T | Promise<T>)());
    }
  }
  return results;
}
