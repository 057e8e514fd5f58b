import { describe, expect, it } from 'vitest';
import { fillPath } from '../../src/paths.js';
import { TRUECALLER_OTP_URL } from '../../src/operations/phone-number/endpoints.js';
import { DEFAULT_CLIENT_ID } from '../../src/operations/token/grants.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import { PHONE_NUMBER_CALLS } from '../../src/operations/phone-number/calls.js';
import { PHONE_NUMBER_SCENARIOS } from '../../src/operations/phone-number/scenarios.js';
import { findNonTruecallerPersona } from '../../fixtures/non-truecaller-personas.js';
import { openApiProblems, readResponse, request, type TestResponse } from '../support/http.js';
import { startMock } from '../support/doors.js';

const document = loadApiDocument();
const CALLS = Object.values(PHONE_NUMBER_CALLS);
const persona = findNonTruecallerPersona('non-truecaller-in');

/** How a test reaches the mock through one door: a path (and headers) in, the whole answer out. */
type Door = (path: string, headers: Record<string, string>) => Promise<TestResponse>;

const server = await startMock();
const inProcess = await startMock('fetch');
// Its own mock, which MSW serves on Truecaller's hosts through the global fetch.
await startMock('msw');

const DOORS: readonly [string, Door][] = [
  [
    'node:http, on the port of the OAuth API',
    (path, headers) => request(`${server.url}${path}`, { headers }),
  ],
  [
    'fetch (mock.fetch)',
    async (path, headers) => readResponse(await inProcess.fetch(`${TRUECALLER_OTP_URL}${path}`, { headers })),
  ],
  [
    'MSW, intercepting the documented host',
    async (path, headers) => readResponse(await fetch(`${TRUECALLER_OTP_URL}${path}`, { headers })),
  ],
];

describe.each(DOORS)('the validation call through %s', (_door, send) => {
  describe.each(CALLS)('in its SDK $sdk form', (call) => {
    const credentials = { [call.credentialHeader]: DEFAULT_CLIENT_ID };

    it.each(PHONE_NUMBER_SCENARIOS)(
      'answers built-in token $token with $status as openapi.yaml describes',
      async (scenario) => {
        const response = await send(fillPath(call.path, scenario.token), credentials);
        expect(response.status).toBe(scenario.status);
        expect(openApiProblems(call.path, 'get', response)).toEqual([]);
        expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
        if (scenario.kind === 'error') {
          expect(response.json).toEqual(
            getExampleValue(document, call.path, 'get', scenario.status, scenario.example),
          );
        } else {
          const phoneNumber =
            scenario.phoneNumberAs === 'string' ? persona?.phoneNumber : Number(persona?.phoneNumber);
          expect(response.json).toEqual({ phoneNumber, countryCode: 'IN' });
        }
      },
    );

    it('answers an unknown token with the documented 404 code 1404', async () => {
      const response = await send(fillPath(call.path, 'no-such-token'), credentials);
      expect([response.status, response.json]).toEqual([
        404,
        { code: 1404, message: 'Invalid access token.' },
      ]);
      expect(openApiProblems(call.path, 'get', response)).toEqual([]);
    });

    it.each([
      ['no credentials header', {}],
      ['an unknown client', { [call.credentialHeader]: 'someone-else' }],
    ])('answers %s with the documented 404 code 404', async (_case, headers) => {
      const response = await send(fillPath(call.path, 'otp-valid'), headers);
      expect([response.status, response.json]).toEqual([
        404,
        { code: 404, message: 'Invalid partner credentials.' },
      ]);
      expect(openApiProblems(call.path, 'get', response)).toEqual([]);
    });
  });
});
