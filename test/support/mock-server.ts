import { afterAll, beforeAll } from 'vitest';
import { createMockServer, type MockServer, type MockServerOptions } from '../../mock/index.js';

/** The mock server of one test file, readable inside its tests. */
export interface FileMockServer {
  readonly server: MockServer;
  /** Its base URL, such as `http://127.0.0.1:43210`. */
  readonly url: string;
}

/**
 * Starts a mock server (127.0.0.1, port 0) before the tests of the calling file and closes it after them:
 * the one place test files get that right.
 */
export function useMockServer(options: Partial<MockServerOptions> = {}): FileMockServer {
  let server: MockServer | undefined;
  let url = '';
  beforeAll(async () => {
    server = createMockServer(options);
    url = await server.start();
  });
  afterAll(() => server?.close());
  return {
    get server() {
      if (server === undefined) throw new Error('useMockServer: the server starts in beforeAll');
      return server;
    },
    get url() {
      return url;
    },
  };
}
