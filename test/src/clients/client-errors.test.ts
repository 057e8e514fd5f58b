import { describe, expect, it } from 'vitest';
import {
  createAdminClient,
  exchangeCode,
  getUserInfo,
  type KitErrorCode,
  validatePhoneNumberToken,
} from '../../../src/index.js';
import { startMock } from '../../support/doors.js';
import { kitErrorOf } from '../../support/errors.js';

/** Each reference client, called the way a test calls it, through the fetch it is given. */
const CLIENTS: readonly [string, (baseUrl: string, fetch?: typeof globalThis.fetch) => Promise<unknown>][] = [
  ['getUserInfo', (baseUrl, fetch) => getUserInfo('valid', { baseUrl, ...(fetch ? { fetch } : {}) })],
  [
    'exchangeCode',
    (baseUrl, fetch) =>
      exchangeCode({
        baseUrl,
        code: 'valid-code',
        codeVerifier: 'v'.repeat(43),
        ...(fetch ? { fetch } : {}),
      }),
  ],
  [
    'validatePhoneNumberToken',
    (baseUrl, fetch) =>
      validatePhoneNumberToken('otp-valid', {
        baseUrl,
        clientId: 'kit-test-client',
        ...(fetch ? { fetch } : {}),
      }),
  ],
  [
    'the admin client',
    (baseUrl, fetch) => createAdminClient({ url: baseUrl, ...(fetch ? { fetch } : {}) }).requests(),
  ],
];

const answering =
  (body: string, status: number, headers: Record<string, string> = {}): typeof fetch =>
  () =>
    Promise.resolve(new Response(body, { status, headers }));

describe.each(CLIENTS)('%s fails as every reference client does', (_name, call) => {
  it('throws ERR_API_UNREACHABLE naming the URL when nothing listens', async () => {
    const { server: closed, url } = await startMock();
    await closed.close();
    const error = await kitErrorOf(call(url));
    expect(error.code satisfies KitErrorCode).toBe('ERR_API_UNREACHABLE');
    expect(error.message).toContain(url);
  });

  it('throws ERR_API_REJECTED with the status, OAuth error and Retry-After of an error answer', async () => {
    const body = JSON.stringify({ error: 'temporarily_unavailable', error_description: 'try later' });
    const fetch = answering(body, 503, { 'retry-after': '7', 'content-type': 'application/json' });
    const error = await kitErrorOf(call('http://127.0.0.1:9', fetch));
    expect(error.code).toBe('ERR_API_REJECTED');
    expect(error.response).toEqual({
      status: 503,
      error: 'temporarily_unavailable',
      errorDescription: 'try later',
      retryAfter: '7',
    });
  });

  it('throws ERR_API_REJECTED with the numeric code and message of a {code, message} body', async () => {
    const body = JSON.stringify({ code: 1404, message: 'Invalid access token.' });
    const error = await kitErrorOf(call('http://127.0.0.1:9', answering(body, 404)));
    expect(error.response).toEqual({ status: 404, code: 1404, message: 'Invalid access token.' });
    expect(error.message).toContain('answered 404 code 1404: Invalid access token.');
  });

  it('throws ERR_API_REJECTED with only the status for a proxy page that is not JSON', async () => {
    const error = await kitErrorOf(call('http://127.0.0.1:9', answering('<html>Bad Gateway</html>', 502)));
    expect(error.code).toBe('ERR_API_REJECTED');
    expect(error.response).toEqual({ status: 502 });
  });

  it('throws ERR_API_INVALID for a success whose body is not JSON', async () => {
    const error = await kitErrorOf(call('http://127.0.0.1:9', answering('<html>', 200)));
    expect(error.code).toBe('ERR_API_INVALID');
    expect(error.message).toContain('<html>');
  });
});
