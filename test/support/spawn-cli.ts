import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root, where `npm run` scripts run. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A CLI started as a user starts it, with its output gathered as it arrives. */
export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when `stdout` matches, with the match; rejects if the process exits first. */
  waitForOutput(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** tsx by absolute URL: `--import tsx` resolves from the working directory, which a test may move. */
export const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** Runs a TypeScript entry point of the kit (relative to the root) under Node with tsx, as `npm run` does. */
export function runTsCli(
  script: string,
  args: readonly string[],
  options: { cwd?: string; env?: Readonly<Record<string, string | undefined>> } = {},
): CliProcess {
  return watchCli(
    spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, script), ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1', ...options.env },
    }),
  );
}

/** Gathers a started CLI's output as it arrives. */
export function watchCli(child: ChildProcessWithoutNullStreams): CliProcess {
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // 'close', not 'exit': Node may emit 'exit' before the last of the output has been read from the pipes,
  // and a test that reads stderr once the CLI exited would find it short (seen with the built bin, which
  // prints its one line and exits within milliseconds).
  const exited = new Promise<number | string>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput(pattern) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const match = out.match(pattern);
          if (match) resolve(match);
          return match !== null;
        };
        if (check()) return;
        const onData = (): void => {
          if (check()) child.stdout.off('data', onData);
        };
        child.stdout.on('data', onData);
        void exited.then((code) =>
          reject(new Error(`exited with ${code} before printing ${pattern}\nstdout: ${out}\nstderr: ${err}`)),
        );
      });
    },
  };
}

/**
 * Starts `npm run mock`'s CLI on a free port, quiet, with `args`, and resolves with it and its base URL
 * once it printed its ready line. `started` collects it, for the file to kill what is left after a test.
 */
export async function startMockCli(
  args: readonly string[],
  started: CliProcess[],
): Promise<{ cli: CliProcess; url: string }> {
  const cli = runTsCli('mock/cli/mock-cli.ts', ['--port', '0', '--quiet', ...args]);
  started.push(cli);
  const [, url = ''] = await cli.waitForOutput(/^TRUECALLER_OAUTH_KIT_URL=(\S+)$/m);
  return { cli, url };
}
