/**
 * Door 2 of the mock (a test double, not for production): `fetch`. A function with the signature of the
 * global `fetch` that answers from the engine without a socket, for anything that takes a custom fetch
 * (oauth4webapi's `customFetch`, openid-client, ky, the kit's own `getUserInfo` and `exchangeCode`).
 */
import { deliver, type Door } from '../engine/delivery.js';
import { ANSWERED_AT_ONCE, type MockEngine } from '../engine/engine-types.js';
import type { BodyRead, MockRequest } from '../http/mock-request.js';
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
  const door: Door<FetchRequest, FetchRequest, Response> = {
    send: (request, answer) => toResponse(answer, request.method),
    recorded: (_, answer) => answer,
    breakConnection(_, failure) {
      throw networkError(
        failure === 'connection-reset'
          ? 'other side closed (ECONNRESET)'
          : 'the connection closed without an answer',
      );
    },
    // A delay ends early, with a rejection, when the caller aborts or the mock is closed.
    wait: ({ signal }, ms) =>
      new Promise((resolve, reject) => {
        const onAbort = (): void => {
          clearTimeout(timer);
          pending.delete(timer);
          reject(signal?.reason as Error);
        };
        const timer = setTimeout(() => {
          pending.delete(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.set(timer, () => reject(networkError('the mock was closed while the answer was delayed')));
      }),
    gone: () => false,
  };

  async function mockFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = fetchRequest(input, init);
    request.signal?.throwIfAborted();
    const handled = engine.handle(request);
    // An answer made at once is timed by one clock reading in `answered`; any other reads it now.
    const started = handled instanceof Promise ? engine.arrival() : ANSWERED_AT_ONCE;
    const answer = handled instanceof Promise ? await handled : handled;
    return (await deliver(engine, door, request, request, answer, started)) as Response;
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

// Header pairs of each prepared answer, made once: answers are shared, so the hot path allocates no list.
const pairsOf = new WeakMap<PreparedResponse, [string, string][]>();

/** A prepared answer as a Fetch API `Response`. */
export function toResponse(answer: PreparedResponse, method: string): Response {
  let headers = pairsOf.get(answer);
  if (headers === undefined) {
    headers = [];
    for (let at = 0; at < answer.headers.length; at += 2) {
      headers.push([answer.headers[at] as string, answer.headers[at + 1] as string]);
    }
    pairsOf.set(answer, headers);
  }
  const bodiless = method === 'HEAD' || BODILESS_STATUSES.has(answer.status);
  return new Response(bodiless ? null : answer.body, { status: answer.status, headers });
}

/** Fetch normalises these method names to upper case; any other is sent as written (RFC 9110 §9.1). */
const NORMALISED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/**
 * A fetch call as the engine's request. The common call (a URL, no body, headers as a plain object) is
 * read directly, as fetch would send it, without building a `Request`; any other goes through
 * `new Request`, so fetch's own rules apply: a body's Content-Type, header checks, forbidden methods.
 */
interface FetchRequest extends MockRequest {
  readonly signal: AbortSignal | undefined;
}

function fetchRequest(input: string | URL | Request, init: RequestInit | undefined): FetchRequest {
  const incoming =
    input instanceof Request && init === undefined
      ? input
      : input instanceof Request || init?.body != null || !isPlainRecord(init?.headers)
        ? new Request(input, init)
        : undefined;
  const url = splitUrl(incoming?.url ?? (typeof input === 'string' ? input : (input as URL).href));
  const method = incoming?.method ?? normaliseMethod(init?.method ?? 'GET');
  const headers =
    incoming === undefined
      ? plainHeaders(init?.headers as Record<string, string> | undefined)
      : headersOf(incoming);
  headers.host ??= url.host;
  const body = incoming;
  let bodyRead: BodyRead | undefined;
  return {
    method,
    url: url.target,
    headers,
    origin: url.origin,
    signal: incoming?.signal ?? init?.signal ?? undefined,
    get bodyRead() {
      return bodyRead;
    },
    async readBody(limit) {
      if (bodyRead !== undefined) return bodyRead;
      const bytes = body === undefined ? new Uint8Array() : new Uint8Array(await body.arrayBuffer());
      bodyRead = bytes.length > limit ? { ok: false, reason: 'too-large' } : { ok: true, bytes };
      return bodyRead;
    },
  };
}

// An absolute URL fetch would send as it is: no escapes, dot segments, fragment or user info to resolve.
const PLAIN_URL =
  /^(https?:\/\/[a-z0-9.-]+(?::(?!80\/|80$|443\/|443$)[0-9]{1,5})?)(\/[A-Za-z0-9\-_~!$&'()*+,;=:@/?]*)?$/;

/** The origin and the request target (path and query) of an absolute URL, as a client would send them. */
function splitUrl(href: string): { origin: string; host: string; target: string } {
  const plain = PLAIN_URL.exec(href);
  if (plain !== null && !(plain[2] ?? '').includes('/.')) {
    const origin = plain[1] as string;
    return { origin, host: origin.slice(origin.indexOf('//') + 2), target: plain[2] ?? '/' };
  }
  const url = new URL(href);
  return { origin: url.origin, host: url.host, target: `${url.pathname}${url.search}` };
}

function normaliseMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALISED_METHODS.has(upper) ? upper : method;
}

function isPlainRecord(value: unknown): value is Record<string, string> | undefined {
  if (value === undefined) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Header values by lower-case name, as a `Request` holds them. */
function headersOf(request: Request): Record<string, string> {
  const record: Record<string, string> = {};
  request.headers.forEach((value, name) => (record[name] = value));
  return record;
}

/** A plain object's headers as fetch sends them: names in lower case, values without surrounding blanks. */
function plainHeaders(init: Record<string, string> | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name in init) {
    const key = name.toLowerCase();
    const value = String(init[name]).replace(/^[\t ]+|[\t ]+$/g, '');
    record[key] = record[key] === undefined ? value : `${record[key]}, ${value}`;
  }
  return record;
}

// The errors the mock throws on purpose (a fault broke the connection), told apart from any other.
const networkErrors = new WeakSet<Error>();

function networkError(reason: string): TypeError {
  const error = new TypeError('fetch failed', { cause: new Error(reason) });
  networkErrors.add(error);
  return error;
}

/** Whether `error` is the network error `mock.fetch` rejects with for a fault that breaks the connection. */
export function isMockNetworkError(error: unknown): boolean {
  return error instanceof Error && networkErrors.has(error);
}
