/**
 * The `node:http` door's request (a test double, not for production): an `IncomingMessage` seen as the
 * engine's transport-free `MockRequest`, its body read only when a route asks, and never past a limit.
 */
import type { IncomingMessage } from 'node:http';
import type { BodyRead, MockRequest } from '../http/mock-request.js';

/** An `IncomingMessage` as a `MockRequest`. */
export class NodeRequest implements MockRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly incoming: IncomingMessage;
  #body: Promise<BodyRead> | undefined;
  #bodyRead: BodyRead | undefined;

  constructor(incoming: IncomingMessage) {
    this.incoming = incoming;
    this.method = incoming.method ?? 'GET';
    this.url = incoming.url ?? '/';
    this.headers = incoming.headers;
  }

  get bodyRead(): BodyRead | undefined {
    return this.#bodyRead;
  }

  readBody(limit: number): Promise<BodyRead> {
    this.#body ??= readIncoming(this.incoming, limit).then((read) => (this.#bodyRead = read));
    return this.#body;
  }

  /**
   * Whether the client sent (or is sending) a body that was not read to its end: the answer then closes
   * the connection, so a body the mock will not read is not read anyway, byte by byte, by Node.
   */
  get leavesBodyUnread(): boolean {
    const { headers } = this.incoming;
    if (headers['transfer-encoding'] === undefined && (headers['content-length'] ?? '0') === '0')
      return false;
    return this.#bodyRead?.ok !== true;
  }
}

function readIncoming(incoming: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(incoming.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (read: BodyRead): void => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onAbort);
      incoming.off('close', onAbort);
      resolve(read);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        incoming.pause();
        finish({ ok: false, reason: 'too-large' });
      } else chunks.push(chunk);
    };
    const onEnd = (): void => finish({ ok: true, bytes: Buffer.concat(chunks) });
    const onAbort = (): void => finish({ ok: false, reason: 'aborted' });
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onAbort);
    incoming.on('close', onAbort);
  });
}
