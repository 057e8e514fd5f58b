/**
 * Door 2 of the mock (a test double, not for production): `fetch`. A function with the signature of the
 * global `fetch` that answers from the engine without a socket, for anything that takes a custom fetch
 * (oauth4webapi's `customFetch`, openid-client, ky, the kit's own `getUserInfo` and `exchangeCode`).
 */
import { performance } from 'node:perf_hooks';
import type { MockEngine } from '../engine/mock-engine.js';
import { deliveryOf } from '../http/faults.js';
import { requestWithBody } from '../http/mock-request.js';
import type { PreparedResponse } from '../http/responses.js';

/** A `fetch` whose every request the engine answers; a broken connection rejects as the global fetch does. */
export type MockFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Answers that carry no body, whatever the answer holds (RFC 9110 §6.4.1). */
const BODILESS_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The fetch door of `engine`. Delays are real delays (cut short by `close()`); a fault that breaks the
 * connection rejects with a `TypeError('fetch failed')`, as undici does.
 */
export function createMockFetch(engine: MockEngine): { fetch: MockFetch; close: () => void } {
  const pending = new Map<NodeJS.Timeout, () => void>();
  // A delay ends early, with a rejection, when the caller aborts or the mock is closed.
  const wait = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        pending.delete(timer);
        reject(signal.reason as Error);
      };
      const timer = setTimeout(() => {
        pending.delete(timer);
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
      pending.set(timer, () => reject(networkError('the mock was closed while the answer was delayed')));
    });

  async function mockFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const started = engine.timed ? performance.now() : 0;
    const incoming = new Request(input, init);
    incoming.signal.throwIfAborted();
    const url = new URL(incoming.url);
    const headers: Record<string, string> = {};
    incoming.headers.forEach((value, name) => (headers[name] = value));
    headers.host ??= url.host;
    const body = new Uint8Array(await incoming.arrayBuffer());
    const request = requestWithBody(
      incoming.method,
      `${url.pathname}${url.search}`,
      headers,
      body,
      url.origin,
    );
    const delivery = deliveryOf(await engine.handle(request));
    if (delivery.delayMs > 0) await wait(delivery.delayMs, incoming.signal);
    if (delivery.kind === 'break') {
      engine.answered(request, delivery.answer, started);
      throw networkError(
        delivery.failure === 'connection-reset'
          ? 'other side closed (ECONNRESET)'
          : 'the connection closed without an answer',
      );
    }
    engine.answered(request, delivery.answer, started);
    return toResponse(delivery.answer, incoming.method);
  }

  return {
    fetch: mockFetch,
    close() {
      for (const [timer, cancel] of pending) {
        clearTimeout(timer);
        cancel();
      }
      pending.clear();
    },
  };
}

/** A prepared answer as a Fetch API `Response`. */
export function toResponse(answer: PreparedResponse, method: string): Response {
  const headers = new Headers();
  for (let at = 0; at < answer.headers.length; at += 2) {
    headers.append(answer.headers[at] as string, answer.headers[at + 1] as string);
  }
  const bodiless = method === 'HEAD' || BODILESS_STATUSES.has(answer.status);
  return new Response(bodiless ? null : answer.body, { status: answer.status, headers });
}

function networkError(reason: string): TypeError {
  return new TypeError('fetch failed', { cause: new Error(reason) });
}
