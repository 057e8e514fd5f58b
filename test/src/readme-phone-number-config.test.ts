import { afterAll, describe, expect, it } from 'vitest';
import { findNonTruecallerPersona } from '../../fixtures/non-truecaller-personas.js';
import { createMock, type MockConfig } from '../../mock/index.js';
import { fillPath } from '../../src/paths.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { TRUECALLER_OTP_URL } from '../../src/operations/phone-number/endpoints.js';
import { answerHeldFor } from '../support/fake-time.js';
import { readResponse } from '../support/http.js';
import { readmeExample } from '../support/readme.js';

describe("the README's config file of phone-number tokens", () => {
  const mock = createMock({ config: JSON.parse(readmeExample('phone-number-config')) as MockConfig });
  afterAll(() => mock.close());
  const validate = async (token: string) =>
    readResponse(
      await mock.fetch(`${TRUECALLER_OTP_URL}${fillPath(ENDPOINTS.phoneNumberDetail, token)}`, {
        headers: { clientId: 'kit-test-client' },
      }),
    );

  it('serves each of its tokens as the README says', async () => {
    expect((await validate('ravi-otp')).json).toEqual({ phoneNumber: 919812345678, countryCode: 'IN' });
    expect((await validate('string-form')).json).toEqual({
      phoneNumber: findNonTruecallerPersona('non-truecaller-in')?.phoneNumber,
      countryCode: 'IN',
    });
    expect(((await validate('gone')).json as { code: number }).code).toBe(1404);
    // Its own scenario, not the answer any unknown token gets.
    expect(mock.journal?.entries({ token: 'gone' }).at(-1)?.scenario).toBe('invalid-token');
    const slow = await answerHeldFor(mock, () => validate('slow'), 400);
    expect(slow.latencyMs).toBe(400);
    expect(slow.answer.status).toBe(200);
  });
});
