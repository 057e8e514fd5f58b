/**
 * Door 3 of the mock (a test double, not for production): MSW 2 request handlers that serve Truecaller's
 * real hosts from an in-process mock, so a backend's own code, calling the real URLs with `fetch`, axios
 * or `node:http`, is served unchanged: no port, no base-URL setting.
 */
import type * as Msw from 'msw';
import type { HttpHandler } from 'msw';
import { KitError } from '../../src/errors.js';
import { OPERATIONS } from '../../src/operations/index.js';
import { loadOptionalPeers } from '../../src/optional-peers.js';
import type { Mock } from '../fetch/create-mock.js';
import { isMockNetworkError } from '../fetch/mock-fetch.js';

/** Where the handlers intercept. */
export interface TruecallerHandlersOptions {
  /**
   * The base URLs to serve; the mock sees the path after each. Default: every documented host of the
   * operations the kit mocks (`TRUECALLER_HOSTS`): `https://oauth-account-noneu.truecaller.com` (token,
   * userinfo), `https://sdk-otp-verification-noneu.truecaller.com` (the validation call of users without
   * the Truecaller app), ...
   */
  baseUrls?: readonly string[];
}

/** Every documented host of the operations the kit mocks, each once, in the order of `OPERATIONS`. */
export const TRUECALLER_HOSTS: readonly string[] = Object.freeze([
  ...new Set(OPERATIONS.map((operation) => operation.host)),
]);

/**
 * Handlers for `setupServer` (or `setupWorker`) answering every request under the given hosts from
 * `mock`. A fault that breaks the connection becomes `HttpResponse.error()`, a network error; delays are
 * real delays. `msw` (an optional peer dependency) is loaded at the first call: without it, the call
 * throws a `KitError` (`ERR_DEPENDENCY_MISSING`) naming the command that installs it.
 *
 * @example
 * const mock = createMock();
 * const server = setupServer(...truecallerHandlers(mock));
 * beforeAll(() => server.listen());
 * afterEach(() => mock.reset());
 * afterAll(() => server.close());
 */
export function truecallerHandlers(
  mock: Pick<Mock, 'fetch'>,
  options: TruecallerHandlersOptions = {},
): HttpHandler[] {
  if (typeof (mock as Partial<Mock> | undefined)?.fetch !== 'function') {
    throw new KitError(
      'ERR_OPTIONS_INVALID',
      'truecallerHandlers needs the mock to answer from: truecallerHandlers(createMock()).',
    );
  }
  const baseUrls = (options.baseUrls ?? TRUECALLER_HOSTS).map(baseUrlOf);
  const [{ http, HttpResponse }] = loadOptionalPeers(
    [{ name: 'msw', install: 'msw@^2' }],
    'truecallerHandlers',
  ) as [typeof Msw];
  return baseUrls.map((base) => {
    const basePath = base.pathname.replace(/\/+$/, '');
    return http.all(`${base.origin}${basePath}/*`, async ({ request }) => {
      // Under a base URL with a path (a proxy's), the mock sees the path after it: /base/v1/token -> /v1/token.
      const url = new URL(request.url);
      const forwarded =
        basePath === ''
          ? request
          : new Request(`${url.origin}${url.pathname.slice(basePath.length)}${url.search}`, request);
      try {
        return await mock.fetch(forwarded);
      } catch (error) {
        // The mock broke the connection on purpose (a fault): the client sees what a dropped socket gives.
        // A client that gave up waiting (its timeout during a delay) already has its AbortError: nothing
        // is left to answer. Any other error is a bug or a bad request the client should see as thrown.
        if (isMockNetworkError(error) || request.signal.aborted) return HttpResponse.error();
        throw error;
      }
    });
  });
}

// An absolute http(s) URL, or a one-line refusal at the call (not a TypeError from the first request).
function baseUrlOf(given: unknown): URL {
  const url = typeof given === 'string' && URL.canParse(given) ? new URL(given) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new KitError(
      'ERR_OPTIONS_INVALID',
      `truecallerHandlers: each of baseUrls must be an absolute http(s) URL, got ${JSON.stringify(given)}.`,
    );
  }
  return url;
}
