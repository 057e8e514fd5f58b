import { afterEach, describe, expect, it } from 'vitest';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import { verifySignedProfile } from '../../src/operations/signed-profile/client.js';
import {
  SIGNED_PROFILE_ENDPOINTS,
  TRUECALLER_KEYS_URL,
} from '../../src/operations/signed-profile/endpoints.js';
import {
  getSignedProfileScenario,
  PROFILE_SCENARIO_NAMES,
  type ProfileScenarioName,
} from '../../src/operations/signed-profile/scenarios.js';
import { payloadOfPersona, signProfilePayload } from '../../src/operations/signed-profile/signing.js';
import { KIT_TEST_PRIVATE_KEY } from '../../src/operations/signed-profile/test-keys.js';
import type { SignedProfile } from '../../src/operations/signed-profile/wire-types.js';
import { findPersona } from '../../fixtures/personas.js';
import { DOORS, startMock } from '../support/doors.js';
import { kitErrorOf } from '../support/errors.js';
import { openApiProblems, request, type TestResponse } from '../support/http.js';

const PATH = SIGNED_PROFILE_ENDPOINTS.publicKeys;
const document = loadApiDocument();
const example = (name: Parameters<typeof getSignedProfileScenario>[0]): unknown => {
  const scenario = getSignedProfileScenario(name);
  return getExampleValue(document, PATH, 'get', scenario.status, scenario.example);
};
const NONCE = 'doors-nonce-01';

describe.each(DOORS)('GET /v1/key and signed profiles through %s', async (name) => {
  const door = await startMock(name);
  // The in-process doors answer Truecaller's own host of the keys; the server, its port.
  const base = (): string => (name === 'node:http' ? door.url : TRUECALLER_KEYS_URL);
  const keys = async (): Promise<TestResponse> => {
    const response = await request(`${base()}${PATH}`, {}, door.fetch);
    expect(openApiProblems(PATH, 'get', response)).toEqual([]);
    return response;
  };
  const signed = async (body: Record<string, unknown>): Promise<SignedProfile> => {
    const response = await door.admin('POST', '/__admin/signedProfiles', body);
    expect(response.status).toBe(200);
    expect(openApiProblems('/__admin/signedProfiles', 'post', response)).toEqual([]);
    return response.json as SignedProfile;
  };
  afterEach(() => door.server.reset());

  it('answers the served TEST key as the documented JSON array', async () => {
    const response = await keys();
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json).toEqual(example('keys'));
  });

  it('signs the same profile as the kit’s key does, byte for byte, for a nonce and a time', async () => {
    const persona = findPersona('full-in');
    const expected = signProfilePayload(
      payloadOfPersona(persona ?? { claims: {} }, { requestNonce: NONCE, requestTime: 1767225600 }),
      KIT_TEST_PRIVATE_KEY,
    );
    expect(await signed({ persona: 'full-in', requestNonce: NONCE, requestTime: 1767225600 })).toEqual(
      expected,
    );
    expect(door.server.signProfile({ requestNonce: NONCE, requestTime: 1767225600 })).toEqual(expected);
  });

  it.each(PROFILE_SCENARIO_NAMES)(
    'makes a profile of scenario %s that the reference verifier judges as the table says',
    async (scenario: ProfileScenarioName) => {
      const profile = await signed({ persona: 'full-in', requestNonce: NONCE, scenario });
      const verifying = verifySignedProfile(profile, {
        expectedNonce: NONCE,
        keysUrl: `${base()}${PATH}`,
        fetch: door.fetch,
        now: door.server.clock.now(),
      });
      if (scenario === 'signed' || scenario === 'key-rotation')
        await expect(verifying).resolves.toBeDefined();
      else await expect(kitErrorOf(verifying)).resolves.toBeDefined();
      if (scenario === 'key-rotation') expect((await keys()).json).toEqual(example('key-rotation'));
    },
  );

  it('answers the 500 of the key endpoint’s scenario, set through the control plane', async () => {
    const changed = await door.admin('PATCH', '/__admin/keyEndpoints/v1-key', {
      scenario: 'keys-server-error',
    });
    expect(changed.status).toBe(200);
    expect(openApiProblems('/__admin/keyEndpoints/{id}', 'patch', changed)).toEqual([]);
    const response = await keys();
    expect([response.status, response.json]).toEqual([500, example('keys-server-error')]);
  });

  it('answers the 503 of the key endpoint’s own fault, and the global fault when it has none', async () => {
    door.server.setKeyEndpoint({ fault: { failure: 'service-unavailable', retryAfterS: 7 } });
    const own = await keys();
    expect([own.status, own.headers['retry-after']]).toEqual([503, '7']);
    door.server.setKeyEndpoint({});
    door.server.setFault({ failure: 'too-many-requests' });
    expect((await keys()).status).toBe(429);
  });

  it('breaks the connection of the key fetch, and answers after a delay, through the fault system', async () => {
    door.server.setKeyEndpoint({ fault: { failure: 'connection-reset' } });
    await expect(request(`${base()}${PATH}`, {}, door.fetch)).rejects.toThrow();
    door.server.setKeyEndpoint({ fault: { delayMs: 20 } });
    expect((await keys()).json).toEqual(example('keys'));
  });
});
