import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../fixtures/personas.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import { SCENARIOS } from '../../src/operations/userinfo/scenarios.js';
import { CLAIMS_BY_SCOPE, type Scope } from '../../src/scopes.js';
import { DOORS, startMock } from '../support/doors.js';
import { answerHeldFor } from '../support/fake-time.js';
import { openApiProblems, rawRequest, request } from '../support/http.js';

const USERINFO = ENDPOINTS.userinfo;
const document = loadApiDocument();
const fullProfile = PERSONAS.find((candidate) => candidate.id === 'full-in')?.claims ?? {};

describe.each(DOORS)('GET /v1/userinfo through the %s door', async (door) => {
  const mock = await startMock(door, {
    config: {
      tokens: {
        'phone-email': { scopes: ['openid', 'phone', 'email'] },
        'openid-only': { scopes: 'openid' },
        'profile-address': { scopes: ['openid', 'profile', 'address'] },
        slow: { delayMs: 150 },
      },
    },
  });
  const userInfo = (authorization?: string, init: RequestInit = {}) =>
    mock.request(USERINFO, { ...init, headers: authorization === undefined ? {} : { authorization } });

  describe('one request per scenario of the table', () => {
    it.each(SCENARIOS)('answers scenario $name with $status as openapi.yaml describes', async (scenario) => {
      const response = await userInfo(scenario.authorization);

      expect(response.status).toBe(scenario.status);
      expect(openApiProblems(USERINFO, 'get', response)).toEqual([]);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      if (scenario.kind !== 'profile') {
        expect(response.json).toEqual(
          getExampleValue(document, USERINFO, 'get', scenario.status, scenario.example),
        );
      }
      if (scenario.status === 401)
        expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="truecaller"/);
    });

    it('shows the persona of the valid token, every claim of it', async () => {
      expect((await userInfo('Bearer valid')).json).toEqual(fullProfile);
    });

    it('names the RFC 6750 error in the challenge for a bad token, and none when no bearer token was sent', async () => {
      const expired = await userInfo('Bearer expired');
      const missing = await userInfo();
      expect(expired.headers['www-authenticate']).toContain('error="invalid_token"');
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="truecaller"');
    });

    it('answers an unknown token like the invalid one', async () => {
      const response = await userInfo('Bearer no-such-token');
      expect(response.status).toBe(401);
      expect(response.json).toEqual(getExampleValue(document, USERINFO, 'get', 401, 'invalid'));
    });

    it('ignores a query string', async () => {
      const response = await mock.request(`${USERINFO}?lang=en`, {
        headers: { authorization: 'Bearer valid' },
      });
      expect(response.status).toBe(200);
    });
  });

  describe('claims filtered by granted scopes', () => {
    it.each([
      ['reduced-scopes', ['openid', 'phone']],
      ['phone-email', ['openid', 'phone', 'email']],
      ['openid-only', ['openid']],
      ['profile-address', ['openid', 'profile', 'address']],
    ] as [string, Scope[]][])('gives token %s exactly the claims of %j', async (token, scopes) => {
      const response = await userInfo(`Bearer ${token}`);
      const expectedClaims = scopes
        .flatMap((scope) => CLAIMS_BY_SCOPE[scope])
        .filter((claim) => claim in fullProfile);
      expect(response.status).toBe(200);
      expect(Object.keys(response.json as object).sort()).toEqual(expectedClaims.sort());
      expect(openApiProblems(USERINFO, 'get', response)).toEqual([]);
    });

    it('answers a token registered at run time from its own persona and scopes', async () => {
      const token = mock.server.registerToken({ scopes: 'openid email' });
      const response = await userInfo(`Bearer ${token}`);
      expect(response.json).toEqual({ sub: fullProfile.sub, email: fullProfile.email });
    });
  });

  describe('HTTP around the route', () => {
    it('answers HEAD with the GET headers and no body', async () => {
      const head = await userInfo('Bearer valid', { method: 'HEAD' });
      const get = await userInfo('Bearer valid');
      expect(head.status).toBe(200);
      expect(head.text).toBe('');
      expect(head.headers['content-length']).toBe(get.headers['content-length']);
    });

    it('answers a CORS preflight so a browser may send the Authorization header', async () => {
      const response = await mock.request(USERINFO, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://app.example',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['access-control-allow-methods']).toContain('GET');
      expect(response.headers['access-control-allow-headers']?.toLowerCase()).toContain('authorization');
    });

    it('lets a browser script read the bearer challenge', async () => {
      const response = await mock.request(USERINFO, { headers: { origin: 'http://app.example' } });
      expect(response.headers['access-control-expose-headers']).toContain('WWW-Authenticate');
    });

    it('answers an unknown path with a JSON 404', async () => {
      const response = await mock.request('/v1/nothing-here', { headers: { authorization: 'Bearer valid' } });
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect((response.json as { error_description: string }).error_description).toContain(USERINFO);
    });

    it.each(['POST', 'PUT', 'DELETE', 'PATCH'])(
      'answers %s with 405 and the Allow header',
      async (method) => {
        const response = await userInfo('Bearer valid', { method });
        expect(response.status).toBe(405);
        expect(response.headers.allow).toBe('GET, HEAD, OPTIONS');
        expect((response.json as { error: string }).error).toBe('method_not_allowed');
      },
    );
  });

  describe('a token with a delay', () => {
    it('holds the answer for exactly its delay, then answers', async () => {
      // Over a socket, a raw request: fetch's own timers would be faked too.
      const send =
        door === 'node:http'
          ? () =>
              rawRequest(
                mock.url,
                `GET ${USERINFO} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer slow\r\nConnection: close\r\n\r\n`,
              )
          : () => userInfo('Bearer slow');
      const { latencyMs, answer } = await answerHeldFor(mock.server, send, 150);
      expect(latencyMs).toBe(150);
      expect(answer.status).toBe(200);
    });
  });
});

describe('CORS with an origin list (the node:http door answers per Origin)', async () => {
  const listed = await startMock({ cors: ['http://allowed.example'] });

  it('allows a listed origin and no other', async () => {
    const allowed = await request(`${listed.url}${USERINFO}`, {
      headers: { origin: 'http://allowed.example' },
    });
    const other = await request(`${listed.url}${USERINFO}`, { headers: { origin: 'http://other.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://allowed.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers.vary).toBe('Origin');
  });
});
