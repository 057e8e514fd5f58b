import { afterAll, describe, expect, it } from 'vitest';
import { createMock, createMockServer, type Mock } from '../../mock/index.js';
import { validateConfig } from '../../mock/config/config-file.js';

const mock = createMock();
afterAll(() => mock.close());

const FAILURES = 'connection-reset, empty-response, truncated-json, too-many-requests, service-unavailable';
const SCOPES = 'openid, profile, phone, email, address, offline_access';
const PERSONAS =
  'full-in, minimal, unverified-phone, non-latin-name, long-name, no-email, full-pk, full-eg, full-ng, full-id, full-br, full-za, full-us';
const DELAY = 'must be milliseconds from 0 to 600000 (250) or a range of them ({ "min": 100, "max": 400 })';

/** What `call` throws: its code and its message. */
function refusal(call: (mock: Mock) => unknown): { code: unknown; message: string } {
  try {
    call(mock);
  } catch (error) {
    return { code: (error as { code?: unknown }).code, message: (error as Error).message };
  }
  throw new Error('not refused');
}

describe('register calls refuse a mistake in the words of the call', () => {
  it.each<[string, (mock: Mock) => unknown, string]>([
    [
      'an unknown scenario',
      (m) => m.registerToken({ scenario: 'teapot' as never }),
      'registerToken: scenario: must be one of valid, expired, invalid, no-profile, missing-scope, validation-error, server-error.',
    ],
    [
      'an unknown persona',
      (m) => m.registerToken({ persona: 'nobody' }),
      `registerToken: persona: no persona "nobody"; use one of ${PERSONAS}.`,
    ],
    [
      'inline claims for a persona',
      (m) => m.registerToken({ persona: { sub: '1' } as never }),
      "registerToken: persona must be a persona's id or null (add personas with createMock({ config: { personas } }) or POST /__admin/personas).",
    ],
    [
      'an unknown field',
      (m) => m.registerToken({ colour: 'red' } as never),
      'registerToken: unknown field "colour".',
    ],
    [
      'a token taken',
      (m) => m.registerToken({ token: 'valid' }),
      'registerToken: token "valid" is taken; give another, or leave token out for a new one.',
    ],
    [
      'a token that is no bearer token',
      (m) => m.registerToken({ token: 'a b' }),
      'registerToken: token: "a b" is not a valid bearer token (RFC 6750 b64token: letters, digits, -._~+/ then optional =).',
    ],
    [
      'a fault that is two mistakes',
      (m) => m.registerToken({ fault: { failure: 'explode', delayMs: -1 } as never }),
      `registerToken: fault.delayMs: must be >= 0; fault.failure: must be one of ${FAILURES}.`,
    ],
    [
      'scopes and a challenge',
      (m) => m.registerCode({ scopes: 'fly', codeChallenge: 'x' }),
      `registerCode: scopes: must be a space-separated list of ${SCOPES}; codeChallenge: must be an S256 challenge, 43 characters of base64url (createPkcePair() makes one).`,
    ],
    [
      'an unknown client',
      (m) => m.registerCode({ clientId: 'nope' }),
      'registerCode: clientId: no client "nope"; use one of kit-test-client, kit-restricted-client.',
    ],
    [
      'a code taken',
      (m) => m.registerCode({ code: 'valid-code' }),
      'registerCode: code "valid-code" is taken; give another, or leave code out for a new one.',
    ],
    [
      'a fault delay that is neither milliseconds nor a range',
      (m) => m.registerCode({ fault: { delayMs: 'soon' } as never }),
      `registerCode: fault.delayMs: ${DELAY}.`,
    ],
    [
      'a phone number that is not digits',
      (m) => m.registerPhoneNumberToken({ phoneNumber: 'abc' }),
      'registerPhoneNumberToken: phoneNumber: must be the calling code and national number, digits only (919812345678).',
    ],
    [
      'a negative fault delay',
      (m) => m.registerPhoneNumberToken({ fault: { delayMs: -1 } }),
      'registerPhoneNumberToken: fault.delayMs: must be >= 0.',
    ],
  ])('%s', (_, call, message) => {
    expect(refusal(call).message).toBe(message);
  });

  it('keeps the stable code of each call', () => {
    expect(refusal((m) => m.registerToken({ persona: 'nobody' })).code).toBe('ERR_TOKEN_INVALID');
    expect(refusal((m) => m.registerCode({ clientId: 'nope' })).code).toBe('ERR_CODE_INVALID');
    expect(refusal((m) => m.registerPhoneNumberToken({ phoneNumber: 'abc' })).code).toBe('ERR_TOKEN_INVALID');
  });
});

describe('setFault refuses a mistake in the words of the fault it was given', () => {
  it.each<[string, (mock: Mock) => unknown, string]>([
    [
      'an unknown failure and a negative delay, one message each',
      (m) => m.setFault({ failure: 'explode', delayMs: -1 } as never),
      `setFault: delayMs: must be >= 0; failure: must be one of ${FAILURES}.`,
    ],
    [
      'a delay that is neither milliseconds nor a range',
      (m) => m.setFault({ delayMs: 1.5 }),
      `setFault: delayMs: ${DELAY}.`,
    ],
    [
      'a range that runs backwards',
      (m) => m.setFault({ delayMs: { min: 5, max: 1 } }),
      'setFault: delayMs: min (5) must not exceed max (1).',
    ],
    ['an unknown field', (m) => m.setFault({ colour: 1 } as never), 'setFault: unknown field "colour".'],
    [
      "a token's fault",
      (m) => m.setFault({ failure: 'explode' } as never, { token: m.registerToken() }),
      `setFault: failure: must be one of ${FAILURES}.`,
    ],
    [
      'a token the mock does not have',
      (m) => m.setFault({ failure: 'too-many-requests' }, { token: 'nope' }),
      'setFault: no token "nope" in this mock.',
    ],
  ])('%s', (_, call, message) => {
    expect(refusal(call)).toEqual({ code: 'ERR_FAULT_INVALID', message });
  });
});

describe('a config file with a fault delay of no form it may take', () => {
  it('gets one line for it, not one per branch of the schema', () => {
    expect(refusal(() => validateConfig({ fault: { delayMs: '250' } }, 'mock.json')).message).toBe(
      `The config mock.json is invalid:\n  - fault.delayMs: ${DELAY}`,
    );
  });
});

describe('options refused in the words of the call they were given to', () => {
  it('names createMock', () => {
    expect(refusal(() => createMock({ tokenLifetimeSeconds: -1, colour: 1 } as never))).toEqual({
      code: 'ERR_OPTIONS_INVALID',
      message:
        'createMock: unknown option "colour"; tokenLifetimeSeconds must be a whole number of seconds from 1 to 31536000, got -1.',
    });
  });

  it('names createMockServer, and a fault option once per mistake', () => {
    const options = { host: '999.1.1.1', fault: { delayMs: 'soon' } } as never;
    expect(refusal(() => createMockServer(options))).toEqual({
      code: 'ERR_OPTIONS_INVALID',
      message: `createMockServer: fault.delayMs: ${DELAY}; host must be an IP address or "localhost", got "999.1.1.1".`,
    });
  });
});
