import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, onTestFinished, TestRunner } from 'vitest';
import {
  createMock,
  createMockServer,
  type Mock,
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

/** Options of a mock behind `door`: where a server listens is not a choice (127.0.0.1, port 0). */
export type StartOptions = Partial<Omit<MockServerOptions, 'host' | 'port'>>;

/**
 * The one way a test starts a mock: a server on 127.0.0.1 port 0, or the mock behind another door
 * (`startMock('fetch')`, `startMock('msw')`), closed after use. Called in a test (or its `beforeEach`),
 * the mock starts at once and is closed when that test finishes. Called while a file or `describe` body
 * is collected (`await` at the top of the file, or in an async describe body), it starts before the
 * block's first test and is closed after its last; a block whose tests are all skipped never starts it.
 * Not from a `beforeAll`: its hooks would come too late. MSW (the `msw` door) lets every request for
 * another host through.
 *
 * @example
 * const mock = await startMock(); // the file's mock server
 * it('...', async () => {
 *   const own = await startMock({ db: file }); // this test's, closed when it finishes
 * });
 * describe.each(DOORS)('through the %s door', async (door) => {
 *   const mock = await startMock(door, { config }); // this block's
 * });
 */
export function startMock(options?: StartOptions): Promise<DoorUnderTest<MockServer>>;
export function startMock(door: 'node:http', options?: StartOptions): Promise<DoorUnderTest<MockServer>>;
export function startMock(
  door: 'fetch' | 'msw',
  options?: Partial<MockOptions>,
): Promise<DoorUnderTest<Mock>>;
export function startMock(door: DoorName, options?: Partial<MockOptions>): Promise<DoorUnderTest>;
export async function startMock(
  doorOrOptions: DoorName | StartOptions = {},
  doorOptions: Partial<MockOptions> = {},
): Promise<DoorUnderTest> {
  const [door, options]: [DoorName, StartOptions] =
    typeof doorOrOptions === 'string' ? [doorOrOptions, doorOptions] : ['node:http', doorOrOptions];
  if (TestRunner.getCurrentTest() !== undefined) {
    const opened = await open(door, options);
    onTestFinished(() => opened.close());
    return doorCalls(
      door,
      () => opened.server,
      () => opened.url,
      opened.send,
    );
  }
  let opened: Opened | undefined;
  beforeAll(async () => {
    opened = await open(door, options);
  });
  afterAll(() => opened?.close());
  return doorCalls(
    door,
    () => opened?.server,
    () => opened?.url ?? '',
    (input, init) => (opened?.send ?? globalThis.fetch)(input, init),
  );
}

/** A mock behind one door, open: what a client reaches it with, and how it is closed. */
interface Opened {
  readonly server: MockServer | Mock;
  readonly url: string;
  readonly send: typeof fetch;
  close(): Promise<void>;
}

async function open(door: DoorName, options: StartOptions): Promise<Opened> {
  const globalFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);
  if (door === 'node:http') {
    const server = createMockServer({ ...options, host: '127.0.0.1', port: 0 });
    const url = await server.start();
    return { server, url, send: globalFetch, close: () => server.close() };
  }
  const mock = createMock(options);
  if (door === 'fetch') {
    return { server: mock, url: TRUECALLER_OAUTH_URL, send: mock.fetch, close: () => mock.close() };
  }
  const msw = setupServer(...truecallerHandlers(mock));
  msw.listen({ onUnhandledRequest: 'bypass' });
  return {
    server: mock,
    url: TRUECALLER_OAUTH_URL,
    send: globalFetch,
    close: () => {
      msw.close();
      return mock.close();
    },
  };
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
      if (server === undefined)
        throw new Error(`the ${name} mock starts before the first test of the block that asked for it`);
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
