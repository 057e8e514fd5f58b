import { describe, expect, it } from 'vitest';
import { findNonTruecallerPersona } from '../../../fixtures/non-truecaller-personas.js';
import { validatePhoneNumberToken } from '../../../src/operations/phone-number/client.js';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { fillPath } from '../../../src/paths.js';
import { DEFAULT_CLIENT_ID } from '../../../src/operations/token/grants.js';
import { PHONE_NUMBER_SCENARIOS } from '../../../src/operations/phone-number/scenarios.js';
import { phoneNumberErrorBody } from '../../support/examples.js';
import { kitErrorOf } from '../../support/errors.js';
import { startMock } from '../../support/doors.js';

const mock = await startMock();
const persona = findNonTruecallerPersona('non-truecaller-in');

const answering =
  (body: unknown): typeof fetch =>
  () =>
    Promise.resolve(Response.json(body));

describe('validatePhoneNumberToken', () => {
  it.each(PHONE_NUMBER_SCENARIOS.filter((scenario) => scenario.kind === 'verified'))(
    'resolves with the number as digits for scenario $name, whichever JSON type the answer used',
    async (scenario) => {
      const verified = await validatePhoneNumberToken(scenario.token, {
        baseUrl: mock.url,
        clientId: DEFAULT_CLIENT_ID,
      });
      expect(verified).toEqual({ phoneNumber: persona?.phoneNumber, countryCode: 'IN' });
    },
  );

  it.each(PHONE_NUMBER_SCENARIOS.filter((scenario) => scenario.kind === 'error'))(
    'throws ERR_API_REJECTED with the status, code and message for scenario $name',
    async (scenario) => {
      const body = phoneNumberErrorBody(scenario);
      const error = await kitErrorOf(
        validatePhoneNumberToken(scenario.token, { baseUrl: mock.url, clientId: DEFAULT_CLIENT_ID }),
      );
      expect(error.code).toBe('ERR_API_REJECTED');
      expect(error.response).toEqual({ status: scenario.status, code: body.code, message: body.message });
      expect(error.message).toContain(`answered ${scenario.status} code ${body.code}: ${body.message}`);
    },
  );

  it('sends the client id it is given, so an unknown one gets the documented code 404', async () => {
    const error = await kitErrorOf(
      validatePhoneNumberToken('otp-valid', { baseUrl: mock.url, clientId: 'not-a-partner' }),
    );
    expect(error.response).toMatchObject({ status: 404, code: 404 });
  });

  it('calls the SDK 2.8 form (no /client/, the appKey header) when asked', async () => {
    const verified = await validatePhoneNumberToken('otp-valid', {
      baseUrl: mock.url,
      clientId: DEFAULT_CLIENT_ID,
      sdk: '2.8',
    });
    expect(verified.countryCode).toBe('IN');
    const [seen] =
      mock.server.journal?.entries({ path: fillPath(ENDPOINTS.phoneNumberDetailLegacy, 'otp-valid') }) ?? [];
    expect(seen?.status).toBe(200);
  });

  it.each([
    ['no phone number', { countryCode: 'IN' }],
    ['a number with a plus sign', { phoneNumber: '+919812345678', countryCode: 'IN' }],
    ['a fractional number', { phoneNumber: 9198123456.5, countryCode: 'IN' }],
    ['no country', { phoneNumber: 919812345678 }],
  ])('throws ERR_API_INVALID for a 200 with %s', async (_case, body) => {
    const error = await kitErrorOf(
      validatePhoneNumberToken('otp-valid', {
        baseUrl: 'http://127.0.0.1:9',
        clientId: DEFAULT_CLIENT_ID,
        fetch: answering(body),
      }),
    );
    expect(error.code).toBe('ERR_API_INVALID');
    expect(error.message).toContain('a phoneNumber (digits, as a number or a string) and a countryCode');
  });
});
