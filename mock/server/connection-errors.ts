/**
 * What the `node:http` door answers before any route runs (a test double, not for production): requests
 * Node's parser refuses, requests that time out, and a port that cannot be listened on.
 */
import type { Socket } from 'node:net';
import { KitError } from '../../src/errors.js';

/**
 * Answers a request Node could not parse or that took too long, in the mock's JSON error shape, instead
 * of dropping the connection silently: 431 for a header block over the limit, 408 for a request (or its
 * headers) that did not arrive in time, 400 for the rest.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, description] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          '431 Request Header Fields Too Large',
          'The request headers are larger than the server accepts (16 KiB by default). Send a shorter token or fewer headers.',
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT'
        ? ['408 Request Timeout', 'The request did not arrive in time; the connection is closed.']
        : [
            '400 Bad Request',
            `The request could not be parsed as HTTP/1.1 (${error.code ?? 'parse error'}).`,
          ];
  const body = JSON.stringify({
    error: status.startsWith('408') ? 'request_timeout' : 'invalid_request',
    error_description: description,
  });
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  // A client that sends on and on is not waited for.
  socket.destroySoon();
}

/** The `KitError` for a failed `listen`: a port in use, an address not of this machine, a privileged port. */
export function listenError(error: NodeJS.ErrnoException, host: string, port: number): KitError {
  if (error.code === 'EADDRINUSE') {
    return new KitError(
      'ERR_PORT_IN_USE',
      `Port ${port} on ${host} is already in use. Stop the process that holds it, or choose another port (--port 0 picks a free one).`,
      { cause: error },
    );
  }
  const hint =
    error.code === 'EADDRNOTAVAIL'
      ? `${host} is not an address of this machine`
      : error.code === 'EACCES'
        ? `port ${port} needs privileges; use a port above 1023`
        : error.message;
  return new KitError('ERR_LISTEN_FAILED', `Cannot listen on ${host}:${port}: ${hint}.`, { cause: error });
}
