import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import {
  createMock,
  createMockServer,
  type MockControls,
  type MockOptions,
  type MockServer,
  type MockServerOptions,
} from '../../mock/index.js';
import { truecallerHandlers } from '../../mock/msw/index.js';
import { ENDPOINTS, TRUECALLER_OAUTH_URL } from '../../src/endpoints.js';
import { request, type TestResponse } from './http.js';

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
  /** `GET /v1/userinfo` with `Bearer <token>`, or with no Authorization header for null. */
  userInfo(token: string | null, init?: RequestInit): Promise<TestResponse>;
  /** Posts `fields` as `application/x-www-form-urlencoded` to `path` (`/v1/token`, `/v1/revoke`). */
  postForm(path: string, fields: Readonly<Record<string, string>>): Promise<TestResponse>;
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
    userInfo: (token, init = {}) =>
      door.request(ENDPOINTS.userinfo, {
        ...init,
        headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...init.headers },
      }),
    postForm: (path, fields) =>
      door.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      }),
  };
  return door;
}
