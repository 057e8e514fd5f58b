import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../../mock/index.js';
import { createPkcePair } from '../../../src/pkce.js';
import { adminRequest, request, schemaProblems } from '../../support/http.js';
import { postCodeExchange } from '../../support/token.js';

let server: MockServer;
let base: string;
beforeAll(async () => {
  server = createMockServer();
  base = await server.start();
});
afterAll(() => server?.close());

const userInfo = (token: string) =>
  request(`${base}/v1/userinfo`, { headers: { authorization: `Bearer ${token}` } });

describe('writes that would go around the admin checks', () => {
  it.each([
    ['POST', '/__admin/personas/full-in/tokens'],
    ['POST', '/__admin/clients/kit-test-client/codes'],
    ['GET', '/__admin/personas/full-in/tokens'],
  ])(
    'answers %s %s (a json-server nested route) with a JSON 404 and stores nothing',
    async (method, path) => {
      const before = server.store.data.tokens.length + server.store.data.codes.length;
      const response = await adminRequest(
        base,
        method,
        path,
        method === 'POST' ? { id: 'sneaky' } : undefined,
      );
      expect(response.status).toBe(404);
      expect(schemaProblems('Error', response.json)).toEqual([]);
      expect(server.store.data.tokens.length + server.store.data.codes.length).toBe(before);
      expect((await userInfo('sneaky')).status).toBe(401);
    },
  );

  it('ignores ?_delay=, which would hold the request past close()', async () => {
    const response = await adminRequest(base, 'GET', '/__admin/tokens?_delay=600000');
    expect(response.status).toBe(200);
  });

  it('deletes a client without deleting the tokens issued to it', async () => {
    expect((await adminRequest(base, 'POST', '/__admin/clients', { id: 'short-lived' })).status).toBe(201);
    const { codeVerifier, codeChallenge } = createPkcePair();
    const code = server.registerCode({ codeChallenge, clientId: 'short-lived' });
    const exchange = await postCodeExchange(base, code, { clientId: 'short-lived', codeVerifier });
    const token = (exchange.json as { access_token: string }).access_token;
    expect((await userInfo(token)).status).toBe(200);
    expect((await adminRequest(base, 'DELETE', '/__admin/clients/short-lived')).status).toBe(200);
    expect((await userInfo(token)).status).toBe(200);
  });
});

describe('a record the checks could not have let in', () => {
  it('answers 500 in the Error shape for that token and keeps serving the others', async () => {
    // Written straight into the store, as a bug elsewhere might: no scenario, no scopes.
    server.store.data.tokens.push({ id: 'broken' } as never);
    server.store.changed();
    const broken = await userInfo('broken');
    expect(broken.status).toBe(500);
    expect(schemaProblems('Error', broken.json)).toEqual([]);
    expect((await userInfo('valid')).status).toBe(200);
  });
});
