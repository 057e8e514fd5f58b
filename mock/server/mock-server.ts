/**
 * Door 1 of the mock (a test double of Truecaller's OAuth backend API, not for production): `node:http`.
 * A request becomes the engine's `MockRequest` and its answer is written as prepared, so the hot path
 * (`GET /v1/userinfo`) is a header match, a map look-up and one `writeHead`: no middleware chain.
 */
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { ADMIN_SCENARIO_PREFIX } from '../admin/admin-api.js';
import { warmConfigChecks } from '../config/config-file.js';
import { type MockServerOptions, resolveMockServerOptions } from '../config/options.js';
import { deliver, type Door } from '../engine/delivery.js';
import { ANSWERED_AT_ONCE, type MockControls } from '../engine/engine-types.js';
import { controlsOf, createMockEngine } from '../engine/mock-engine.js';
import { internalError } from '../engine/route-table.js';
import { createMockFetch, type MockFetch } from '../fetch/mock-fetch.js';
import { corsHeadersForAnyOrigin, corsHeadersForOrigin } from '../http/cors.js';
import { BROKEN_CONNECTION_ANSWERS } from '../http/faults.js';
import type { PreparedResponse } from '../http/responses.js';
import { answerClientError, listenError } from './connection-errors.js';
import { guardConnections, readDescriptorLimit } from './connection-guard.js';
import { NodeRequest } from './node-request.js';

/** A running (or ready to run) mock server. */
export interface MockServer extends MockControls {
  /** The base URL, such as `http://127.0.0.1:4010`; empty until `start()` resolves. */
  readonly url: string;
  /** The same mock in-process, without a socket (see `createMock`). */
  readonly fetch: MockFetch;
  /**
   * Starts listening (with a shared store: once it is connected and read); resolves with the base URL,
   * rejects with a `KitError` (`ERR_PORT_IN_USE`, `ERR_STORE_UNAVAILABLE`, ...).
   */
  start(): Promise<string>;
  /**
   * Stops listening, ends every open connection and pending delay, stops watching the config file, and
   * lets go of the store (a shared store gets this replica's last requests first).
   */
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
  const engine = createMockEngine(settings, settings.host);
  const fetchDoor = createMockFetch(engine);
  const allowedOrigins = Array.isArray(settings.cors) ? new Set<string>(settings.cors) : undefined;
  const commonHeaders = corsHeadersForAnyOrigin(settings.cors);
  const door = createNodeDoor(allowedOrigins, commonHeaders);

  const server = createHttpServer(settings, function onRequest(incoming, response) {
    const request = new NodeRequest(incoming);
    const answer = engine.handle(request);
    if (answer instanceof Promise) {
      // Still the turn the request arrived in: the clock says when it came.
      const started = engine.arrival();
      answer
        .catch((error: unknown) => internalError({ commonHeaders }, error))
        .then((ready) => settle(deliver(engine, door, request, response, ready, started), response))
        .catch(() => response.destroy());
    } else settle(deliver(engine, door, request, response, answer, ANSWERED_AT_ONCE), response);
  });

  return {
    ...controlsOf(engine),
    get url() {
      return engine.baseUrl;
    },
    fetch: fetchDoor.fetch,
    async start() {
      try {
        // A shared store is connected and read before the port opens: no request meets an empty model.
        await engine.ready();
      } catch (error) {
        await engine.close().catch(() => undefined);
        throw error;
      }
      engine.baseUrl = await listen(server, settings.host, settings.port);
      // What the control plane's first write needs, loaded once the mock listens, in a turn of its own,
      // not in that write while requests wait (it was 150 ms of a stalled event loop).
      if (settings.admin) setImmediate(warmConfigChecks).unref();
      return engine.baseUrl;
    },
    async close() {
      const engineClosed = engine.close();
      fetchDoor.close();
      door.cancelDelays();
      await new Promise<void>((resolve, reject) => {
        if (!server.listening) {
          resolve();
          return;
        }
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await engineClosed;
    },
  };
}

/** A delivery that waits (a delay, a fault) must not end the process if it fails: the socket goes instead. */
function settle(delivered: PreparedResponse | Promise<unknown>, response: ServerResponse): void {
  if (delivered instanceof Promise) delivered.catch(() => response.destroy());
}

/** The `node:http` server of `settings`, calling `onRequest` for each request. */
function createHttpServer(settings: Readonly<MockServerOptions>, onRequest: RequestListener): Server {
  const server: Server = createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      // How often timed-out connections are looked for: a silent socket is dropped soon after its timeout.
      connectionsCheckingInterval: Math.min(1000, settings.headersTimeoutMs),
    },
    onRequest,
  );
  server.on('clientError', answerClientError);
  // Node's headers timeout starts with the first byte: a connection that sends nothing would hold its
  // descriptor for ever. It goes as an idle kept-alive one does, sooner than one mid-request, and at once
  // (the oldest first) when connections near the descriptor limit.
  guardConnections(server, {
    silentMs: Math.min(settings.keepAliveTimeoutMs, settings.headersTimeoutMs),
    descriptorLimit: readDescriptorLimit(),
  });
  // A client that half-closes after sending its request still gets its answer, delayed or not: without
  // Node's own switch for it (undocumented, in node:http since 0.x) the socket and the answer are dropped.
  Object.assign(server, { httpAllowHalfOpen: true });
  return server;
}

/** Listens on `host:port`; resolves with the base URL once listening, rejects with a `KitError`. */
function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(listenError(error, host, port));
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${bound}`);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** The `node:http` door: what it sends on is the `ServerResponse`. */
interface NodeDoor extends Door<NodeRequest, ServerResponse, PreparedResponse> {
  /** Ends every delay still waiting (at close): their answers are never sent. */
  cancelDelays(): void;
}

function createNodeDoor(
  allowedOrigins: ReadonlySet<string> | undefined,
  commonHeaders: readonly string[],
): NodeDoor {
  const pendingDelays = new Set<NodeJS.Timeout>();
  return {
    send(response, answer, request) {
      // The API's CORS (`cors`), never the control plane's: it answers other origins only as `adminCors` says.
      let headers =
        allowedOrigins && !answer.scenario.startsWith(ADMIN_SCENARIO_PREFIX)
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
        return failed;
      }
      response.end(answer.body);
      return answer;
    },
    recorded: (sent) => sent,
    breakConnection(response, failure) {
      const socket = response.socket;
      if (socket !== null) {
        if (failure === 'connection-reset') socket.resetAndDestroy();
        else socket.end();
      }
      return BROKEN_CONNECTION_ANSWERS[failure];
    },
    // A delay cut short by close() never resolves: its answer is simply never sent.
    wait: (_, ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          pendingDelays.delete(timer);
          resolve();
        }, ms);
        pendingDelays.add(timer);
      }),
    gone: (response) => response.destroyed,
    cancelDelays() {
      for (const timer of pendingDelays) clearTimeout(timer);
      pendingDelays.clear();
    },
  };
}
