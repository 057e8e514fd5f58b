import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../fixtures/personas.js';
import { createMockServer, type MockServer } from '../../mock/index.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import { SCENARIOS } from '../../src/scenarios.js';
import { CLAIMS_BY_SCOPE, type Scope } from '../../src/scopes.js';
import { openApiProblems, request } from '../support/http.js';
import { useMockServer } from '../support/mock-server.js';

const USERINFO = '/v1/userinfo';
const document = loadApiDocument();

const mock = useMockServer({
  config: {
    tokens: {
      'phone-email': { scopes: ['openid', 'phone', 'email'] },
      'openid-only': { scopes: 'openid' },
      'profile-address': { scopes: ['openid', 'profile', 'address'] },
    },
  },
});

describe('GET /v1/userinfo, one request per scenario of the table', () => {
  it.each(SCENARIOS)('answers scenario $name with $status as openapi.yaml describes', async (scenario) => {
    const response = await request(`${mock.url}${USERINFO}`, {
      headers: { authorization: scenario.authorization },
    });

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
    const response = await request(`${mock.url}${USERINFO}`, { headers: { authorization: 'Bearer valid' } });
    const persona = PERSONAS.find((candidate) => candidate.id === 'full-in');
    expect(response.json).toEqual(persona?.claims);
  });

  it('names the RFC 6750 error in the challenge for a bad token, and none when no bearer token was sent', async () => {
    const expired = await request(`${mock.url}${USERINFO}`, { headers: { authorization: 'Bearer expired' } });
    const missing = await request(`${mock.url}${USERINFO}`);
    expect(expired.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="truecaller"');
  });

  it('answers an unknown token like the invalid one', async () => {
    const response = await request(`${mock.url}${USERINFO}`, {
      headers: { authorization: 'Bearer no-such-token' },
    });
    expect(response.status).toBe(401);
    expect(response.json).toEqual(getExampleValue(document, USERINFO, 'get', 401, 'invalid'));
  });

  it('ignores a query string', async () => {
    const response = await request(`${mock.url}${USERINFO}?lang=en`, {
      headers: { authorization: 'Bearer valid' },
    });
    expect(response.status).toBe(200);
  });
});

describe('claims filtered by granted scopes', () => {
  const full = PERSONAS.find((candidate) => candidate.id === 'full-in')?.claims ?? {};
  it.each([
    ['reduced-scopes', ['openid', 'phone']],
    ['phone-email', ['openid', 'phone', 'email']],
    ['openid-only', ['openid']],
    ['profile-address', ['openid', 'profile', 'address']],
  ] as [string, Scope[]][])('gives token %s exactly the claims of %j', async (token, scopes) => {
    const response = await request(`${mock.url}${USERINFO}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const expectedClaims = scopes.flatMap((scope) => CLAIMS_BY_SCOPE[scope]).filter((claim) => claim in full);
    expect(response.status).toBe(200);
    expect(Object.keys(response.json as object).sort()).toEqual(expectedClaims.sort());
    expect(openApiProblems(USERINFO, 'get', response)).toEqual([]);
  });
});

describe('HTTP around the route', () => {
  it('answers HEAD with the GET headers and no body', async () => {
    const head = await request(`${mock.url}${USERINFO}`, {
      method: 'HEAD',
      headers: { authorization: 'Bearer valid' },
    });
    const get = await request(`${mock.url}${USERINFO}`, { headers: { authorization: 'Bearer valid' } });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
  });

  it('answers a CORS preflight so a browser may send the Authorization header', async () => {
    const response = await request(`${mock.url}${USERINFO}`, {
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
    const response = await request(`${mock.url}${USERINFO}`, { headers: { origin: 'http://app.example' } });
    expect(response.headers['access-control-expose-headers']).toContain('WWW-Authenticate');
  });

  it('answers an unknown path with a JSON 404', async () => {
    const response = await request(`${mock.url}/v1/nothing-here`, {
      headers: { authorization: 'Bearer valid' },
    });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((response.json as { error_description: string }).error_description).toContain('/v1/userinfo');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('answers %s with 405 and the Allow header', async (method) => {
    const response = await request(`${mock.url}${USERINFO}`, {
      method,
      headers: { authorization: 'Bearer valid' },
    });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect((response.json as { error: string }).error).toBe('method_not_allowed');
  });
});

describe('CORS with an origin list', () => {
  let listed: MockServer;
  let listedBase: string;
  beforeAll(async () => {
    listed = createMockServer({ cors: ['http://allowed.example'] });
    listedBase = await listed.start();
  });
  afterAll(() => listed.close());

  it('allows a listed origin and no other', async () => {
    const allowed = await request(`${listedBase}${USERINFO}`, {
      headers: { origin: 'http://allowed.example' },
    });
    const other = await request(`${listedBase}${USERINFO}`, { headers: { origin: 'http://other.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://allowed.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers.vary).toBe('Origin');
  });
});

describe('a token with a delay', () => {
  let delayed: MockServer;
  let delayedBase: string;
  beforeAll(async () => {
    delayed = createMockServer({ config: { tokens: { slow: { delayMs: 150 } } } });
    delayedBase = await delayed.start();
  });
  afterAll(() => delayed.close());

  it('answers no sooner than its delay', async () => {
    const started = performance.now();
    const response = await request(`${delayedBase}${USERINFO}`, {
      headers: { authorization: 'Bearer slow' },
    });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});
