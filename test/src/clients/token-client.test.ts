import { describe, expect, it } from 'vitest';
import { getExampleValue, loadApiDocument } from '../../../src/openapi/api-document.js';
import { createPkcePair, exchangeCode } from '../../../src/index.js';
import { kitErrorOf } from '../../support/errors.js';
import { schemaProblems } from '../../support/http.js';
import { startMock } from '../../support/doors.js';

const document = loadApiDocument();
const mock = await startMock();

describe('exchangeCode', () => {
  it('posts the documented form and resolves with the token, as a backend test would use it', async () => {
    const { codeVerifier, codeChallenge } = createPkcePair();
    const code = mock.server.registerCode({ persona: 'full-in', scopes: ['openid', 'phone'], codeChallenge });
    const token = await exchangeCode({ baseUrl: mock.url, code, codeVerifier });
    expect(schemaProblems('TokenResponse', token)).toEqual([]);
    expect(token.scope).toBe('openid phone');
  });

  it('throws ERR_API_REJECTED with the status, the documented error and Retry-After of a failed exchange', async () => {
    const { codeVerifier } = createPkcePair();
    const error = await kitErrorOf(exchangeCode({ baseUrl: mock.url, code: 'rate-limited', codeVerifier }));
    const body = getExampleValue(document, '/v1/token', 'post', 429, 'rateLimited') as {
      error: string;
      error_description: string;
    };
    expect(error.code).toBe('ERR_API_REJECTED');
    expect(error.response).toMatchObject({
      status: 429,
      error: body.error,
      errorDescription: body.error_description,
    });
    expect(error.response?.retryAfter).toMatch(/^\d+$/);
  });

  it('sends the client id it is given', async () => {
    const error = await kitErrorOf(
      exchangeCode({
        baseUrl: mock.url,
        code: 'valid-code',
        codeVerifier: createPkcePair().codeVerifier,
        clientId: 'not-registered',
      }),
    );
    expect(error.response?.error).toBe('invalid_client');
  });
});
