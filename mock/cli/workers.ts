/**
 * `--workers N` (or `auto`, one per core) of the mock CLI (a test double, not for production): a primary
 * process forks N workers with node:cluster; each runs the same mock and they share the port (the
 * primary hands each connection to a worker in turn) and, through `--store`, the state. The primary
 * serves nothing itself: it checks the store, announces the mock once every worker listens, replaces a
 * worker that dies, and stops them all on Ctrl-C or SIGTERM.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';

/** The most workers `--workers` starts. */
export const MAX_WORKERS = 256;

/** What a worker tells the primary once it listens. */
interface WorkerReady {
  readonly kind: 'truecaller-oauth-kit:ready';
  readonly url: string;
  /** What the mock prints at start-up (tables, `curl` lines, the control plane). */
  readonly text: string;
}

/** How many workers `--workers` asks for (`auto`: one per core), or why it cannot be read. */
export function workerCount(flag: string): number | string {
  if (flag === 'auto') return availableParallelism();
  const count = Number(flag);
  return /^\d{1,3}$/.test(flag) && count >= 1 && count <= MAX_WORKERS
    ? count
    : `--workers must be a number from 1 to ${MAX_WORKERS}, or auto (one per core), got "${flag}".`;
}

/** Whether this process is a worker of `--workers` (it then serves, and tells the primary). */
export function isWorker(): boolean {
  return cluster.isWorker;
}

/** A worker's announcement to the primary: it listens on `url`. */
export function announceWorker(url: string, text: string): void {
  const ready: WorkerReady = { kind: 'truecaller-oauth-kit:ready', url, text };
  process.send?.(ready);
}

/** What the primary does besides running workers. */
export interface PrimaryHooks {
  /** Resolves once every worker listens: announces the mock (the ready line first). */
  announce(url: string, text: string): Promise<void>;
  /** Resolves when the mock should stop (Ctrl-C, SIGTERM). */
  stopped: Promise<void>;
}

/**
 * Runs `count` workers until `hooks.stopped`; resolves with the exit code (1 when a worker ends before
 * it listens: its own one-line message says why, on the shared standard error).
 */
export async function runPrimary(count: number, hooks: PrimaryHooks): Promise<number> {
  const workers = new Set<Worker>();
  let stopping = false;
  let listening = false;
  let failed: ((code: number) => void) | undefined;
  const failure = new Promise<number>((resolve) => {
    failed = resolve;
  });
  const fork = (): Promise<WorkerReady> => {
    const worker = cluster.fork();
    workers.add(worker);
    return new Promise((resolve) => {
      worker.on('message', (message: Partial<WorkerReady>) => {
        if (message.kind === 'truecaller-oauth-kit:ready') resolve(message as WorkerReady);
      });
      worker.once('exit', (code, signal) => {
        workers.delete(worker);
        if (stopping) return;
        if (!listening) failed?.(1);
        else {
          console.error(`worker ${worker.process.pid ?? '?'} ended (${signal ?? code}); starting another`);
          void fork();
        }
      });
    });
  };
  const ready = Promise.all(Array.from({ length: count }, fork));
  const first = await Promise.race([ready, failure]);
  if (typeof first === 'number') {
    stopping = true;
    await stopAll(workers);
    return first;
  }
  listening = true;
  const [{ url, text } = { url: '', text: '' }] = first;
  const pids = [...workers].map((worker) => worker.process.pid).join(', ');
  await hooks.announce(url, `${text}${count} worker processes (pids ${pids}) share ${url} and the store.\n`);
  await Promise.race([hooks.stopped, failure]);
  stopping = true;
  await stopAll(workers);
  return 0;
}

/** Sends SIGTERM to every worker and resolves once they have all exited. */
function stopAll(workers: ReadonlySet<Worker>): Promise<void> {
  return Promise.all(
    [...workers].map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) {
            resolve();
            return;
          }
          worker.once('exit', () => resolve());
          worker.process.kill('SIGTERM');
        }),
    ),
  ).then(() => undefined);
}
