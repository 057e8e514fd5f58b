import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

/** One request the partner's callback received. */
export interface ReceivedCallback {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

/** How the partner answers one request: a status (and body), or by hand. */
export type PartnerAnswer =
  | { readonly status: number; readonly body?: string; readonly headers?: Record<string, string> }
  | ((response: ServerResponse, received: ReceivedCallback) => void);

/** A partner's backend listening on 127.0.0.1 for Truecaller's callbacks, for the tests of the calling file. */
export interface Partner {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** What it received, oldest first. */
  readonly received: ReceivedCallback[];
  /** The answers of its next requests, in order; once they are used up, 200 `{}`. */
  answerNext(...answers: PartnerAnswer[]): void;
  /** Forgets what it received and the answers not given yet. */
  clear(): void;
}

/** A partner started before the tests of the calling file and closed after them. */
export function usePartner(): Partner {
  let server: Server | undefined;
  let url = '';
  const received: ReceivedCallback[] = [];
  const queue: PartnerAnswer[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const callback: ReceivedCallback = {
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body: text === '' ? undefined : (JSON.parse(text) as unknown),
        };
        received.push(callback);
        const answer = queue.shift() ?? { status: 200, body: '{}' };
        if (typeof answer === 'function') answer(response, callback);
        else response.writeHead(answer.status, answer.headers).end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });
  return {
    get url() {
      return url;
    },
    received,
    answerNext: (...answers) => queue.push(...answers),
    clear() {
      received.length = 0;
      queue.length = 0;
    },
  };
}
