import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../../fixtures/personas.js';
import { getExampleValue, loadApiDocument } from '../../../src/openapi/api-document.js';
import { DEFAULT_PERSONA } from '../../../src/user-info.js';
import { SCENARIOS } from '../../../src/operations/userinfo/scenarios.js';
import { filterClaimsByScopes } from '../../../src/scopes.js';
import { getUserInfo } from '../../../src/operations/userinfo/client.js';
import { parseChallenge } from '../../../src/www-authenticate.js';
import { kitErrorOf } from '../../support/errors.js';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { startMock } from '../../support/doors.js';

const document = loadApiDocument();
const persona = PERSONAS.find((candidate) => candidate.id === DEFAULT_PERSONA);

const mock = await startMock();

describe('getUserInfo', () => {
  it('reads the path it calls from openapi.yaml', () => {
    expect(document.paths?.[ENDPOINTS.userinfo]?.get).toBeDefined();
  });

  it.each(SCENARIOS.filter((scenario) => scenario.kind === 'profile'))(
    'resolves with the claims of the scopes for scenario $name',
    async (scenario) => {
      const profile = await getUserInfo(scenario.token, { baseUrl: mock.url });
      expect(profile).toEqual(filterClaimsByScopes(persona?.claims ?? {}, scenario.scopes ?? []));
    },
  );

  it.each(SCENARIOS.filter((scenario) => scenario.kind !== 'profile'))(
    'throws ERR_API_REJECTED with the status and OAuth error for scenario $name',
    async (scenario) => {
      const expected = getExampleValue(
        document,
        ENDPOINTS.userinfo,
        'get',
        scenario.status,
        scenario.example,
      ) as {
        error: string;
        error_description: string;
      };
      const error = await kitErrorOf(getUserInfo(scenario.token, { baseUrl: mock.url }));
      expect(error.code).toBe('ERR_API_REJECTED');
      expect(error.response).toMatchObject({
        status: scenario.status,
        error: expected.error,
        errorDescription: expected.error_description,
      });
      expect(error.message).toContain(String(scenario.status));
      if (scenario.status === 401) expect(error.response?.challenge?.scheme).toBe('Bearer');
      else expect(error.response?.challenge).toBeUndefined();
    },
  );

  it('carries the RFC 6750 error of the challenge for an expired token', async () => {
    const error = await kitErrorOf(getUserInfo('expired', { baseUrl: mock.url }));
    expect(error.response?.challenge?.params).toMatchObject({ realm: 'truecaller', error: 'invalid_token' });
  });
});

describe('parseChallenge', () => {
  it.each([
    ['Bearer realm="truecaller"', { scheme: 'Bearer', params: { realm: 'truecaller' } }],
    [
      'Bearer realm="a", error="invalid_token", error_description="say \\"hi\\""',
      { scheme: 'Bearer', params: { realm: 'a', error: 'invalid_token', error_description: 'say "hi"' } },
    ],
    ['Bearer', { scheme: 'Bearer', params: {} }],
    ['bearer Realm=x', { scheme: 'bearer', params: { realm: 'x' } }],
  ])('parses %s', (header, expected) => {
    expect(parseChallenge(header)).toEqual(expected);
  });

  it.each([undefined, null, '', '   '])('answers null for %j', (header) => {
    expect(parseChallenge(header)).toBeNull();
  });
});
