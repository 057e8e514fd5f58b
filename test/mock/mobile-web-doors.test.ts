import { describe, expect, it } from 'vitest';
import { findWebProfile } from '../../fixtures/web-profiles.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import { MOBILE_WEB_ENDPOINTS, TRUECALLER_PROFILE_URL } from '../../src/operations/mobile-web/endpoints.js';
import { WEB_PROFILE_SCENARIOS } from '../../src/operations/mobile-web/scenarios.js';
import { withStringValues } from '../../src/operations/mobile-web/web-profile.js';
import type { WebProfile } from '../../src/operations/mobile-web/wire-types.js';
import { DOORS, startMock, type DoorName, type DoorUnderTest } from '../support/doors.js';
import { openApiProblems, request, type TestResponse } from '../support/http.js';

const PATH = MOBILE_WEB_ENDPOINTS.webProfile;
const document = loadApiDocument();

// Every door at once: MSW intercepts the real hosts while the server answers on 127.0.0.1.
const doors = Object.fromEntries(
  await Promise.all(DOORS.map(async (name) => [name, await startMock(name)])),
) as Record<DoorName, DoorUnderTest>;

/** `GET /v1/default` through a door: the mock's own URL on a port, Truecaller's profile host in-process. */
async function fetchProfile(name: DoorName, authorization?: string): Promise<TestResponse> {
  const door = doors[name];
  const base = name === 'node:http' ? door.url : TRUECALLER_PROFILE_URL;
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  const response = await request(`${base}${PATH}`, { headers }, door.fetch);
  expect(openApiProblems(PATH, 'get', response)).toEqual([]);
  return response;
}

/** The same request on every door, each answer checked against openapi.yaml. */
function onEveryDoor(authorization?: string): Promise<TestResponse[]> {
  return Promise.all(DOORS.map((name) => fetchProfile(name, authorization)));
}

/** The answer without what a socket adds (and CORS, which only the node:http door sends). */
function essence(response: TestResponse): unknown {
  const headers = Object.fromEntries(
    Object.entries(response.headers).filter(
      ([name]) => !['date', 'connection', 'keep-alive'].includes(name) && !name.startsWith('access-control-'),
    ),
  );
  return { status: response.status, headers, body: response.json };
}

function expectAlike(answers: readonly TestResponse[]): void {
  const [first, ...others] = answers.map(essence);
  for (const other of others) expect(other).toEqual(first);
}

describe('GET /v1/default, on every door alike', () => {
  it.each(WEB_PROFILE_SCENARIOS)('answers built-in token $token with $status', async (scenario) => {
    const answers = await onEveryDoor(`Bearer ${scenario.token}`);
    expectAlike(answers);
    const [answer] = answers;
    expect(answer?.status).toBe(scenario.status);
    expect(answer?.headers['content-type']).toBe('application/json; charset=utf-8');
    if (scenario.kind === 'error') {
      expect(answer?.json).toEqual(getExampleValue(document, PATH, 'get', scenario.status, scenario.example));
      return;
    }
    const profile = findWebProfile(scenario.persona ?? '') as WebProfile;
    expect(answer?.json).toEqual(scenario.valuesAs === 'strings' ? withStringValues(profile) : profile);
  });

  it.each([
    ['no Authorization header', undefined],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['an unknown token', 'Bearer no-such-token'],
  ])('answers %s with the seen 401 and a bearer challenge', async (_case, authorization) => {
    const answers = await onEveryDoor(authorization);
    expectAlike(answers);
    expect(answers[0]?.status).toBe(401);
    expect(answers[0]?.json).toEqual({ status: 40101, message: 'Unauthorized' });
    expect(answers[0]?.headers['www-authenticate']).toBe('Bearer realm="truecaller"');
  });

  it.each(DOORS)(
    'answers a token registered on %s for 10 minutes of the mock’s clock, then 401',
    async (name) => {
      const { server } = doors[name];
      const token = server.registerWebToken({ persona: 'no-email' });
      const fresh = await fetchProfile(name, `Bearer ${token}`);
      expect(fresh.json).toEqual(findWebProfile('no-email'));
      expect((fresh.json as WebProfile).onlineIdentities).not.toHaveProperty('email');
      server.clock.advance(599_000);
      expect((await fetchProfile(name, `Bearer ${token}`)).status).toBe(200);
      server.clock.advance(1000);
      const expired = await fetchProfile(name, `Bearer ${token}`);
      expect([expired.status, expired.json]).toEqual([401, { status: 40101, message: 'Unauthorized' }]);
    },
  );

  it('gives a persona the fixtures do not know a web profile made from its claims', async () => {
    const { server, url } = doors['node:http'];
    const added = await request(`${url}/__admin/personas`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'web-test-persona',
        claims: { sub: '4242', given_name: 'Ravi', phone_number: '919812345678', gender: 'male' },
      }),
    });
    expect(added.status).toBe(201);
    const token = server.registerWebToken({ persona: 'web-test-persona', valuesAs: 'strings' });
    const answer = await fetchProfile('node:http', `Bearer ${token}`);
    expect(answer.json).toMatchObject({
      id: '4242',
      userId: '4242',
      phoneNumbers: ['919812345678'],
      name: { first: 'Ravi' },
      gender: 'Male',
      isActive: 'True',
      addresses: [],
    });
    expect(answer.json).not.toHaveProperty('onlineIdentities');
  });

  it('follows a persona changed through the control plane', async () => {
    const { server, url } = doors['node:http'];
    const token = server.registerWebToken({ persona: 'full-br' });
    expect((await fetchProfile('node:http', `Bearer ${token}`)).json).toEqual(findWebProfile('full-br'));
    const patched = await request(`${url}/__admin/personas/full-br`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claims: { sub: '77', given_name: 'Bia' } }),
    });
    expect(patched.status).toBe(200);
    const answer = (await fetchProfile('node:http', `Bearer ${token}`)).json as WebProfile;
    expect([answer.id, answer.name]).toEqual(['77', { first: 'Bia' }]);
    server.reset();
  });

  it.each(DOORS)('gives a web token its own fault on %s', async (name) => {
    const { server } = doors[name];
    const token = server.registerWebToken();
    server.setFault({ failure: 'service-unavailable', retryAfterS: 5 }, { webToken: token });
    const answer = await fetchProfile(name, `Bearer ${token}`);
    expect([answer.status, answer.headers['retry-after']]).toEqual([503, '5']);
    expect((await fetchProfile(name, 'Bearer web-valid')).status).toBe(200);
  });

  it('records the bearer token of each profile fetch in the journal', async () => {
    const { server } = doors.fetch;
    await fetchProfile('fetch', 'Bearer web-minimal');
    const [entry] = server.journal?.entries({ token: 'web-minimal' }) ?? [];
    expect([entry?.path, entry?.status, entry?.scenario]).toEqual([PATH, 200, 'profile']);
  });

  it('refuses bad input to registerWebToken, naming every field', () => {
    expect(() =>
      doors.fetch.server.registerWebToken({ persona: 'nobody', scenario: 'nope' as 'profile' }),
    ).toThrow(/webTokens\.[^.]+\.scenario.*|persona: no persona "nobody"/);
  });
});
