/**
 * A log sink that gathers lines and writes them in one call per event-loop turn: a write per request
 * would cost more than answering it.
 */
export function createBatchedLineWriter(stream: NodeJS.WritableStream): (line: string) => void {
  let pending: string[] = [];
  const flush = (): void => {
    const lines = pending;
    pending = [];
    stream.write(`${lines.join('\n')}\n`);
  };
  return (line) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(line);
  };
}
