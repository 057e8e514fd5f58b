import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock } from '../../../mock/index.js';
import { truecallerHandlers } from '../../../mock/msw/index.js';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { TRUECALLER_OAUTH_URL } from '../../../src/hosts.js';
import { importGraph } from '../../support/import-graph.js';

const mock = createMock();
const server = setupServer(
  ...truecallerHandlers(mock),
  ...truecallerHandlers(mock, { baseUrls: ['http://truecaller-proxy.internal/base/'] }),
  http.all('*', () => new HttpResponse('not the mock', { status: 599 })),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(async () => {
  server.close();
  await mock.close();
});

const authorized = { headers: { authorization: 'Bearer valid' } };

describe('truecallerHandlers', () => {
  it('serves the documented host by default', async () => {
    const response = await fetch(`${TRUECALLER_OAUTH_URL}${ENDPOINTS.userinfo}`, authorized);
    expect(response.status).toBe(200);
  });

  it('serves another base URL when given, the mock seeing the path after it', async () => {
    const response = await fetch(`http://truecaller-proxy.internal/base${ENDPOINTS.userinfo}`, authorized);
    expect(response.status).toBe(200);
    // Outside the base path the kit's handlers take nothing: the catch-all after them answers.
    const outside = await fetch(`http://truecaller-proxy.internal${ENDPOINTS.userinfo}`, authorized);
    expect(outside.status).toBe(599);
  });

  it('turns a broken connection into a network error', async () => {
    const token = mock.registerToken();
    mock.setFault({ failure: 'connection-reset' }, { token });
    await expect(
      fetch(`${TRUECALLER_OAUTH_URL}${ENDPOINTS.userinfo}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    ).rejects.toBeInstanceOf(TypeError);
  });
});

describe('truecallerHandlers, misused', () => {
  it('refuses to be called without a mock, in one line, rather than answer 500 at the first request', () => {
    expect(() => truecallerHandlers(undefined as never)).toThrow(
      expect.objectContaining({
        code: 'ERR_OPTIONS_INVALID',
        message: 'truecallerHandlers needs the mock to answer from: truecallerHandlers(createMock()).',
      }),
    );
  });

  it.each([['oauth-account-noneu.truecaller.com'], ['ftp://truecaller.example'], [42]])(
    'refuses a base URL that is not an absolute http(s) URL: %j',
    (given) => {
      expect(() => truecallerHandlers(mock, { baseUrls: [given as string] })).toThrow(
        `truecallerHandlers: each of baseUrls must be an absolute http(s) URL, got ${JSON.stringify(given)}.`,
      );
    },
  );
});

describe('msw as an optional peer dependency', () => {
  it.each(['src/index.ts', 'mock/index.ts', 'fixtures/index.ts'])('is never loaded by %s', (entry) => {
    expect([...importGraph(entry)].filter((module) => module === 'msw' || module.startsWith('msw/'))).toEqual(
      [],
    );
  });
});
