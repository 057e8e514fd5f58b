import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, onTestFinished } from 'vitest';
import {
  createMock,
  createMockServer,
  type MockControls,
  type MockOptions,
  type MockServer,
  type MockServerOptions,
} from '../../mock/index.js';
import { truecallerHandlers } from '../../mock/msw/index.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { TRUECALLER_OAUTH_URL } from '../../src/hosts.js';
import { adminRequest, openApiProblems, request, type TestResponse } from './http.js';
import { type CodeExchangeOptions, postCodeExchange, postForm } from './token.js';

/** The three ways in to the one engine: a port, `mock.fetch`, and MSW serving the real host. */
export const DOORS = ['node:http', 'fetch', 'msw'] as const;

/** One door. */
export type DoorName = (typeof DOORS)[number];

/** A mock reached through one door, as a test in another repository would reach it. */
export interface DoorUnderTest<Server extends MockControls = MockControls> {
  /** The mock itself: its controls (registerToken, reset, clock, journal, ...). */
  readonly server: Server;
  /** Where a client points: the server's URL, or Truecaller's own host for the in-process doors. */
  readonly url: string;
  /** What a client sends with: the global fetch (over a socket, or intercepted by MSW), or `mock.fetch`. */
  readonly fetch: typeof fetch;
  /** Sends `init` to `url + path` through this door and reads the whole answer. */
  request(path: string, init?: RequestInit): Promise<TestResponse>;
  /**
   * `GET /v1/userinfo` with `Bearer <token>` (no Authorization header for null), its answer checked
   * against openapi.yaml; `request` sends what must not be checked (an answer broken on purpose).
   */
  userInfo(token: string | null, init?: RequestInit): Promise<TestResponse>;
  /** Posts `fields` as `application/x-www-form-urlencoded` to `path` (`/v1/token`, `/v1/revoke`). */
  postForm(path: string, fields: Readonly<Record<string, string>>): Promise<TestResponse>;
  /** Posts an `authorization_code` exchange of `code` to `/v1/token`, its answer checked against openapi.yaml. */
  exchange(code: string, options?: CodeExchangeOptions): Promise<TestResponse>;
  /** Calls the control plane: `path` from the root (`/__admin/tokens`), a JSON body (a string is sent as is). */
  admin(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse>;
}

/**
 * A mock with `options` behind door `name`, for the tests of the calling `describe` (or file): created
 * in `beforeAll`, closed in `afterAll`. The server listens on 127.0.0.1 port 0; MSW lets every request
 * for another host through.
 */
export function useDoor(name: DoorName, options: Partial<MockOptions> = {}): DoorUnderTest {
  let server: (MockControls & { close(): Promise<void> }) | undefined;
  let url = '';
  let send: typeof fetch = (input, init) => globalThis.fetch(input, init);
  let stopIntercepting = (): void => undefined;

  beforeAll(async () => {
    if (name === 'node:http') {
      const listening = createMockServer(options);
      url = await listening.start();
      server = listening;
      return;
    }
    const inProcess = createMock(options);
    server = inProcess;
    url = TRUECALLER_OAUTH_URL;
    if (name === 'fetch') {
      send = inProcess.fetch;
      return;
    }
    const msw = setupServer(...truecallerHandlers(inProcess));
    msw.listen({ onUnhandledRequest: 'bypass' });
    stopIntercepting = () => msw.close();
  });
  afterAll(async () => {
    stopIntercepting();
    await server?.close();
  });

  return doorCalls(
    name,
    () => server,
    () => url,
    (input, init) => send(input, init),
  );
}

/**
 * A mock server (127.0.0.1, port 0) for the tests of the calling file, started before them and closed
 * after them: the node:http door, with the server's own members (`events`, `start`, ...) at hand.
 */
export function useMockServer(options: Partial<MockServerOptions> = {}): DoorUnderTest<MockServer> {
  let server: MockServer | undefined;
  let url = '';
  beforeAll(async () => {
    server = createMockServer(options);
    url = await server.start();
  });
  afterAll(() => server?.close());
  return doorCalls(
    'node:http',
    () => server,
    () => url,
    (input, init) => globalThis.fetch(input, init),
  );
}

/** A mock server (127.0.0.1, port 0) for the calling test alone, closed when that test finishes. */
export async function startMockServer(
  options: Partial<MockServerOptions> = {},
): Promise<DoorUnderTest<MockServer>> {
  const server = createMockServer(options);
  const url = await server.start();
  onTestFinished(() => server.close());
  return doorCalls(
    'node:http',
    () => server,
    () => url,
    (input, init) => globalThis.fetch(input, init),
  );
}

function doorCalls<Server extends MockControls>(
  name: DoorName,
  getServer: () => Server | undefined,
  getUrl: () => string,
  send: typeof fetch,
): DoorUnderTest<Server> {
  const door: DoorUnderTest<Server> = {
    get server() {
      const server = getServer();
      if (server === undefined) throw new Error(`the ${name} mock is created in beforeAll`);
      return server;
    },
    get url() {
      return getUrl();
    },
    fetch: send,
    request: (path, init) => request(`${getUrl()}${path}`, init, send),
    userInfo: async (token, init = {}) => {
      const response = await door.request(ENDPOINTS.userinfo, {
        ...init,
        headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...init.headers },
      });
      if (init.method !== 'HEAD') expect(openApiProblems(ENDPOINTS.userinfo, 'get', response)).toEqual([]);
      return response;
    },
    postForm: (path, fields) => postForm(`${getUrl()}${path}`, fields, send),
    exchange: async (code, options) => {
      const response = await postCodeExchange(getUrl(), code, options, send);
      expect(openApiProblems(ENDPOINTS.token, 'post', response)).toEqual([]);
      return response;
    },
    admin: (method, path, body, headers) => adminRequest(getUrl(), method, path, body, headers, send),
  };
  return door;
}
