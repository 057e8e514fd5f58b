import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMockServer, type Mock, type MockServer } from '../../mock/index.js';
import { ISSUED_TOKEN_GRACE_SECONDS } from '../../mock/state/expiry-queue.js';
import { createAdminClient } from '../../src/clients/admin-client.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { fillPath } from '../../src/paths.js';
import { TRUECALLER_OTP_URL } from '../../src/operations/phone-number/endpoints.js';
import { DEFAULT_CLIENT_ID } from '../../src/operations/token/grants.js';
import type { MockOptions } from '../../mock/config/options.js';
import { findNonTruecallerPersona } from '../../fixtures/non-truecaller-personas.js';
import { adminRequest, openApiProblems, readResponse, request, type TestResponse } from '../support/http.js';
import { startMock, type StartOptions } from '../support/doors.js';
import { kitErrorOf } from '../support/errors.js';
import { scratchDirOfFile } from '../support/scratch-dir.js';

const scratch = scratchDirOfFile('kit-otp-db-');

const PATH = ENDPOINTS.phoneNumberDetail;
const CREDENTIALS = { clientId: DEFAULT_CLIENT_ID };
const DEFAULT_NUMBER = findNonTruecallerPersona('non-truecaller-in')?.phoneNumber ?? '';

/** A mock server of the calling test's own. */
async function start(options: StartOptions = {}): Promise<{ mock: MockServer; base: string }> {
  const { server, url } = await startMock(options);
  return { mock: server, base: url };
}

/** The calling test's own mock, reached through `mock.fetch`. */
async function inProcess(options: Partial<MockOptions> = {}): Promise<Mock> {
  return (await startMock('fetch', options)).server;
}

async function validate(
  mock: Pick<Mock, 'fetch'>,
  token: string,
  headers: Record<string, string> = CREDENTIALS,
): Promise<TestResponse> {
  return readResponse(await mock.fetch(`${TRUECALLER_OTP_URL}${fillPath(PATH, token)}`, { headers }));
}

describe('registerPhoneNumberToken', () => {
  it('registers a token answered with the default persona’s number, as a JSON number', async () => {
    const mock = await inProcess();
    const token = mock.registerPhoneNumberToken();
    const response = await validate(mock, token);
    expect(response.json).toEqual({ phoneNumber: Number(DEFAULT_NUMBER), countryCode: 'IN' });
    expect(response.text).toContain(`"phoneNumber":${DEFAULT_NUMBER}`);
  });

  it('answers with the number given, as a string when asked', async () => {
    const mock = await inProcess();
    const token = mock.registerPhoneNumberToken({
      token: 'ravi-otp',
      phoneNumber: '919812345678',
      phoneNumberAs: 'string',
    });
    const response = await validate(mock, token);
    expect(token).toBe('ravi-otp');
    expect(response.json).toEqual({ phoneNumber: '919812345678', countryCode: 'IN' });
    expect(openApiProblems(PATH, 'get', response)).toEqual([]);
  });

  it('answers the documented 1404 once the token has expired on the mock clock', async () => {
    const stopped = Date.parse('2026-01-01T00:00:00Z');
    const mock = await inProcess({ clock: { now: () => stopped } });
    const token = mock.registerPhoneNumberToken({ expiresInSeconds: 60 });
    mock.clock.advance(59_999);
    expect((await validate(mock, token)).status).toBe(200);
    mock.clock.advance(1);
    const expired = await validate(mock, token);
    expect([expired.status, expired.json]).toEqual([404, { code: 1404, message: 'Invalid access token.' }]);
    expect(openApiProblems(PATH, 'get', expired)).toEqual([]);
  });

  it('drops an expired token after the grace of issued tokens, so run-time tokens do not pile up', async () => {
    // A stopped base clock: only advance() moves time, so the last millisecond of the grace is reachable.
    const stopped = Date.parse('2026-01-01T00:00:00Z');
    const mock = await inProcess({ clock: { now: () => stopped } });
    const token = mock.registerPhoneNumberToken({ expiresInSeconds: 1 });
    mock.clock.advance(1000 + ISSUED_TOKEN_GRACE_SECONDS * 1000 - 1);
    mock.registerPhoneNumberToken();
    expect(mock.store.has('phoneNumberTokens', token)).toBe(true);
    mock.clock.advance(1);
    mock.registerPhoneNumberToken();
    expect(mock.store.has('phoneNumberTokens', token)).toBe(false);
  });

  it('answers the scenario it is given', async () => {
    const mock = await inProcess();
    const token = mock.registerPhoneNumberToken({ scenario: 'server-error' });
    expect((await validate(mock, token)).json).toEqual({ code: 500, message: 'Internal server error.' });
  });

  it('throws ERR_TOKEN_INVALID naming every field at fault', async () => {
    const mock = await inProcess();
    const error = await kitErrorOf(
      Promise.resolve().then(() =>
        mock.registerPhoneNumberToken({
          token: 'has/slash',
          phoneNumber: '+91 98123 45678',
          countryCode: 'india',
          scenario: 'expired' as never,
        }),
      ),
    );
    expect(error.code).toBe('ERR_TOKEN_INVALID');
    for (const field of [
      '"has/slash" is not a valid phone-number token',
      '.phoneNumber:',
      '.countryCode:',
      '.scenario:',
    ])
      expect(error.message).toContain(field);
  });

  it('throws ERR_OPTIONS_INVALID for an expiry that is not a positive number', async () => {
    const mock = await inProcess();
    const error = await kitErrorOf(
      Promise.resolve().then(() => mock.registerPhoneNumberToken({ expiresInSeconds: 0 })),
    );
    expect(error.code).toBe('ERR_OPTIONS_INVALID');
    expect(error.message).toContain('registerPhoneNumberToken: expiresInSeconds');
  });

  it('keeps phone-number tokens apart from the bearer tokens of /v1/userinfo', async () => {
    const mock = await inProcess();
    const token = mock.registerPhoneNumberToken();
    const userinfo = await mock.fetch(`https://oauth-account-noneu.truecaller.com${ENDPOINTS.userinfo}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(userinfo.status).toBe(401);
  });
});

describe('faults on the validation call', () => {
  it('answers the route’s own 503 for a global fault, with Retry-After, in the {code, message} shape', async () => {
    const mock = await inProcess();
    mock.setFault({ failure: 'service-unavailable', retryAfterS: 4 });
    for (const headers of [CREDENTIALS, {}]) {
      const response = await validate(mock, 'otp-valid', headers);
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('4');
      expect((response.json as { code: number }).code).toBe(503);
      expect(openApiProblems(PATH, 'get', response)).toEqual([]);
    }
  });

  it('gives one token its own fault, which replaces the global one for it alone', async () => {
    const mock = await inProcess();
    const token = mock.registerPhoneNumberToken();
    mock.setFault({ failure: 'too-many-requests' }, { phoneNumberToken: token });
    const faulted = await validate(mock, token);
    expect([faulted.status, (faulted.json as { code: number }).code]).toEqual([429, 429]);
    expect(openApiProblems(PATH, 'get', faulted)).toEqual([]);
    expect((await validate(mock, 'otp-valid')).status).toBe(200);
    mock.clearFault({ phoneNumberToken: token });
    expect((await validate(mock, token)).status).toBe(200);
  });

  it('breaks the connection for a connection-reset fault, as the fetch door does for every route', async () => {
    const mock = await inProcess();
    mock.setFault({ failure: 'connection-reset' }, { phoneNumberToken: 'otp-valid' });
    await expect(validate(mock, 'otp-valid')).rejects.toThrow('fetch failed');
  });

  it('throws naming the call for a fault on a token the mock does not know', async () => {
    const mock = await inProcess();
    const error = await kitErrorOf(
      Promise.resolve().then(() =>
        mock.setFault({ failure: 'too-many-requests' }, { phoneNumberToken: 'nope' }),
      ),
    );
    expect(error.message).toContain('setFault');
  });
});

describe('the validation call on the node:http door', () => {
  it('records each call in the journal with its token, scenario and status', async () => {
    const { base } = await start();
    await request(`${base}${fillPath(PATH, 'otp-valid-string')}`, { headers: CREDENTIALS });
    const journal = await adminRequest(base, 'GET', '/__admin/requests?token=otp-valid-string');
    const [entry] = (journal.json as { requests: Record<string, unknown>[] }).requests;
    expect(entry).toMatchObject({
      method: 'GET',
      path: fillPath(PATH, 'otp-valid-string'),
      token: 'otp-valid-string',
      scenario: 'verified-string',
      status: 200,
    });
  });

  it('answers HEAD with the GET headers and no body, and ignores a query string', async () => {
    const { base } = await start();
    const head = await request(`${base}${fillPath(PATH, 'otp-valid')}`, {
      method: 'HEAD',
      headers: CREDENTIALS,
    });
    const get = await request(`${base}${fillPath(PATH, 'otp-valid')}?lang=en`, { headers: CREDENTIALS });
    expect([head.status, head.text]).toEqual([200, '']);
    expect(get.status).toBe(200);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
  });

  it('answers a CORS preflight that lets a browser send the clientId header', async () => {
    const { base } = await start();
    const response = await request(`${base}${fillPath(PATH, 'otp-valid')}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.example', 'access-control-request-headers': 'clientid' },
    });
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-headers']).toContain('clientId');
  });

  it.each(['POST', 'DELETE'])('answers %s with 405 and the Allow header', async (method) => {
    const { base } = await start();
    const response = await request(`${base}${fillPath(PATH, 'otp-valid')}`, { method, headers: CREDENTIALS });
    expect([response.status, response.headers.allow]).toEqual([405, 'GET, HEAD, OPTIONS']);
  });

  it.each([
    ['no token', `${PATH.replace('{accessToken}', '')}`],
    ['a token followed by another segment', `${fillPath(PATH, 'otp-valid')}/more`],
  ])('answers a path with %s with the JSON 404 naming the paths served', async (_case, path) => {
    const { base } = await start();
    const response = await request(`${base}${path}`, { headers: CREDENTIALS });
    expect(response.status).toBe(404);
    expect((response.json as { error_description: string }).error_description).toContain(PATH);
  });
});

describe('phone-number tokens through the admin API and the config file', () => {
  it('adds, changes and deletes a token, each answer valid against openapi.yaml', async () => {
    const { base } = await start();
    const added = await adminRequest(base, 'POST', '/__admin/phoneNumberTokens', {
      id: 'admin-otp',
      phoneNumber: '919812345678',
    });
    expect(added.status).toBe(201);
    expect(openApiProblems('/__admin/phoneNumberTokens', 'post', added)).toEqual([]);
    const url = `${base}${fillPath(PATH, 'admin-otp')}`;
    expect((await request(url, { headers: CREDENTIALS })).json).toEqual({
      phoneNumber: 919812345678,
      countryCode: 'IN',
    });

    const changed = await adminRequest(base, 'PATCH', '/__admin/phoneNumberTokens/admin-otp', {
      phoneNumberAs: 'string',
    });
    expect(openApiProblems('/__admin/phoneNumberTokens/{id}', 'patch', changed)).toEqual([]);
    expect((await request(url, { headers: CREDENTIALS })).json).toEqual({
      phoneNumber: '919812345678',
      countryCode: 'IN',
    });

    const list = await adminRequest(base, 'GET', '/__admin/phoneNumberTokens?phoneNumberAs=string');
    expect(openApiProblems('/__admin/phoneNumberTokens', 'get', list)).toEqual([]);
    expect((list.json as { id: string }[]).map((record) => record.id)).toEqual([
      'otp-valid-string',
      'admin-otp',
    ]);

    expect((await adminRequest(base, 'DELETE', '/__admin/phoneNumberTokens/admin-otp')).status).toBe(200);
    expect((await request(url, { headers: CREDENTIALS })).json).toEqual({
      code: 1404,
      message: 'Invalid access token.',
    });
  });

  it('refuses a record that breaks the rules with a 400 naming each field', async () => {
    const { base } = await start();
    const response = await adminRequest(base, 'POST', '/__admin/phoneNumberTokens', {
      id: 'bad-otp',
      phoneNumber: 919812345678,
      phoneNumberAs: 'text',
      claims: {},
    });
    expect(response.status).toBe(400);
    const description = (response.json as { error_description: string }).error_description;
    for (const field of ['bad-otp.phoneNumber', 'bad-otp.phoneNumberAs', 'unknown field "claims"'])
      expect(description).toContain(field);
  });

  it('adds a token and sets its fault through the typed admin client', async () => {
    const { base } = await start();
    const admin = createAdminClient({ url: base });
    const record = await admin.addPhoneNumberToken({ phoneNumber: '916012345678' });
    await admin.setFault({ failure: 'service-unavailable' }, { phoneNumberToken: record.id });
    const response = await request(`${base}${fillPath(PATH, record.id)}`, { headers: CREDENTIALS });
    expect(response.status).toBe(503);
  });

  it('serves the config file’s tokens, and names every problem of a bad one', async () => {
    const { base } = await start({
      config: {
        phoneNumberTokens: { 'config-otp': { phoneNumber: '917012345678', phoneNumberAs: 'string' } },
      },
    });
    const response = await request(`${base}${fillPath(PATH, 'config-otp')}`, {
      headers: { appKey: DEFAULT_CLIENT_ID },
    });
    expect(response.status).toBe(404);
    const legacy = await request(`${base}${fillPath(ENDPOINTS.phoneNumberDetailLegacy, 'config-otp')}`, {
      headers: { appKey: DEFAULT_CLIENT_ID },
    });
    expect(legacy.json).toEqual({ phoneNumber: '917012345678', countryCode: 'IN' });

    const error = await kitErrorOf(
      Promise.resolve().then(() =>
        createMockServer({
          config: {
            phoneNumberTokens: {
              'x/y': {},
              ok: { scenario: 'gone' as never, fault: { delayMs: { min: 9, max: 1 } } },
            },
          },
        }),
      ),
    );
    expect(error.code).toBe('ERR_CONFIG_INVALID');
    for (const field of [
      '"x/y" is not a valid phone-number token',
      'phoneNumberTokens.ok.scenario',
      'phoneNumberTokens.ok.fault.delayMs',
    ])
      expect(error.message).toContain(field);
  });

  it('saves phone-number tokens to the --db file and refuses a file holding a bad one', async () => {
    const file = join(scratch, 'store.json');
    const { base, mock } = await start({ db: file });
    await adminRequest(base, 'POST', '/__admin/phoneNumberTokens', { id: 'saved-otp' });
    await mock.close();
    const saved = JSON.parse(readFileSync(file, 'utf8')) as {
      phoneNumberTokens: { id: string; phoneNumber: string }[];
    };
    expect(saved.phoneNumberTokens.map((token) => token.id)).toContain('saved-otp');

    const restarted = await start({ db: file });
    const response = await request(`${restarted.base}${fillPath(PATH, 'saved-otp')}`, {
      headers: CREDENTIALS,
    });
    expect(response.status).toBe(200);
    await restarted.mock.close();

    const broken = saved.phoneNumberTokens.map((token) => ({ ...token, phoneNumber: 'not-digits' }));
    writeFileSync(file, JSON.stringify({ ...saved, phoneNumberTokens: broken }));
    const error = await kitErrorOf(Promise.resolve().then(() => createMockServer({ db: file })));
    expect(error.code).toBe('ERR_DB_INVALID');
    expect(error.message).toContain('phoneNumberTokens.saved-otp.phoneNumber');
  });
});
