import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findNonTruecallerPersona } from '../../fixtures/non-truecaller-personas.js';
import { createMock, type MockConfig } from '../../mock/index.js';
import { fillPath, ENDPOINTS, TRUECALLER_OTP_URL } from '../../src/endpoints.js';
import { readResponse } from '../support/http.js';
import { ROOT } from '../support/spawn-cli.js';

// The README's backend test, run as written: its block is written to a file of its own and imported here,
// so its describe and it calls join this file's suite. The package's names resolve to this source tree
// (vitest.config.ts), as they resolve to the installed package in a user's project.
const HEADING = '### A backend test for both kinds of user';
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf(HEADING)))?.[1];
if (!readme.includes(HEADING) || block === undefined)
  throw new Error(`README.md lacks a ts block under "${HEADING}"`);
const file = join(mkdtempSync(join(tmpdir(), 'kit-readme-')), 'both-kinds-of-user.test.ts');
writeFileSync(file, block);
await import(file);

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
