/**
 * Door 1 of the mock (a test double of Truecaller's OAuth backend API, not for production): `node:http`.
 * A request becomes the engine's `MockRequest` and its answer is written as prepared, so the hot path
 * (`GET /v1/userinfo`) is a header match, a map look-up and one `writeHead`: no middleware chain.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { type MockServerOptions, resolveMockServerOptions } from '../config/options.js';
import {
  ANSWERED_AT_ONCE,
  controlsOf,
  createMockEngine,
  type MockControls,
  type MockEngine,
} from '../engine/mock-engine.js';
import { internalError } from '../engine/route-table.js';
import { createMockFetch, type MockFetch } from '../fetch/mock-fetch.js';
import { corsHeadersForAnyOrigin, corsHeadersForOrigin } from '../http/cors.js';
import { type BrokenConnection, deliveryOf } from '../http/faults.js';
import type { PreparedResponse } from '../http/responses.js';
import { answerClientError, listenError } from './connection-errors.js';
import { NodeRequest } from './node-request.js';

/** A running (or ready to run) mock server. */
export interface MockServer extends MockControls {
  /** The base URL, such as `http://127.0.0.1:4010`; empty until `start()` resolves. */
  readonly url: string;
  /** The same mock in-process, without a socket (see `createMock`). */
  readonly fetch: MockFetch;
  /** Starts listening; resolves with the base URL, rejects with a `KitError` (`ERR_PORT_IN_USE`, ...). */
  start(): Promise<string>;
  /** Stops listening, ends every open connection and pending delay, stops watching the config file. */
  close(): Promise<void>;
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
  const settings = resolveMockServerOptions(options);
  const engine = createMockEngine(settings);
  const fetchDoor = createMockFetch(engine);
  const allowedOrigins = Array.isArray(settings.cors) ? new Set<string>(settings.cors) : undefined;
  const commonHeaders = corsHeadersForAnyOrigin(settings.cors);
  const writer = createAnswerWriter(engine, allowedOrigins, commonHeaders);

  const server: Server = createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      // How often timed-out connections are looked for: a silent socket is dropped soon after its timeout.
      connectionsCheckingInterval: Math.min(1000, settings.headersTimeoutMs),
    },
    function onRequest(incoming, response) {
      const request = new NodeRequest(incoming);
      const answer = engine.handle(request);
      if (answer instanceof Promise) {
        // Still the turn the request arrived in: the clock says when it came.
        const started = engine.arrival();
        answer.then(
          (ready) => writer.deliver(request, response, ready, started),
          (error: unknown) =>
            writer.deliver(request, response, internalError({ commonHeaders }, error), started),
        );
      } else writer.deliver(request, response, answer, ANSWERED_AT_ONCE);
    },
  );
  server.on('clientError', answerClientError);
  // Node's headers timeout starts with the first byte: a connection that sends nothing would hold its
  // descriptor for ever. Dropped after the same time unless it has begun a request.
  server.on('connection', (socket) => {
    const silent = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, settings.headersTimeoutMs);
    silent.unref();
    socket.once('close', () => clearTimeout(silent));
  });
  // A client that half-closes after sending its request still gets its answer, delayed or not: without
  // Node's own switch for it (undocumented, in node:http since 0.x) the socket and the answer are dropped.
  Object.assign(server, { httpAllowHalfOpen: true });

  return {
    ...controlsOf(engine),
    get url() {
      return engine.baseUrl;
    },
    fetch: fetchDoor.fetch,
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
          engine.baseUrl = `http://${host}:${port}`;
          resolve(engine.baseUrl);
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(settings.port, settings.host);
      });
    },
    close() {
      engine.close();
      fetchDoor.close();
      writer.cancelDelays();
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

interface AnswerWriter {
  /** Sends `answer` (now, or after its delay), or breaks the connection as its fault says. */
  deliver(request: NodeRequest, response: ServerResponse, answer: PreparedResponse, started: number): void;
  cancelDelays(): void;
}

function createAnswerWriter(
  engine: MockEngine,
  allowedOrigins: ReadonlySet<string> | undefined,
  commonHeaders: readonly string[],
): AnswerWriter {
  const pendingDelays = new Set<NodeJS.Timeout>();
  const later = (run: () => void, delayMs: number): void => {
    const timer = setTimeout(() => {
      pendingDelays.delete(timer);
      run();
    }, delayMs);
    pendingDelays.add(timer);
  };

  function send(
    request: NodeRequest,
    response: ServerResponse,
    answer: PreparedResponse,
    started: number,
  ): void {
    let headers = allowedOrigins
      ? [...answer.headers, ...corsHeadersForOrigin(allowedOrigins, request.incoming.headers.origin)]
      : answer.headers;
    // A body the mock did not read is not read later either: the connection ends with the answer.
    if (request.leavesBodyUnread) headers = [...headers, 'Connection', 'close'];
    try {
      response.writeHead(answer.status, headers as string[]);
    } catch (error) {
      // A header value Node refuses (a record the checks missed): this request gets a 500, the process goes on.
      const failed = internalError({ commonHeaders }, error);
      response.writeHead(failed.status, failed.headers as string[]);
      response.end(failed.body);
      engine.answered(request, failed, started);
      return;
    }
    response.end(answer.body);
    engine.answered(request, answer, started);
  }

  function breakConnection(
    request: NodeRequest,
    response: ServerResponse,
    failure: BrokenConnection,
    noAnswer: PreparedResponse,
    started: number,
  ): void {
    const socket = response.socket;
    if (socket !== null) {
      if (failure === 'connection-reset') socket.resetAndDestroy();
      else socket.end();
    }
    engine.answered(request, noAnswer, started);
  }

  return {
    deliver(request, response, answer, started) {
      if (answer.fault === null && answer.delayMs === 0) {
        send(request, response, answer, started);
        return;
      }
      // Off the hot path: only answers that carry a delay or a fault come here.
      const delivery = deliveryOf(answer);
      const arrived = started === ANSWERED_AT_ONCE ? engine.arrival() : started;
      const act = (): void => {
        if (response.destroyed) return;
        if (delivery.kind === 'send') send(request, response, delivery.answer, arrived);
        else breakConnection(request, response, delivery.failure, delivery.answer, arrived);
      };
      if (delivery.delayMs > 0) later(act, delivery.delayMs);
      else act();
    },
    cancelDelays() {
      for (const timer of pendingDelays) clearTimeout(timer);
      pendingDelays.clear();
    },
  };
}
