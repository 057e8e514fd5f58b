/**
 * The request log of `npm run mock` (a test double, not for production): one line per request. Writing
 * each line as it comes would cost more than answering the request, so lines are gathered and written
 * together, every `flushMs` or once `maxChars` are waiting, and when the process exits. A terminal gets
 * each line at once: someone is watching it.
 */

/** Where request lines go, and how to make the ones waiting reach it now. */
export interface RequestLog {
  /** Takes one line (without its newline). */
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
  let waiting = '';
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    unflushed.delete(flush);
    if (waiting === '') return;
    const text = waiting;
    waiting = '';
    stream.write(text);
  };
  if (!flushesAtExit) {
    flushesAtExit = true;
    process.once('exit', () => {
      for (const pending of unflushed) pending();
    });
  }
  return {
    write(line) {
      waiting += `${line}\n`;
      if (waiting.length >= maxChars) flush();
      else if (timer === undefined) {
        // Unref'd: a log waiting to be written never keeps the process alive; the exit hook writes it.
        timer = setTimeout(flush, flushMs).unref();
        unflushed.add(flush);
      }
    },
    flush,
  };
}
