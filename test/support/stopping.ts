import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How long a stopped mock may take to be gone, port and ready file (issue 21's bound): a limit against a
 * mock left serving, not a speed check.
 */
export const GONE_WITHIN_MS = 5_000;

/** How the started process is stopped: a signal to it alone, or Ctrl-C (SIGINT to its whole process group). */
export type StopBy = 'SIGTERM' | 'SIGINT' | 'Ctrl-C';

/** A mock started as a user starts it, announced in its ready file. */
export interface StartedMock {
  /** The process the user started (npm, npx, the bin, the executable, a harness). */
  readonly child: ChildProcess;
  readonly url: string;
  readonly readyFile: string;
  /** What it printed on stderr so far. */
  readonly stderr: () => string;
}

const started: ChildProcess[] = [];

/**
 * Runs `command` with `args` plus `--port 0 --quiet --ready-file <file>` in a process group of its own (as
 * a terminal runs a command), and resolves once the ready file names the mock's URL.
 */
export async function startMockProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<StartedMock> {
  const readyFile = join(mkdtempSync(join(tmpdir(), 'tok-stop-')), 'mock.url');
  const child = spawn(command, [...args, '--port', '0', '--quiet', '--ready-file', readyFile], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  started.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await readyUrl(readyFile, child, () => stderr);
  return { child, url, readyFile, stderr: () => stderr };
}

/** Resolves with the URL `readyFile` holds once written; rejects if `child` exits first. */
export async function readyUrl(
  readyFile: string,
  child: ChildProcess,
  output: () => string,
): Promise<string> {
  for (;;) {
    if (existsSync(readyFile)) {
      const text = readFileSync(readyFile, 'utf8');
      if (text.endsWith('\n')) return text.trim();
    }
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited (${child.exitCode ?? child.signalCode}) before it was ready: ${output()}`);
    await sleep(50);
  }
}

// A test harness in a few lines: it starts the command with a pipe to its stdin, holds that pipe until it
// dies, and ends when the command does. The mock's output goes nowhere, its errors to the harness's.
const HARNESS = `const { spawn } = require('node:child_process');
const [command, ...args] = process.argv.slice(1);
const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'inherit'] });
child.on('exit', (code) => process.exit(code ?? 1));`;

/**
 * The command and arguments of a harness (like the README's pytest fixture) that runs `command` with
 * `args`, holding a pipe to its stdin: for `startMockProcess`, whose flags go to `command`.
 */
export function underHarness(command: string, args: readonly string[]): [string, string[]] {
  return [process.execPath, ['-e', HARNESS, '--', command, ...args]];
}

/** Stops the started process as `by` says: SIGTERM or SIGINT to it alone, or Ctrl-C to its group. */
export function stop(child: ChildProcess, by: StopBy): void {
  if (by !== 'Ctrl-C') child.kill(by);
  else if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
}

/** Whether something accepts connections at `url`. */
export function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * What is left of a stopped mock after at most GONE_WITHIN_MS: whether its port still accepts
 * connections and its ready file (if it was given one) is still there; both false as soon as it is gone.
 */
export async function leftAfterStop(
  url: string,
  readyFile?: string,
): Promise<{ listening: boolean; readyFile: boolean }> {
  const deadline = Date.now() + GONE_WITHIN_MS;
  for (;;) {
    const left = {
      listening: await listening(url),
      readyFile: readyFile !== undefined && existsSync(readyFile),
    };
    if ((!left.listening && !left.readyFile) || Date.now() > deadline) return left;
    await sleep(100);
  }
}

/**
 * Ends every process group `startMockProcess` started and is still there (a mock a failing test left
 * behind among them: it keeps its group when its parent dies). For `afterEach`.
 */
export function killStartedGroups(): void {
  for (const { pid } of started.splice(0)) {
    if (pid === undefined) continue;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  }
}
