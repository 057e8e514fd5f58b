import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_ID } from '../../../src/operations/token/grants.js';
import { getExchangeOutcome, type ExchangeOutcomeName } from '../../../src/operations/token/outcomes.js';
import { getExampleValue, loadApiDocument } from '../../../src/openapi/api-document.js';
import { createPkcePair } from '../../../src/operations/token/pkce.js';
import type { ErrorBody } from '../../../src/wire-types.js';
import type { TokenResponse } from '../../../src/operations/token/wire-types.js';
import { openApiProblems, schemaProblems, type TestResponse } from '../../support/http.js';
import { startMock } from '../../support/doors.js';

const TOKEN = '/v1/token';
const document = loadApiDocument();

const mock = await startMock();
afterEach(async () => {
  await mock.admin('POST', '/__admin/reset');
});

function expectOutcome(response: TestResponse, name: ExchangeOutcomeName): void {
  const { status, example } = getExchangeOutcome(name);
  const documented = getExampleValue(document, TOKEN, 'post', status, example) as ErrorBody;
  expect(response.status).toBe(status);
  expect((response.json as ErrorBody).error).toBe(documented.error);
}

describe('authorization codes by REST', () => {
  it('lists the built-in codes as openapi.yaml describes', async () => {
    const response = await mock.admin('GET', '/__admin/codes');
    expect(response.status).toBe(200);
    expect(openApiProblems('/__admin/codes', 'get', response)).toEqual([]);
    expect((response.json as { id: string }[]).map((code) => code.id)).toEqual(
      mock.server.store.ids('codes'),
    );
  });

  it('adds a code that the next POST /v1/token exchanges, once, for its persona, scopes and challenge', async () => {
    const { codeVerifier, codeChallenge } = createPkcePair();
    const added = await mock.admin('POST', '/__admin/codes', {
      id: 'rest-code',
      persona: 'full-in',
      scopes: 'openid email',
      codeChallenge,
    });
    expect(added.status).toBe(201);
    expect(openApiProblems('/__admin/codes', 'post', added)).toEqual([]);
    expect(added.json).toMatchObject({ id: 'rest-code', scenario: 'issued', scopes: ['openid', 'email'] });

    expectOutcome(await mock.exchange('rest-code'), 'invalid-verifier');
    const issued = await mock.exchange('rest-code', {
      clientId: DEFAULT_CLIENT_ID,
      codeVerifier: codeVerifier,
    });
    expect(issued.status).toBe(200);
    expect((issued.json as TokenResponse).scope).toBe('openid email');
    expectOutcome(
      await mock.exchange('rest-code', { clientId: DEFAULT_CLIENT_ID, codeVerifier: codeVerifier }),
      'expired-code',
    );

    const used = await mock.admin('GET', '/__admin/codes/rest-code');
    expect(openApiProblems('/__admin/codes/{id}', 'get', used)).toEqual([]);
    expect(typeof (used.json as { usedAt?: unknown }).usedAt).toBe('number');
  });

  it('changes a code with PATCH and the next exchange sees the change', async () => {
    const changed = await mock.admin('PATCH', '/__admin/codes/valid-code', { scenario: 'rate-limited' });
    expect(changed.status).toBe(200);
    expect(openApiProblems('/__admin/codes/{id}', 'patch', changed)).toEqual([]);
    expectOutcome(await mock.exchange('valid-code'), 'rate-limited');
  });

  it('replaces a code with PUT, the missing fields back at their defaults', async () => {
    const replaced = await mock.admin('PUT', '/__admin/codes/server-error', { scopes: ['openid'] });
    expect(openApiProblems('/__admin/codes/{id}', 'put', replaced)).toEqual([]);
    expect(replaced.json).toMatchObject({ id: 'server-error', scenario: 'issued', scopes: ['openid'] });
    expect((await mock.exchange('server-error')).status).toBe(200);
  });

  it('deletes a code, which is unknown from the next exchange on', async () => {
    const deleted = await mock.admin('DELETE', '/__admin/codes/valid-code');
    expect(openApiProblems('/__admin/codes/{id}', 'delete', deleted)).toEqual([]);
    expectOutcome(await mock.exchange('valid-code'), 'invalid-code');
  });

  it('answers 404 for a code it does not have, and 409 for one it has', async () => {
    const missing = await mock.admin('GET', '/__admin/codes/no-such-code');
    expect(missing.status).toBe(404);
    expect(openApiProblems('/__admin/codes/{id}', 'get', missing)).toEqual([]);
    const taken = await mock.admin('POST', '/__admin/codes', { id: 'valid-code' });
    expect(taken.status).toBe(409);
    expect(openApiProblems('/__admin/codes', 'post', taken)).toEqual([]);
  });

  it.each([
    ['an unknown scope', { scopes: ['openid', 'wallet'] }, 'codes.bad-code.scopes'],
    ['an unknown scenario', { scenario: 'teapot' }, 'codes.bad-code.scenario'],
    ['an unknown client', { clientId: 'nobody-app' }, 'codes.bad-code.clientId'],
    ['an unknown persona', { persona: 'nobody' }, 'codes.bad-code.persona'],
    ['a challenge that is not S256', { codeChallenge: 'short' }, 'codes.bad-code.codeChallenge'],
    ['a usedAt that is not a time', { usedAt: 'yesterday' }, 'codes.bad-code.usedAt'],
  ])('answers 400 for a code with %s, naming the field', async (_case, fields, field) => {
    const response = await mock.admin('POST', '/__admin/codes', { id: 'bad-code', ...fields });
    expect(response.status).toBe(400);
    expect(openApiProblems('/__admin/codes', 'post', response)).toEqual([]);
    expect((response.json as ErrorBody).error_description).toContain(field);
    expect(mock.server.store.get('codes', 'bad-code')).toBeUndefined();
  });
});

describe('clients by REST', () => {
  it('lists the built-in clients as openapi.yaml describes', async () => {
    const response = await mock.admin('GET', '/__admin/clients');
    expect(openApiProblems('/__admin/clients', 'get', response)).toEqual([]);
    expect((response.json as { id: string }[]).map((client) => client.id)).toEqual(
      mock.server.store.ids('clients'),
    );
  });

  it('adds a client that may exchange from the next request on, and only its grants', async () => {
    const added = await mock.admin('POST', '/__admin/clients', {
      id: 'rest-app',
      grantTypes: ['refresh_token'],
    });
    expect(added.status).toBe(201);
    expect(openApiProblems('/__admin/clients', 'post', added)).toEqual([]);
    expectOutcome(await mock.exchange('valid-code', { clientId: 'rest-app' }), 'unauthorized-client');

    const changed = await mock.admin('PATCH', '/__admin/clients/rest-app', {
      grantTypes: ['authorization_code'],
    });
    expect(openApiProblems('/__admin/clients/{id}', 'patch', changed)).toEqual([]);
    expect((await mock.exchange('valid-code', { clientId: 'rest-app' })).status).toBe(200);
  });

  it('defaults a client to both grants', async () => {
    const added = await mock.admin('POST', '/__admin/clients', { id: 'both-app' });
    expect((added.json as { grantTypes: string[] }).grantTypes).toEqual([
      'authorization_code',
      'refresh_token',
    ]);
  });

  it('deletes a client, whose id is invalid from the next exchange on', async () => {
    const deleted = await mock.admin('DELETE', `/__admin/clients/${DEFAULT_CLIENT_ID}`);
    expect(openApiProblems('/__admin/clients/{id}', 'delete', deleted)).toEqual([]);
    expectOutcome(await mock.exchange('valid-code'), 'invalid-client');
  });

  it('answers 400 for a client with an unknown grant type, naming it', async () => {
    const response = await mock.admin('POST', '/__admin/clients', {
      id: 'bad-app',
      grantTypes: ['password'],
    });
    expect(response.status).toBe(400);
    expect(openApiProblems('/__admin/clients', 'post', response)).toEqual([]);
    expect((response.json as ErrorBody).error_description).toContain('clients.bad-app.grantTypes');
  });
});

describe('what an exchange leaves in the store', () => {
  it('lists an issued token as openapi.yaml describes, and keeps its runtime fields through a PATCH', async () => {
    const { access_token: token } = (await mock.exchange('valid-code')).json as TokenResponse;
    const listed = await mock.admin('GET', '/__admin/tokens');
    expect(openApiProblems('/__admin/tokens', 'get', listed)).toEqual([]);

    const changed = await mock.admin('PATCH', `/__admin/tokens/${token}`, { scopes: ['openid'] });
    expect(changed.status).toBe(200);
    expect(openApiProblems('/__admin/tokens/{id}', 'patch', changed)).toEqual([]);
    expect(changed.json).toMatchObject({ clientId: DEFAULT_CLIENT_ID, scopes: ['openid'] });
    expect(typeof (changed.json as { expiresAt?: unknown }).expiresAt).toBe('number');
  });

  it('describes the whole store, codes and clients included', async () => {
    await mock.exchange('valid-code');
    const response = await mock.admin('GET', '/__admin/db');
    expect(openApiProblems('/__admin/db', 'get', response)).toEqual([]);
  });

  it.each([
    ['GET', '/__admin/refreshTokens'],
    ['POST', '/__admin/refreshTokens'],
    ['GET', '/__admin/refreshTokens/anything'],
    ['GET', `/__admin/clients/${DEFAULT_CLIENT_ID}/refreshTokens`],
  ])('refuses %s %s with a 404 that says refresh tokens are internal', async (method, path) => {
    await mock.exchange('valid-code');
    const response = await mock.admin(method, path, method === 'POST' ? { id: 'forged' } : undefined);
    expect(response.status).toBe(404);
    expect(schemaProblems('Error', response.json)).toEqual([]);
    expect((response.json as ErrorBody).error_description).toContain('refreshTokens');
    expect(mock.server.store.get('refreshTokens', 'forged')).toBeUndefined();
  });

  it.each(['_embed', '_expand'])(
    'refuses to embed refresh tokens in a record with ?%s=, naming the parameter',
    async (parameter) => {
      const { refresh_token: refreshToken } = (await mock.exchange('valid-code')).json as TokenResponse;
      const response = await mock.admin(
        'GET',
        `/__admin/clients/${DEFAULT_CLIENT_ID}?${parameter}=refreshTokens`,
      );
      expect(response.status).toBe(400);
      expect(schemaProblems('Error', response.json)).toEqual([]);
      expect((response.json as ErrorBody).error_description).toContain(parameter);
      expect(response.text).not.toContain(refreshToken ?? 'no refresh token was issued');
    },
  );
});
