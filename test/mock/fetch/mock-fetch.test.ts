import { afterAll, describe, expect, it } from 'vitest';
import { createMock } from '../../../mock/index.js';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { TRUECALLER_OAUTH_URL } from '../../../src/hosts.js';
import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../../../src/operations/token/grants.js';

const mock = createMock();
afterAll(() => mock.close());
const USERINFO = `${TRUECALLER_OAUTH_URL}${ENDPOINTS.userinfo}`;
const TOKEN = `${TRUECALLER_OAUTH_URL}${ENDPOINTS.token}`;
const FORM = {
  grant_type: 'authorization_code',
  client_id: DEFAULT_CLIENT_ID,
  code: 'valid-code',
  code_verifier: EXAMPLE_CODE_VERIFIER,
};

describe('mock.fetch takes whatever the global fetch takes', () => {
  it.each([
    [
      'a string and a header object',
      () => mock.fetch(USERINFO, { headers: { Authorization: 'Bearer valid' } }),
    ],
    [
      'a URL and a Headers',
      () => mock.fetch(new URL(USERINFO), { headers: new Headers({ authorization: 'Bearer valid' }) }),
    ],
    ['a header list', () => mock.fetch(USERINFO, { headers: [['authorization', 'Bearer valid']] })],
    ['a Request', () => mock.fetch(new Request(USERINFO, { headers: { authorization: 'Bearer valid' } }))],
    [
      'a Request and init that overrides it',
      () => mock.fetch(new Request(USERINFO), { headers: { authorization: 'Bearer valid' } }),
    ],
    [
      'an upper-case host and a fragment',
      () =>
        mock.fetch(`${USERINFO.replace('oauth', 'OAUTH')}#x`, { headers: { authorization: 'Bearer valid' } }),
    ],
  ])('answers %s', async (_, call) => {
    const response = await call();
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('sub');
  });

  it.each([
    ['URLSearchParams', new URLSearchParams(FORM)],
    ['a string', new URLSearchParams(FORM).toString()],
    ['a Blob', new Blob([new URLSearchParams(FORM).toString()])],
  ])('reads a form body given as %s', async (_, body) => {
    const response = await mock.fetch(TOKEN, {
      method: 'post',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('access_token');
  });

  it('gives a body the Content-Type fetch gives it, when the call names none', async () => {
    const response = await mock.fetch(TOKEN, { method: 'POST', body: new URLSearchParams(FORM) });
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('access_token');
  });

  it.each([
    ['a Map', new Map([['Authorization', 'Bearer valid']]) as unknown as NonNullable<RequestInit['headers']>],
    ['pairs', [['Authorization', 'Bearer valid']] as NonNullable<RequestInit['headers']>],
    ['a Headers', new Headers({ Authorization: 'Bearer valid' })],
    ['a plain object with blanks around the value', { Authorization: ' Bearer valid\t' }],
  ])('reads headers given as %s, as fetch sends them', async (_, headers) => {
    expect((await mock.fetch(USERINFO, { headers })).status).toBe(200);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'answers the method %s with 405, as any method the route does not serve',
    async (method) => {
      const response = await mock.fetch(USERINFO, { method, headers: { authorization: 'Bearer valid' } });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    },
  );

  it('answers HEAD without a body and 204 preflights with null bodies', async () => {
    const head = await mock.fetch(USERINFO, { method: 'HEAD', headers: { authorization: 'Bearer valid' } });
    const preflight = await mock.fetch(USERINFO, { method: 'OPTIONS' });
    expect(head.body).toBeNull();
    expect(head.headers.get('content-length')).not.toBe('0');
    expect(preflight.status).toBe(204);
  });

  it('names the origin it was called on in discovery, as the real host would', async () => {
    const discovery = (await (await mock.fetch(`${TRUECALLER_OAUTH_URL}${ENDPOINTS.discovery}`)).json()) as {
      issuer: string;
      token_endpoint: string;
    };
    expect(discovery.issuer).toBe(TRUECALLER_OAUTH_URL);
    expect(discovery.token_endpoint).toBe(TOKEN);
  });
});

describe('mock.fetch waits as a network would', () => {
  it('rejects with the abort reason when the caller aborts during a delay', async () => {
    const token = mock.registerToken({ delayMs: 60_000 });
    const controller = new AbortController();
    const pending = mock.fetch(USERINFO, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    controller.abort(new Error('gave up'));
    await expect(pending).rejects.toThrow('gave up');
  });

  it('rejects an already aborted call without answering it', async () => {
    await expect(mock.fetch(USERINFO, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('ends a delayed call with a network error when the mock is closed', async () => {
    const closing = createMock({ config: { tokens: { slow: { delayMs: 60_000 } } } });
    const pending = closing.fetch(USERINFO, { headers: { authorization: 'Bearer slow' } });
    await new Promise((resolve) => setImmediate(resolve));
    await closing.close();
    await expect(pending).rejects.toBeInstanceOf(TypeError);
  });
});
