import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../../mock/index.js';
import { getExampleValue, loadApiDocument } from '../../../src/openapi/api-document.js';
import { createPkcePair, exchangeCode } from '../../../src/index.js';
import { schemaProblems } from '../../support/http.js';

const document = loadApiDocument();
let mock: MockServer;
beforeAll(async () => {
  mock = createMockServer();
  await mock.start();
});
afterAll(() => mock?.close());

describe('exchangeCode', () => {
  it('posts the documented form and returns the token, as a backend test would use it', async () => {
    const { codeVerifier, codeChallenge } = createPkcePair();
    const code = mock.registerCode({ persona: 'full-in', scopes: ['openid', 'phone'], codeChallenge });
    const result = await exchangeCode({ baseUrl: mock.url, code, codeVerifier });
    if (!result.ok) throw new Error(`exchange failed: ${JSON.stringify(result.error)}`);
    expect(schemaProblems('TokenResponse', result.token)).toEqual([]);
    expect(result.token.scope).toBe('openid phone');
  });

  it('returns the status, the documented error body and Retry-After of a failed exchange', async () => {
    const { codeVerifier } = createPkcePair();
    const result = await exchangeCode({ baseUrl: mock.url, code: 'rate-limited', codeVerifier });
    expect(result).toMatchObject({
      ok: false,
      status: 429,
      error: getExampleValue(document, '/v1/token', 'post', 429, 'rateLimited'),
    });
    expect(result.ok ? null : result.retryAfter).toMatch(/^\d+$/);
  });

  it('turns an answer that is not JSON into an invalid_response error instead of throwing', async () => {
    const html = (): Promise<Response> =>
      Promise.resolve(new Response('<html>Bad Gateway</html>', { status: 502 }));
    const result = await exchangeCode({ baseUrl: mock.url, code: 'x', codeVerifier: 'y', fetch: html });
    expect(result).toMatchObject({ ok: false, status: 502, error: { error: 'invalid_response' } });
  });

  it('sends the client id it is given', async () => {
    const result = await exchangeCode({
      baseUrl: mock.url,
      code: 'valid-code',
      codeVerifier: createPkcePair().codeVerifier,
      clientId: 'not-registered',
    });
    expect(result.ok ? null : result.error.error).toBe('invalid_client');
  });
});
