import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock/index.js';
import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../../src/exchange-outcomes.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import type { ErrorBody, TokenResponse } from '../../src/wire-types.js';
import { adminRequest, openApiProblems, request } from '../support/http.js';
import { postForm } from '../support/token.js';

const TOKEN = '/v1/token';
const USERINFO = '/v1/userinfo';
const document = loadApiDocument();
const expiredExample = getExampleValue(document, USERINFO, 'get', 401, 'expired');

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(
  options: Parameters<typeof createMockServer>[0] = {},
): Promise<{ mock: MockServer; base: string }> {
  const mock = createMockServer(options);
  server = mock;
  return { mock, base: await mock.start() };
}

async function issue(base: string, code: string): Promise<TokenResponse> {
  const response = await postForm(`${base}${TOKEN}`, {
    grant_type: 'authorization_code',
    client_id: DEFAULT_CLIENT_ID,
    code,
    code_verifier: EXAMPLE_CODE_VERIFIER,
  });
  expect(openApiProblems(TOKEN, 'post', response)).toEqual([]);
  return response.json as TokenResponse;
}

function userInfo(base: string, token: string) {
  return request(`${base}${USERINFO}`, { headers: { authorization: `Bearer ${token}` } });
}

describe('issued access tokens expire on the mock clock', () => {
  it('answers userinfo until expires_in has passed, then the documented 401 expired', async () => {
    // A stopped base clock: only advance() moves time, so the last millisecond before expiry is reachable.
    const stopped = Date.UTC(2030, 0, 1);
    const { mock, base } = await start({ clock: { now: () => stopped } });
    const token = await issue(base, mock.registerCode());
    mock.clock.advance(token.expires_in * 1000 - 1);
    const before = await userInfo(base, token.access_token);
    mock.clock.advance(1);
    const after = await userInfo(base, token.access_token);

    expect(before.status).toBe(200);
    expect(after.status).toBe(401);
    expect(after.json).toEqual(expiredExample);
    expect(after.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(openApiProblems(USERINFO, 'get', after)).toEqual([]);
  });

  it("keeps an issued token's own fault after it expires", async () => {
    const { mock, base } = await start();
    const token = await issue(base, mock.registerCode());
    const patched = await adminRequest(base, 'PATCH', `/__admin/tokens/${token.access_token}`, {
      fault: { failure: 'service-unavailable' },
    });
    expect(patched.status).toBe(200);
    mock.clock.advance(token.expires_in * 1000);
    const after = await userInfo(base, token.access_token);

    expect(after.status).toBe(503);
    expect(openApiProblems(USERINFO, 'get', after)).toEqual([]);
  });

  it('uses the configured lifetime for expires_in and for the expiry itself', async () => {
    const { mock, base } = await start({ tokenLifetimeSeconds: 60 });
    const token = await issue(base, mock.registerCode());
    mock.clock.advance(60_000);
    expect(token.expires_in).toBe(60);
    expect((await userInfo(base, token.access_token)).status).toBe(401);
  });

  it('follows a clock passed in the options', async () => {
    let now = Date.UTC(2030, 0, 1);
    const { mock, base } = await start({ clock: { now: () => now } });
    const token = await issue(base, mock.registerCode());
    now += token.expires_in * 1000;
    expect((await userInfo(base, token.access_token)).json).toEqual(expiredExample);
  });

  it('leaves the built-in and configured tokens without expiry', async () => {
    const { mock, base } = await start({ config: { tokens: { mine: {} } } });
    mock.clock.advance(10 * 365 * 24 * 3600 * 1000);
    expect((await userInfo(base, 'valid')).status).toBe(200);
    expect((await userInfo(base, 'mine')).status).toBe(200);
  });

  it('refuses to move the clock backwards', async () => {
    const { mock } = await start();
    expect(() => mock.clock.advance(-1)).toThrow(/only moves forward/);
  });
});

describe('registered codes expire on the mock clock', () => {
  it('answers the documented invalid/expired auth code once the code lifetime has passed', async () => {
    const { mock, base } = await start();
    const code = mock.registerCode({ expiresInSeconds: 30 });
    mock.clock.advance(30_000);
    const response = await postForm(`${base}${TOKEN}`, {
      grant_type: 'authorization_code',
      client_id: DEFAULT_CLIENT_ID,
      code,
      code_verifier: EXAMPLE_CODE_VERIFIER,
    });
    const example = getExampleValue(document, TOKEN, 'post', 403, 'expiredCode') as ErrorBody;
    expect(response.status).toBe(403);
    expect((response.json as ErrorBody).error_description).toMatch(
      new RegExp(`^${example.error_description}.*expired`),
    );
  });
});

describe('options', () => {
  it.each([
    [{ tokenLifetimeSeconds: 0 }, /tokenLifetimeSeconds/],
    [{ tokenLifetimeSeconds: 1.5 }, /tokenLifetimeSeconds/],
    [{ clock: {} as never }, /clock must be an object with a now\(\) method/],
  ])('refuses %j naming the option', (options, message) => {
    expect(() => createMockServer(options)).toThrow(message);
  });
});
