/**
 * The request log of `npm run mock` (a test double, not for production): one line per request. Writing
 * each line as it comes would cost more than answering the request, so lines are gathered and written
 * together, every `flushMs` or once `maxChars` are waiting, and when the process exits. A terminal gets
 * each line at once: someone is watching it.
 */

/** Where request lines go, and how to make the ones waiting reach it now. */
export interface RequestLog {
  /** Takes one line (without its newline) of printable ASCII, as `createLogLineFormatter` makes them. */
  readonly write: (line: string) => void;
  /** Writes the lines waiting, now. */
  readonly flush: () => void;
}

/** How long a line may wait, and how much may wait, before lines are written. */
export interface RequestLogOptions {
  readonly flushMs: number;
  readonly maxChars: number;
}

/** The defaults: a tenth of a second, 64 Ki characters. */
const DEFAULT_REQUEST_LOG_OPTIONS: Readonly<RequestLogOptions> = Object.freeze({
  flushMs: 100,
  maxChars: 1 << 16,
});

// Every log with lines waiting: written when the process exits, however it exits.
const unflushed = new Set<() => void>();
let flushesAtExit = false;

/** A request log writing to `stream` (standard output in the CLI). */
export function createRequestLog(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  { flushMs, maxChars }: RequestLogOptions = DEFAULT_REQUEST_LOG_OPTIONS,
): RequestLog {
  if (stream.isTTY === true) return { write: (line) => stream.write(`${line}\n`), flush: () => undefined };
  // Lines waiting are the text of those before the current run of equal lines, then that run as its
  // line and a count: the hot path logs the same line again and again, and a run costs a comparison
  // and an increment per request, where a string grown line by line cost a rope to flatten.
  let waiting = '';
  let runLine = '';
  let runText = '';
  let runCount = 0;
  let timer: NodeJS.Timeout | undefined;
  const endRun = (): void => {
    if (runCount > 0) waiting += runText.repeat(runCount);
    runCount = 0;
  };
  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    unflushed.delete(flush);
    endRun();
    if (waiting === '') return;
    const text = waiting;
    waiting = '';
    // ASCII lines are the same bytes in latin1 as in UTF-8, and latin1 encodes several times faster.
    stream.write(text, 'latin1');
  };
  if (!flushesAtExit) {
    flushesAtExit = true;
    process.once('exit', () => {
      for (const pending of unflushed) pending();
    });
  }
  return {
    write(line) {
      if (runCount === 0 || line !== runLine) {
        endRun();
        runLine = line;
        runText = `${line}\n`;
      }
      runCount++;
      if (waiting.length + runText.length * runCount >= maxChars) flush();
      else if (timer === undefined) {
        // Unref'd: a log waiting to be written never keeps the process alive; the exit hook writes it.
        timer = setTimeout(flush, flushMs).unref();
        unflushed.add(flush);
      }
    },
    flush,
  };
}
