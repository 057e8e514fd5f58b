/**
 * When the mock CLI stops (a test double's process, not for production): on Ctrl-C or SIGTERM, whoever
 * started it; when npm, which started it, is gone; and, when asked, when its stdin closes or, for a worker
 * process, when its primary is gone.
 */

/** What ends the mock besides Ctrl-C and SIGTERM. */
export interface StopTriggers {
  /** Stop when stdin closes: a harness holds the other end, and its end closes when it dies, even by SIGKILL. */
  readonly onStdinClose: boolean;
  /** Stop when the IPC channel to the parent closes: a worker of `--workers` whose primary is gone. */
  readonly onDisconnect?: boolean;
}

/** How often the mock looks for its parent when npm started it: a harness waits at most this long, plus the stop. */
const PARENT_CHECK_MS = 250;

/**
 * Resolves at the first reason to stop. Listening from the call on, for the life of the process: a
 * second Ctrl-C while stopping (npm passes on the terminal's own, so one keypress brings two) must not
 * kill the process half-way, with its ready file still there.
 *
 * @example
 * const stopped = untilStopped({ onStdinClose: flags['exit-on-stdin-close'] });
 * await server.start();
 * await stopped;
 */
export function untilStopped(triggers: StopTriggers): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      // A stdin still read would keep the process alive after the mock has stopped.
      if (triggers.onStdinClose) process.stdin.destroy();
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    watchParentWhenStartedByNpm(stop);
    if (triggers.onDisconnect === true) process.once('disconnect', stop);
    if (triggers.onStdinClose) {
      // Read and drop: what matters is the end of the stream, not what comes down it.
      process.stdin.on('data', () => undefined);
      process.stdin.once('end', stop);
      process.stdin.once('error', stop);
    }
  });
}

/**
 * `npm run` and `npx` run the mock under a shell of npm's (`sh -c ...`). Stopped by SIGTERM, npm passes the
 * signal to that shell, which dies of it without passing it on: the mock would serve on, its parent gone.
 * So when npm started it, the mock stops once its parent is no longer the one it had. Started any other
 * way (the bin or the executable from a shell, in the foreground or with `&`), nothing changes: a mock
 * whose shell exits keeps serving, as a background job in a CI step's script must.
 */
function watchParentWhenStartedByNpm(stop: () => void): void {
  if (process.env.npm_lifecycle_event === undefined) return;
  const parent = process.ppid;
  // Already adopted (a script's `... &` whose shell has exited): there is no parent to follow.
  if (parent === 1) return;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop();
  }, PARENT_CHECK_MS);
  timer.unref();
}
