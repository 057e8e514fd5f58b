import { describe, expect, it } from 'vitest';
import { createPkcePair } from '../../../src/operations/token/pkce.js';
import { adminRequest, schemaProblems } from '../../support/http.js';
import { postCodeExchange } from '../../support/token.js';
import { startMock } from '../../support/doors.js';

const mock = await startMock();

describe('writes that would go around the admin checks', () => {
  it.each([
    ['POST', '/__admin/personas/full-in/tokens'],
    ['POST', '/__admin/clients/kit-test-client/codes'],
    ['GET', '/__admin/personas/full-in/tokens'],
  ])(
    'answers %s %s (a json-server nested route) with a JSON 404 and stores nothing',
    async (method, path) => {
      const before = mock.server.store.size('tokens') + mock.server.store.size('codes');
      const response = await adminRequest(
        mock.url,
        method,
        path,
        method === 'POST' ? { id: 'sneaky' } : undefined,
      );
      expect(response.status).toBe(404);
      expect(schemaProblems('Error', response.json)).toEqual([]);
      expect(mock.server.store.size('tokens') + mock.server.store.size('codes')).toBe(before);
      expect((await mock.userInfo('sneaky')).status).toBe(401);
    },
  );

  it('ignores ?_delay=, which would hold the request past close()', async () => {
    const response = await adminRequest(mock.url, 'GET', '/__admin/tokens?_delay=600000');
    expect(response.status).toBe(200);
  });

  it('deletes a client without deleting the tokens issued to it', async () => {
    expect((await adminRequest(mock.url, 'POST', '/__admin/clients', { id: 'short-lived' })).status).toBe(
      201,
    );
    const { codeVerifier, codeChallenge } = createPkcePair();
    const code = mock.server.registerCode({ codeChallenge, clientId: 'short-lived' });
    const exchange = await postCodeExchange(mock.url, code, { clientId: 'short-lived', codeVerifier });
    const token = (exchange.json as { access_token: string }).access_token;
    expect((await mock.userInfo(token)).status).toBe(200);
    expect((await adminRequest(mock.url, 'DELETE', '/__admin/clients/short-lived')).status).toBe(200);
    expect((await mock.userInfo(token)).status).toBe(200);
  });
});

describe('a record the checks could not have let in', () => {
  it('answers 500 in the Error shape for that token and keeps serving the others', async () => {
    // Written straight into the store, as a bug elsewhere might: no scenario, no scopes.
    mock.server.store.set('tokens', { id: 'broken' } as never);
    const broken = await mock.userInfo('broken');
    expect(broken.status).toBe(500);
    expect(schemaProblems('Error', broken.json)).toEqual([]);
    expect((await mock.userInfo('valid')).status).toBe(200);
  });
});
