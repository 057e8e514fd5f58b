import { type CliProcess, runTsCli } from './spawn-cli.js';

/** A mock CLI process started on a shared store. */
export interface Replica {
  readonly url: string;
  readonly cli: CliProcess;
  /** Stops it with SIGTERM and resolves with its exit code. */
  stop(): Promise<number | string>;
}

/** Starts `count` mock processes (`npm run mock` as a user runs it) on the store at `storeUrl`. */
export async function startReplicas(
  count: number,
  storeUrl: string,
  extraArgs: readonly string[] = [],
): Promise<Replica[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const cli = runTsCli('mock/cli/mock-cli.ts', [
        '--port',
        '0',
        '--quiet',
        '--store',
        storeUrl,
        ...extraArgs,
      ]);
      const [, url = ''] = await cli.waitForOutput(/TRUECALLER_OAUTH_KIT_URL=(\S+)/);
      return {
        url,
        cli,
        stop() {
          if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGTERM');
          return cli.exited;
        },
      };
    }),
  );
}

/** Asks until `check` holds, for at most `limitMs`, a few milliseconds apart; the last answer. */
export async function eventually<T>(
  ask: () => Promise<T>,
  check: (value: T) => boolean,
  limitMs = 10_000,
): Promise<T> {
  const until = performance.now() + limitMs;
  let value = await ask();
  while (!check(value) && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    value = await ask();
  }
  return value;
}

/** The median, 95th percentile and largest of `values` (milliseconds), for a test's note. */
export function distribution(values: readonly number[]): { median: number; p95: number; max: number } {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (fraction: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? Number.NaN };
}
