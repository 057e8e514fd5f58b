/**
 * The mock in-process (a test double of Truecaller's OAuth API, not for production): no port, no
 * start-up. `mock.fetch` answers as the mock server would; the MSW handlers serve the real host from it.
 */
import { TRUECALLER_OAUTH_URL } from '../../src/hosts.js';
import { type MockOptions, resolveMockOptions } from '../config/options.js';
import { controlsOf, createMockEngine } from '../engine/mock-engine.js';
import { type MockControls } from '../engine/engine-types.js';
import { createMockFetch, type MockFetch } from './mock-fetch.js';

/** A mock without a port: the controls every door shares, and `fetch`. */
export interface Mock extends MockControls {
  /**
   * The global `fetch`'s signature, answered by the mock without a socket; any URL's path is served.
   *
   * @example
   * const response = await mock.fetch('https://oauth-account-noneu.truecaller.com/v1/userinfo', {
   *   headers: { authorization: 'Bearer valid' },
   * });
   */
  readonly fetch: MockFetch;
  /** Ends pending delays and stops watching the config file. */
  close(): Promise<void>;
}

/**
 * Creates a mock in-process. Options are those of `createMockServer` but where to listen.
 *
 * @example
 * const mock = createMock();
 * const token = mock.registerToken({ scopes: 'openid phone' });
 * const profile = await getUserInfo(token, { baseUrl: 'https://oauth-account-noneu.truecaller.com', fetch: mock.fetch });
 */
export function createMock(options: Partial<MockOptions> = {}): Mock {
  const settings = resolveMockOptions(options);
  const engine = createMockEngine(settings);
  engine.baseUrl = TRUECALLER_OAUTH_URL;
  const door = createMockFetch(engine);
  // With a shared store, requests wait until it is connected and read (a failure rejects each fetch).
  const ready = settings.store === undefined ? undefined : engine.ready();
  ready?.catch(() => undefined);
  return {
    ...controlsOf(engine),
    fetch:
      ready === undefined
        ? door.fetch
        : async (input, init) => {
            await ready;
            return door.fetch(input, init);
          },
    async close() {
      door.close();
      await engine.close();
    },
  };
}
