/**
 * `npm run bench`: the mock's hot path against a bare node:http server serving the same bytes, measured
 * in the same run with autocannon in a separate process, pinned to the other core, so the ratio means
 * something on a 2-core machine. Also cold start: spawn to first 200. Speed lives here, never in a test.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { inProcessBench } from './in-process-bench.js';
import { journalBench } from './journal-bench.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BARE = join(ROOT, 'test/bench/bare-server.mjs');
const MOCK_CLI = join(ROOT, 'dist/mock/cli/mock-cli.js');
const AUTOCANNON = join(ROOT, 'node_modules/autocannon/autocannon.js');
const DURATION_S = Number(process.env.BENCH_DURATION ?? 4);
const CONNECTIONS = 32;
// One autocannon process on one core cannot saturate a Node server without pipelining: the server sat
// ~27% idle at -p 1, so the figure measured the load generator. With 8 in flight per connection it is busy.
const PIPELINING = 8;
// This VM's throughput drifts by +-15% between seconds; many short alternating rounds average that out.
const ROUNDS = 6;

const pinned = availableParallelism() >= 2 && hasTaskset();
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

function command(prefix: string[], args: string[]): [string, string[]] {
  const all = pinned ? [...prefix, ...args] : args;
  return [all[0] as string, all.slice(1)];
}

/** Spawns a server, resolves with its process and base URL once it prints `listening on <url>`. */
function startServer(args: string[]): Promise<{ child: ChildProcess; url: string; startedAt: number }> {
  const startedAt = performance.now();
  const [file, rest] = command(SERVER_CPU, [process.execPath, ...args]);
  const child = spawn(file, rest, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (match?.[1]) {
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve({ child, url: match[1], startedAt });
      }
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

interface Load {
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

function load(server: ChildProcess, url: string, authorization: string, seconds: number): Load {
  const cpuBefore = cpuSeconds(server.pid);
  const [file, args] = command(LOAD_CPU, [
    process.execPath,
    AUTOCANNON,
    '--json',
    '-c',
    String(CONNECTIONS),
    '-p',
    String(PIPELINING),
    '-d',
    String(seconds),
    '-H',
    `Authorization=${authorization}`,
    `${url}/v1/userinfo`,
  ]);
  const output = execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const result = JSON.parse(output) as {
    requests: { average: number; total: number };
    latency: { p99: number };
    non2xx: number;
    errors: number;
  };
  if (result.errors > 0) throw new Error(`autocannon saw ${result.errors} errors against ${url}`);
  const requests = result.requests.total;
  const cpuMicros = ((cpuSeconds(server.pid) - cpuBefore) * 1e6) / requests;
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, cpuMicros };
}

/** Fetches what the mock answers, so the bare server serves the very same status, headers and bytes. */
async function capture(url: string, authorization: string): Promise<string> {
  const response = await fetch(`${url}/v1/userinfo`, { headers: { authorization } });
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers)
    if (!['date', 'connection', 'keep-alive'].includes(name)) headers[name] = value;
  const file = join(mkdtempSync(join(tmpdir(), 'tok-bench-')), 'response.json');
  writeFileSync(file, JSON.stringify({ status: response.status, headers, body: await response.text() }));
  return file;
}

async function compare(label: string, authorization: string): Promise<string[]> {
  const probe = await startServer([MOCK_CLI, '--port', '0', '--quiet']);
  const bareFile = await capture(probe.url, authorization);
  await stop(probe.child);

  const mock = await startServer([MOCK_CLI, '--port', '0', '--quiet']);
  const bare = await startServer([BARE, bareFile]);
  load(mock.child, mock.url, authorization, 2); // warm both up: JIT, sockets
  load(bare.child, bare.url, authorization, 2);
  const mockRuns: Load[] = [];
  const bareRuns: Load[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so neither side always runs on a warmer machine.
    if (round % 2 === 0) {
      bareRuns.push(load(bare.child, bare.url, authorization, DURATION_S));
      mockRuns.push(load(mock.child, mock.url, authorization, DURATION_S));
    } else {
      mockRuns.push(load(mock.child, mock.url, authorization, DURATION_S));
      bareRuns.push(load(bare.child, bare.url, authorization, DURATION_S));
    }
  }
  await Promise.all([stop(mock.child), stop(bare.child)]);
  const mean = (runs: Load[], key: 'rps' | 'p99' | 'cpuMicros'): number =>
    runs.reduce((sum, run) => sum + run[key], 0) / runs.length;
  const mockRps = mean(mockRuns, 'rps');
  const bareRps = mean(bareRuns, 'rps');
  const roundRatios = mockRuns
    .map((run, round) => (run.rps / (bareRuns[round]?.rps ?? NaN)).toFixed(2))
    .join(' ');
  const unexpected = mockRuns.reduce((sum, run) => sum + run.non2xx, 0);
  return [
    `| ${label} | mock | ${mockRps.toFixed(0)} | ${mean(mockRuns, 'p99').toFixed(1)} | ${mean(mockRuns, 'cpuMicros').toFixed(1)} | **${(mockRps / bareRps).toFixed(2)}x** (rounds: ${roundRatios}); CPU ${(mean(bareRuns, 'cpuMicros') / mean(mockRuns, 'cpuMicros')).toFixed(2)}x |`,
    `| ${label} | bare node:http | ${bareRps.toFixed(0)} | ${mean(bareRuns, 'p99').toFixed(1)} | ${mean(bareRuns, 'cpuMicros').toFixed(1)} | 1.00x |`,
    ...(label.includes('(200)') && unexpected > 0
      ? [`| ${label} | mock answered ${unexpected} non-2xx! | | | |`]
      : []),
  ];
}

async function timeToFirst200(args: string[], authorization: string): Promise<number> {
  const server = await startServer(args);
  const response = await fetch(`${server.url}/v1/userinfo`, { headers: { authorization } });
  const elapsed = performance.now() - server.startedAt;
  if (response.status !== 200) throw new Error(`cold start: got ${response.status}`);
  await stop(server.child);
  return elapsed;
}

async function coldStart(): Promise<string[]> {
  const probe = await startServer([MOCK_CLI, '--port', '0', '--quiet']);
  const bareFile = await capture(probe.url, 'Bearer valid');
  await stop(probe.child);
  const median = (values: number[]): number =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const mock: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < 7; run++) {
    mock.push(await timeToFirst200([MOCK_CLI, '--port', '0', '--quiet'], 'Bearer valid'));
    bare.push(await timeToFirst200([BARE, bareFile], 'Bearer valid'));
  }
  return [
    `| mock CLI (node dist/mock/cli/mock-cli.js) | ${median(mock).toFixed(0)} ms |`,
    `| bare node:http (node bare-server.mjs) | ${median(bare).toFixed(0)} ms |`,
  ];
}

async function main(): Promise<void> {
  console.error('building dist/ (the CLI is measured as a user runs it, without tsx)...');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  console.error(
    `${DURATION_S}s x ${ROUNDS} alternating rounds per side, ${CONNECTIONS} connections x ${PIPELINING} pipelined; ` +
      (pinned ? 'server on CPU 0, autocannon on CPU 1' : 'NOT pinned (taskset or a second core missing)'),
  );
  const rows = [
    '| request | server | req/s | p99 ms | CPU µs/req | mock/bare (req/s; CPU per request) |',
    '|---|---|---|---|---|---|',
    ...(await compare('GET /v1/userinfo, Bearer valid (200)', 'Bearer valid')),
    ...(await compare('GET /v1/userinfo, Bearer expired (401)', 'Bearer expired')),
  ];
  console.log(rows.join('\n'));
  console.log(['', ...(await inProcessBench())].join('\n'));
  console.log(
    ['', '| cold start: spawn to first 200 | median of 7 |', '|---|---|', ...(await coldStart())].join('\n'),
  );
  console.log(['', ...(await (await import('./fixtures-bench.js')).benchFixtures())].join('\n'));
  console.log(['', ...(await journalBench())].join('\n'));
}

await main();
