/**
 * The mock server: a test double of Truecaller's OAuth backend API, not for production. Plain `node:http`
 * with a path table, so the hot path (`GET /v1/userinfo`) runs no middleware chain.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { KitError } from '../../src/errors.js';
import { loadApiDocument } from '../../src/openapi/api-document.js';
import { RequestJournal } from '../state/journal.js';
import { lazyAdmin } from '../admin/lazy-admin.js';
import { DEFAULT_ADMIN_BODY_LIMIT } from '../admin/read-json-body.js';
import { MockClock } from '../state/clock.js';
import { registerCode, type RegisterCodeInput } from '../admin/register-code.js';
import { breakConnection, drawDelay, FAULT_SCENARIOS, type PreparedFault } from '../http/faults.js';
import { corsHeadersForAnyOrigin, corsHeadersForOrigin, preflightHeaders } from '../http/cors.js';
import { createDiscoveryRoute } from '../routes/discovery-route.js';
import { type MockServerOptions, resolveMockOptions } from '../config/options.js';
import { type PreparedResponse, prepareEmpty, prepareJson, type ResponseContext } from '../http/responses.js';
import { pathOf } from '../http/request-path.js';
import { createRevokeRoute } from '../routes/revoke-route.js';
import type { MockStore } from '../state/store.js';
import { openStore } from '../config/store-source.js';
import { createTokenRoute } from '../routes/token-route.js';
import { createUserInfoRoute } from '../routes/userinfo-route.js';
import { ENDPOINTS } from '../../src/endpoints.js';

/** A running (or ready to run) mock server. */
export interface MockServer {
  /** The base URL, such as `http://127.0.0.1:4010`; empty until `start()` resolves. */
  readonly url: string;
  /** The tokens and personas it answers from; change them, then call `store.changed()`. */
  readonly store: MockStore;
  /** The time tokens and codes expire against; `clock.advance(ms)` reaches an expiry without waiting. */
  readonly clock: MockClock;
  /**
   * Adds an authorization code for `POST /v1/token` and returns it; single use, expiring on `clock`.
   *
   * @example
   * const { codeVerifier, codeChallenge } = createPkcePair();
   * const code = server.registerCode({ persona: 'full-in', scopes: 'openid phone', codeChallenge });
   */
  registerCode(input?: RegisterCodeInput): string;
  /** The last requests it answered; null with `admin: false`. */
  readonly journal: RequestJournal | null;
  /**
   * `config-reloaded` after a watched `--config` file changed and applied; `config-rejected` with the
   * `KitError` when the change was invalid and the previous config stays.
   */
  readonly events: EventEmitter;
  /** Starts listening; resolves with the base URL, rejects with a `KitError` (`ERR_PORT_IN_USE`, ...). */
  start(): Promise<string>;
  /** Stops listening and ends every open connection. */
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage) => PreparedResponse | Promise<PreparedResponse>;

interface Route {
  readonly allow: string;
  readonly handlers: Readonly<Record<string, Handler>>;
  readonly preflight: PreparedResponse;
}

/**
 * Creates a mock server. Options are checked and the config read here, once; nothing listens until
 * `start()`.
 *
 * @example
 * const server = createMockServer({ port: 0 });
 * const url = await server.start();
 * await fetch(`${url}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } });
 * await server.close();
 */
export function createMockServer(options: Partial<MockServerOptions> = {}): MockServer {
  const settings = resolveMockOptions(options);
  const document = loadApiDocument();
  const events = new EventEmitter();
  const source = openStore(settings, events);
  const store = source.store;
  const journal = settings.admin ? new RequestJournal(settings.journalSize) : null;
  const context: ResponseContext = { commonHeaders: corsHeadersForAnyOrigin(settings.cors) };
  const allowedOrigins = Array.isArray(settings.cors) ? new Set<string>(settings.cors) : undefined;
  const log = settings.log;
  const clock = new MockClock(settings.clock);

  const routes = new Map<string, Route>();
  const addRoute = (path: string, handlers: Record<string, Handler>): void => {
    const allow = [...Object.keys(handlers), 'OPTIONS'].join(', ');
    routes.set(path, {
      allow,
      handlers,
      preflight: prepareEmpty(context, 204, preflightHeaders(allow), 'preflight'),
    });
  };
  const userInfo = createUserInfoRoute(store, document, context, clock);
  addRoute(ENDPOINTS.userinfo, { GET: userInfo, HEAD: userInfo });
  const tokenSettings = { clock, tokenLifetimeSeconds: settings.tokenLifetimeSeconds };
  addRoute(ENDPOINTS.token, { POST: createTokenRoute(store, document, context, tokenSettings) });
  addRoute(ENDPOINTS.revoke, { POST: createRevokeRoute(store, document, context) });
  addRoute(ENDPOINTS.discovery, { GET: createDiscoveryRoute(document, context, () => url) });

  const pendingDelays = new Set<NodeJS.Timeout>();
  const later = (run: () => void, delayMs: number): void => {
    const timer = setTimeout(() => {
      pendingDelays.delete(timer);
      run();
    }, delayMs);
    pendingDelays.add(timer);
  };

  function send(
    request: IncomingMessage,
    response: ServerResponse,
    answer: PreparedResponse,
    started: number,
  ): void {
    if (answer.fault !== null) {
      sendFaulty(request, response, answer.delayMs, answer.fault, started);
      return;
    }
    if (answer.delayMs > 0) {
      later(() => {
        if (!response.destroyed) send(request, response, { ...answer, delayMs: 0 }, started);
      }, answer.delayMs);
      return;
    }
    const headers = allowedOrigins
      ? [...answer.headers, ...corsHeadersForOrigin(allowedOrigins, request.headers.origin)]
      : answer.headers;
    response.writeHead(answer.status, headers as string[]);
    response.end(answer.body);
    if (journal) journal.record(request, answer.status, answer.scenario, started);
    if (log) log(requestLogLine(request, answer, started));
  }

  // Off the hot path: only answers that carry a fault come here.
  function sendFaulty(
    request: IncomingMessage,
    response: ServerResponse,
    answerDelayMs: number,
    fault: PreparedFault,
    started: number,
  ): void {
    const act = (): void => {
      if (response.destroyed) return;
      if (fault.then !== null) {
        send(request, response, fault.then, started);
        return;
      }
      const failure = fault.failure === 'connection-reset' ? 'connection-reset' : 'empty-response';
      breakConnection(response, failure);
      if (journal) journal.record(request, 0, FAULT_SCENARIOS[failure], started);
      if (log) log(requestLogLine(request, { status: 0, scenario: FAULT_SCENARIOS[failure] }, started));
    };
    const delayMs = answerDelayMs + drawDelay(fault.delayMs);
    if (delayMs > 0) later(act, delayMs);
    else act();
  }

  const admin = journal
    ? lazyAdmin(
        {
          store,
          journal,
          adminToken: settings.adminToken,
          bodyLimit: DEFAULT_ADMIN_BODY_LIMIT,
          reset: source.reset,
          afterChange: source.persist,
        },
        (request, response, error) =>
          send(request, response, internalError(context, error), timed ? performance.now() : 0),
      )
    : undefined;

  // The clock is read only when someone looks at the latency.
  const timed = journal !== null || log !== null;

  function onRequest(request: IncomingMessage, response: ServerResponse): void {
    const started = timed ? performance.now() : 0;
    const url = request.url ?? '/';
    const path = pathOf(url);
    const method = request.method ?? 'GET';
    const route = routes.get(path);
    let answer: PreparedResponse | Promise<PreparedResponse>;
    if (route === undefined) {
      // Only a path no route serves is checked for the admin prefix: the hot path never pays for it.
      if (admin?.owns(path)) {
        admin.handle(request, response);
        return;
      }
      answer = notFound(context, method, path, [...routes.keys()]);
    } else if (method === 'OPTIONS') answer = route.preflight;
    else {
      const handler = route.handlers[method];
      try {
        answer = handler ? handler(request) : methodNotAllowed(context, method, path, route.allow);
      } catch (error) {
        // A bug (or a record the checks missed) answers 500 for this request; it never ends the process.
        answer = internalError(context, error);
      }
    }
    if (answer instanceof Promise) {
      answer.then(
        (ready) => send(request, response, ready, started),
        (error: unknown) => send(request, response, internalError(context, error), started),
      );
    } else {
      send(request, response, answer, started);
    }
  }

  const server: Server = createServer(onRequest);
  server.on('clientError', answerClientError);

  let url = '';
  return {
    get url() {
      return url;
    },
    store,
    clock,
    registerCode: (input) => registerCode(store, clock, input),
    journal,
    events,
    start() {
      return new Promise<string>((resolve, reject) => {
        const onError = (error: NodeJS.ErrnoException): void => {
          server.off('listening', onListening);
          reject(listenError(error, settings.host, settings.port));
        };
        const onListening = (): void => {
          server.off('error', onError);
          const address = server.address();
          const port = typeof address === 'object' && address !== null ? address.port : settings.port;
          const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
          url = `http://${host}:${port}`;
          resolve(url);
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(settings.port, settings.host);
      });
    },
    close() {
      source.close();
      for (const timer of pendingDelays) clearTimeout(timer);
      pendingDelays.clear();
      return new Promise<void>((resolve, reject) => {
        if (!server.listening) {
          resolve();
          return;
        }
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function notFound(context: ResponseContext, method: string, path: string, paths: string[]): PreparedResponse {
  return prepareJson(
    context,
    404,
    {
      error: 'not_found',
      error_description: `No route for ${method} ${printable(path)}. This mock serves ${paths.join(', ')}.`,
    },
    { scenario: 'unknown-path' },
  );
}

function methodNotAllowed(
  context: ResponseContext,
  method: string,
  path: string,
  allow: string,
): PreparedResponse {
  return prepareJson(
    context,
    405,
    { error: 'method_not_allowed', error_description: `${path} answers ${allow}, not ${printable(method)}.` },
    { scenario: 'wrong-method', headers: ['Allow', allow] },
  );
}

function internalError(context: ResponseContext, error: unknown): PreparedResponse {
  const reason = error instanceof Error ? error.message : String(error);
  return prepareJson(
    context,
    500,
    { error: 'server_error', error_description: `The mock failed: ${reason}` },
    { scenario: 'mock-failure' },
  );
}

// What a client sent is untrusted: keep log lines and messages on one line and of sane length.
function printable(text: string): string {
  const clean = text.replace(
    /[^\x20-\x7e]/g,
    (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return clean.length > 200 ? `${clean.slice(0, 200)}...` : clean;
}

function requestLogLine(
  request: IncomingMessage,
  answer: Pick<PreparedResponse, 'status' | 'scenario'>,
  started: number,
): string {
  const url = request.url ?? '/';
  const path = printable(pathOf(url));
  const ms = (performance.now() - started).toFixed(1);
  return `${request.method ?? '?'} ${path} ${answer.scenario} ${answer.status} ${ms}ms`;
}

// Node's parser rejects what it cannot read (bad bytes, a header over --max-http-header-size) before any
// handler runs; answer in the mock's JSON error shape instead of dropping the connection silently.
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = JSON.stringify({
    error: 'invalid_request',
    error_description: tooLarge
      ? 'The request headers are larger than the server accepts (16 KiB by default). Send a shorter token or fewer headers.'
      : `The request could not be parsed as HTTP/1.1 (${error.code ?? 'parse error'}).`,
  });
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): KitError {
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
