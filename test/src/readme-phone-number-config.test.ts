import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findNonTruecallerPersona } from '../../fixtures/non-truecaller-personas.js';
import { createMock, type MockConfig } from '../../mock/index.js';
import { fillPath, ENDPOINTS, TRUECALLER_OTP_URL } from '../../src/endpoints.js';
import { readResponse } from '../support/http.js';
import { ROOT } from '../support/spawn-cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe("the README's config file of phone-number tokens", () => {
  const text = [...readme.matchAll(/```json\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .find((json) => json.includes('"phoneNumberTokens"'));
  const mock = createMock({ config: JSON.parse(text ?? '{}') as MockConfig });
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
    expect((await validate('slow')).status).toBe(200);
  });
});
