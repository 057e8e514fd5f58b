/**
 * Keeps the `node:http` door's descriptors for requests (a test double, not for production). A
 * connection that has sent nothing is dropped after a short wait (the keep-alive timeout), sooner than
 * one mid-request (which Node's headers and request timeouts end); and when the open connections near
 * the process's descriptor limit, the oldest ones that have sent nothing are dropped at once, so a flood
 * of silent connections (1,100 of them under `ulimit -n 1024` once starved every request for 11 s) cannot
 * keep the requests of others out.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** How a server's connections are kept. */
export interface ConnectionGuardOptions {
  /** How long a connection may stay open without sending a byte. */
  readonly silentMs: number;
  /** The process's descriptor limit (soft); undefined where it cannot be read (no pressure is then seen). */
  readonly descriptorLimit: number | undefined;
}

/**
 * The open connections past which the oldest silent ones are dropped: the limit less a reserve for the
 * files the mock opens (its `--db` file and log, the config, the pages' files, stdio) and for accepting
 * the next connections.
 */
export function connectionBudget(descriptorLimit: number): number {
  return descriptorLimit - Math.max(32, Math.floor(descriptorLimit / 16));
}

/** Guards `server`'s connections as `options` say. */
export function guardConnections(server: Server, options: ConnectionGuardOptions): void {
  // In the order they came: the oldest first, where a flood's connections are.
  const open = new Set<Socket>();
  const budget = options.descriptorLimit === undefined ? Infinity : connectionBudget(options.descriptorLimit);
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    const silent = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, options.silentMs);
    silent.unref();
    socket.once('close', () => {
      clearTimeout(silent);
      open.delete(socket);
    });
    if (open.size > budget) dropOldestSilent(open, open.size - budget, socket);
  });
  // Accepting past the limit fails (libuv then drops the waiting connections itself): an error without
  // a listener would end the process. Listening's own errors are the listen call's to report.
  server.on('error', () => undefined);
}

/** Drops up to `count` of the oldest connections that have sent nothing, never `newest`. */
function dropOldestSilent(open: ReadonlySet<Socket>, count: number, newest: Socket): void {
  let dropped = 0;
  for (const socket of open) {
    if (dropped >= count) return;
    if (socket !== newest && socket.bytesRead === 0) {
      socket.destroy();
      dropped += 1;
    }
  }
}

/** The process's soft limit of open files (Linux `/proc/self/limits`); undefined elsewhere or when unlimited. */
export function readDescriptorLimit(limits = '/proc/self/limits'): number | undefined {
  try {
    const line = readFileSync(limits, 'utf8')
      .split('\n')
      .find((each) => each.startsWith('Max open files'));
    const soft = Number(line?.slice('Max open files'.length).trim().split(/\s+/)[0]);
    return Number.isInteger(soft) && soft > 0 ? soft : undefined;
  } catch {
    return undefined;
  }
}
