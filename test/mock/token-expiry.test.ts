import { describe, expect, it } from 'vitest';
import { startMock, type DoorUnderTest } from '../support/doors.js';
import { createMockServer } from '../../mock/index.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import type { ErrorBody } from '../../src/wire-types.js';
import type { TokenResponse } from '../../src/operations/token/wire-types.js';
import { openApiProblems } from '../support/http.js';

const TOKEN = '/v1/token';
const USERINFO = '/v1/userinfo';
const document = loadApiDocument();
const expiredExample = getExampleValue(document, USERINFO, 'get', 401, 'expired');

/** Exchanges a code on `mock` and reads the token it issued. */
async function issue(mock: DoorUnderTest, code: string): Promise<TokenResponse> {
  return (await mock.exchange(code)).json as TokenResponse;
}

describe('issued access tokens expire on the mock clock', () => {
  it('answers userinfo until expires_in has passed, then the documented 401 expired', async () => {
    // A stopped base clock: only advance() moves time, so the last millisecond before expiry is reachable.
    const stopped = Date.UTC(2030, 0, 1);
    const mock = await startMock({ clock: { now: () => stopped } });
    const token = await issue(mock, mock.server.registerCode());
    mock.server.clock.advance(token.expires_in * 1000 - 1);
    const before = await mock.userInfo(token.access_token);
    mock.server.clock.advance(1);
    const after = await mock.userInfo(token.access_token);

    expect(before.status).toBe(200);
    expect(after.status).toBe(401);
    expect(after.json).toEqual(expiredExample);
    expect(after.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(openApiProblems(USERINFO, 'get', after)).toEqual([]);
  });

  it("keeps an issued token's own fault after it expires", async () => {
    const mock = await startMock();
    const token = await issue(mock, mock.server.registerCode());
    const patched = await mock.admin('PATCH', `/__admin/tokens/${token.access_token}`, {
      fault: { failure: 'service-unavailable' },
    });
    expect(patched.status).toBe(200);
    mock.server.clock.advance(token.expires_in * 1000);
    const after = await mock.userInfo(token.access_token);

    expect(after.status).toBe(503);
    expect(openApiProblems(USERINFO, 'get', after)).toEqual([]);
  });

  it('uses the configured lifetime for expires_in and for the expiry itself', async () => {
    const mock = await startMock({ tokenLifetimeSeconds: 60 });
    const token = await issue(mock, mock.server.registerCode());
    mock.server.clock.advance(60_000);
    expect(token.expires_in).toBe(60);
    expect((await mock.userInfo(token.access_token)).status).toBe(401);
  });

  it('follows a clock passed in the options', async () => {
    let now = Date.UTC(2030, 0, 1);
    const mock = await startMock({ clock: { now: () => now } });
    const token = await issue(mock, mock.server.registerCode());
    now += token.expires_in * 1000;
    expect((await mock.userInfo(token.access_token)).json).toEqual(expiredExample);
  });

  it('leaves the built-in and configured tokens without expiry', async () => {
    const mock = await startMock({ config: { tokens: { mine: {} } } });
    mock.server.clock.advance(10 * 365 * 24 * 3600 * 1000);
    expect((await mock.userInfo('valid')).status).toBe(200);
    expect((await mock.userInfo('mine')).status).toBe(200);
  });

  it('refuses to move the clock backwards', async () => {
    const mock = await startMock();
    expect(() => mock.server.clock.advance(-1)).toThrow(/only moves forward/);
  });
});

describe('registered codes expire on the mock clock', () => {
  it('answers the documented invalid/expired auth code once the code lifetime has passed', async () => {
    const mock = await startMock();
    const code = mock.server.registerCode({ expiresInSeconds: 30 });
    mock.server.clock.advance(30_000);
    const response = await mock.exchange(code);
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
